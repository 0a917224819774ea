// Text as one word of a POSIX shell command line: as it is when it holds only characters no shell
// treats specially, else in single quotes (a ' inside written as '\''). For commands eorun shows
// or writes into scripts (reproduce commands, sbatch scripts, --dry-run).
#pragma once

#include <string>

namespace eorun {

inline std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                             "0123456789/._-+:=@%,") == std::string::npos;
  if (plain) return text;
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace eorun
