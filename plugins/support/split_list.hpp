// Reading split lists: the text files that say which samples a split holds, one name per line.
// Official split files of a data set (a file name per line, e.g. EuroSAT's eurosat-train.txt) and
// the split lists `eorun data split` writes (a sample id per line) are both of this form.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace eorun::support {

struct ListedName {
  std::string name;      // trimmed of surrounding white space
  std::size_t line = 0;  // 1-based
};

// The names in `path`, in file order. Blank lines, surrounding spaces and tabs, the \r of
// Windows line ends and a UTF-8 byte-order mark are skipped. Throws eorun::Error (subject
// "split file '<path>'", with " line N" for a line's fault) when the file does not exist (with
// `remedy`), cannot be read, lists no name, or lists a name twice.
std::vector<ListedName> read_split_list(const std::filesystem::path& path,
                                        const std::string& remedy);

// `file` (a split parameter's value) as a lexically normal path: relative to `base` (made
// absolute) unless it is absolute itself or `base` is empty.
std::filesystem::path split_list_path(const std::filesystem::path& base, const std::string& file);

}  // namespace eorun::support
