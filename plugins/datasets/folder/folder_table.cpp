#include "folder_table.hpp"

#include <algorithm>
#include <unordered_map>

#include "eorun/error.hpp"
#include "support/csv_file.hpp"

namespace eorun::folder {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat =
    "write a header `path,label` (optionally with `split` and `group` columns) and one row per "
    "file";

std::string trim(const std::string& text) {
  const char* space = " \t";
  const std::size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::vector<std::string> split_labels(const std::string& field, const std::string& where) {
  std::vector<std::string> labels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = field.find(';', start);
    std::string label = trim(field.substr(start, end == std::string::npos ? end : end - start));
    if (!label.empty()) {
      if (std::find(labels.begin(), labels.end(), label) != labels.end())
        throw Error(where, "names label '" + label + "' twice", "name each label of a row once");
      labels.push_back(std::move(label));
    }
    if (end == std::string::npos) return labels;
    start = end + 1;
  }
}

std::string split_value(const std::string& field, const std::string& where) {
  const std::string value = trim(field);
  if (value == "train" || value == "val" || value == "test") return value;
  if (value == "validation") return "val";
  throw Error(where, "has split '" + value + "'",
              "write train, val (or validation) or test in the split column");
}

}  // namespace

fs::path FolderTable::file(const FolderRow& row) const {
  const fs::path path(row.path);
  return (path.is_absolute() ? path : csv.parent_path() / path).lexically_normal();
}

FolderTable read_folder_table(const fs::path& csv) {
  const support::CsvTable table = support::read_csv(
      csv, true, "csv file",
      "set dataset.csv to the table of your files (`path,label` per line; `eorun data synth "
      "--dataset folder --out DIR` writes an example)");
  const std::string subject = "csv file '" + csv.string() + "'";
  if (!table.column("path") || !table.column("label")) {
    std::string found;
    for (const std::string& h : table.header) found += (found.empty() ? "" : ",") + h;
    throw Error(subject, "has no `path` and `label` columns (its header is '" + found + "')",
                kFormat);
  }
  FolderTable out;
  out.csv = csv;
  const std::size_t path_column = *table.column("path");
  const std::size_t label_column = *table.column("label");
  const auto split_column = table.column("split");
  const auto group_column = table.column("group");
  out.has_split = split_column.has_value();
  out.has_group = group_column.has_value();
  std::unordered_map<std::string, std::size_t> seen;  // path -> line
  for (const support::CsvRow& row : table.rows) {
    const std::string where = subject + " line " + std::to_string(row.line);
    FolderRow entry;
    entry.line = row.line;
    entry.path = trim(row.fields[path_column]);
    if (entry.path.empty()) throw Error(where, "has no path", kFormat);
    const auto [it, inserted] = seen.emplace(entry.path, row.line);
    if (!inserted)
      throw Error(where,
                  "'" + entry.path + "' is already listed on line " + std::to_string(it->second),
                  "list each file once");
    entry.labels = split_labels(row.fields[label_column], where);
    if (split_column) entry.split = split_value(row.fields[*split_column], where);
    if (group_column) entry.group = trim(row.fields[*group_column]);
    out.rows.push_back(std::move(entry));
  }
  if (out.rows.empty()) throw Error(subject, "lists no files", kFormat);
  return out;
}

}  // namespace eorun::folder
