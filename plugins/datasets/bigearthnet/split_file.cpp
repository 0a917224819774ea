#include "split_file.hpp"

#include <fstream>
#include <unordered_map>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {

namespace {

std::string trim(const std::string& text) {
  const char* space = " \t\r\n";
  std::size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  std::size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

}  // namespace

std::vector<SplitEntry> read_split_file(const std::filesystem::path& path) {
  const std::string subject = "split file '" + path.string() + "'";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(subject, "does not exist",
                "put the split CSV (no header; S2_patch,S1_patch per line) or split list (one "
                "S2 patch per line) there, or set dataset.split_train/split_val/split_test to "
                "its name relative to dataset.root");
  std::ifstream in(path);
  if (!in) throw Error(subject, "cannot be opened for reading", "check its permissions");

  std::vector<SplitEntry> entries;
  std::unordered_map<std::string, std::size_t> seen;  // S2 patch -> line number
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::string text = trim(line);
    if (text.empty()) continue;
    SplitEntry entry;
    std::size_t comma = text.find(',');
    if (comma == std::string::npos) {
      entry.s2_patch = text;
    } else {
      if (text.find(',', comma + 1) != std::string::npos)
        throw Error(subject + " line " + std::to_string(line_number),
                    "has more than two columns: '" + text + "'",
                    "each line is S2_patch_name,S1_patch_name");
      entry.s2_patch = trim(text.substr(0, comma));
      entry.s1_patch = trim(text.substr(comma + 1));
    }
    if (entry.s2_patch.empty())
      throw Error(subject + " line " + std::to_string(line_number), "has no S2 patch name",
                  "each line is S2_patch_name,S1_patch_name");
    auto [it, inserted] = seen.emplace(entry.s2_patch, line_number);
    if (!inserted)
      throw Error(
          subject + " line " + std::to_string(line_number),
          "patch '" + entry.s2_patch + "' is already listed on line " + std::to_string(it->second),
          "list each patch once");
    entries.push_back(std::move(entry));
  }
  if (in.bad()) throw Error(subject, "could not be read to the end", "check the disk");
  if (entries.empty())
    throw Error(subject, "lists no patches",
                "write one S2_patch_name,S1_patch_name (or one S2 patch name) per line");
  return entries;
}

}  // namespace eorun::bigearthnet
