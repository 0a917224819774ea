#include "split_list.hpp"

#include <fstream>
#include <unordered_map>

#include "eorun/error.hpp"

namespace eorun::support {

namespace {

std::string trim(const std::string& text) {
  const char* space = " \t\r\n";
  const std::size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

std::vector<ListedName> read_split_list(const std::filesystem::path& path,
                                        const std::string& remedy) {
  const std::string subject = "split file '" + path.string() + "'";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw Error(subject, "does not exist", remedy);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(subject, "cannot be opened for reading", "check its permissions");

  std::vector<ListedName> names;
  std::unordered_map<std::string, std::size_t> seen;  // name -> line
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (number == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    std::string name = trim(line);
    if (name.empty()) continue;
    const auto [it, inserted] = seen.emplace(name, number);
    if (!inserted)
      throw Error(subject + " line " + std::to_string(number),
                  "'" + name + "' is already listed on line " + std::to_string(it->second),
                  "list each sample once");
    names.push_back({std::move(name), number});
  }
  if (in.bad()) throw Error(subject, "could not be read to the end", "check the disk");
  if (names.empty())
    throw Error(subject, "lists no samples (the split is empty)",
                "write one file name or sample id per line");
  return names;
}

std::filesystem::path split_list_path(const std::filesystem::path& base, const std::string& file) {
  const std::filesystem::path path(file);
  if (path.is_absolute() || base.empty()) return path.lexically_normal();
  return (std::filesystem::absolute(base) / path).lexically_normal();
}

}  // namespace eorun::support
