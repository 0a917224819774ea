// The items of a comma-list option (CLI11 splits "a, b" at the commas and keeps the spaces).
#pragma once

#include <string>
#include <vector>

namespace eorun {

// Each item without surrounding blanks; blank items dropped.
inline std::vector<std::string> trimmed_items(const std::vector<std::string>& items) {
  std::vector<std::string> out;
  for (const std::string& item : items) {
    const std::size_t first = item.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    out.push_back(item.substr(first, item.find_last_not_of(" \t") - first + 1));
  }
  return out;
}

}  // namespace eorun
