// The CSV table of a `folder` data set: one row per image file, `path,label[,split][,group]`.
//
//   path   the file (GeoTIFF, JPEG or PNG), relative to the CSV's folder or absolute
//   label  its class names joined by ';' (one for single-label data; none, one or more for
//          multi-label data)
//   split  optional: train, val (or validation) or test
//   group  optional: the scene the file comes from (samples of one scene stay in one split
//          when `eorun data split --group-by scene` draws a split)
// Read with support::read_csv (RFC 4180: quote a field that holds a comma).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace eorun::folder {

struct FolderRow {
  std::string path;                 // as written in the CSV: the sample id
  std::vector<std::string> labels;  // trimmed, in the order written, no duplicates
  std::string split;                // "train", "val", "test"; empty without a split column
  std::string group;                // empty without a group column
  std::size_t line = 0;             // 1-based line of the CSV
};

struct FolderTable {
  std::filesystem::path csv;  // absolute
  bool has_split = false;
  bool has_group = false;
  std::vector<FolderRow> rows;

  // The file of `row`: its path relative to the CSV's folder, or as written when absolute.
  std::filesystem::path file(const FolderRow& row) const;
};

// Reads and checks the table: a header with `path` and `label` columns (and optionally `split`
// and `group`), at least one row, no empty or repeated path, split values train/val/test
// ("validation" is read as val), no label named twice in a row. Throws eorun::Error naming the
// file and line.
FolderTable read_folder_table(const std::filesystem::path& csv);

}  // namespace eorun::folder
