#include "metadata_table.hpp"

#include <algorithm>

#include "eorun/error.hpp"
#include "label_map.hpp"
#include "support/csv_file.hpp"

namespace eorun::bigearthnet {

namespace {

constexpr const char* kConversion =
    "convert reBEN's metadata.parquet once, e.g. with pandas: python3 -c \"import pandas as pd; "
    "d = pd.read_parquet('metadata.parquet'); d['labels'] = d['labels'].map(';'.join); "
    "d[['patch_id', 's1_name', 'split', 'labels']].to_csv('metadata.csv', index=False)\", and "
    "set dataset.metadata to its name relative to dataset.root";
constexpr const char* kSplits[] = {"train", "validation", "test"};

std::vector<int> parse_labels(const std::string& field, const std::string& patch,
                              const std::string& where) {
  std::vector<int> labels;
  if (field.empty()) return labels;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = field.find(';', start);
    const std::string name = field.substr(start, end - start);
    std::optional<int> index = clc19_index(name);
    if (!index)
      throw Error(where,
                  "patch '" + patch + "' has label '" + name +
                      "', which is not one of the 19 BigEarthNet classes",
                  "use the exact 19-class names of BigEarthNet v2 (case and punctuation matter), "
                  "joined with ';' without spaces, e.g. 'Broad-leaved forest;Transitional "
                  "woodland, shrub' (quoted, as it holds a comma)");
    labels.push_back(*index);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::sort(labels.begin(), labels.end());
  labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
  return labels;
}

}  // namespace

const MetadataRow* MetadataTable::find(const std::string& patch_id) const {
  auto it = index.find(patch_id);
  return it == index.end() ? nullptr : &rows[it->second];
}

std::string metadata_split_name(const std::string& split) {
  return split == "val" ? "validation" : split;
}

MetadataTable read_metadata(const std::filesystem::path& path) {
  const support::CsvTable csv = support::read_csv(path, /*has_header=*/true, "metadata", kConversion);
  const std::size_t patch_column = csv.require_column("patch_id");
  const std::size_t s1_column = csv.require_column("s1_name");
  const std::size_t split_column = csv.require_column("split");
  const std::size_t labels_column = csv.require_column("labels");

  MetadataTable table;
  table.path = path;
  table.rows.reserve(csv.rows.size());
  for (const support::CsvRow& row : csv.rows) {
    const std::string where = "metadata '" + path.string() + "' line " + std::to_string(row.line);
    MetadataRow out;
    out.line = row.line;
    out.patch_id = row.fields[patch_column];
    out.s1_name = row.fields[s1_column];
    out.split = row.fields[split_column];
    if (out.patch_id.empty())
      throw Error(where, "has an empty patch_id", "every row names its S2 patch");
    if (std::find(std::begin(kSplits), std::end(kSplits), out.split) == std::end(kSplits))
      throw Error(where, "patch '" + out.patch_id + "' has split '" + out.split + "'",
                  "BigEarthNet v2 splits are train, validation and test");
    out.labels19 = parse_labels(row.fields[labels_column], out.patch_id, where);
    auto [it, inserted] = table.index.emplace(out.patch_id, table.rows.size());
    if (!inserted)
      throw Error(where,
                  "patch '" + out.patch_id + "' is already listed on line " +
                      std::to_string(table.rows[it->second].line),
                  "list each patch once");
    table.rows.push_back(std::move(out));
  }
  return table;
}

}  // namespace eorun::bigearthnet
