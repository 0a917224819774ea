// The BigEarthNet v2 (reBEN) metadata table as CSV: labels and splits of every patch.
//
// reBEN ships it as Parquet (metadata.parquet); eorun reads a CSV conversion of it (no C++
// Parquet reader is packaged in Debian): one header line naming at least the columns
//   patch_id,s1_name,split,labels
// (others are ignored), `split` one of train, validation, test, and `labels` the list of 19-class
// names joined with ';', quoted by RFC 4180 when a name holds a comma
// ("Broad-leaved forest;Transitional woodland, shrub").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace eorun::bigearthnet {

struct MetadataRow {
  std::string patch_id;  // S2 patch name
  std::string s1_name;   // S1 patch name (may be empty)
  std::string split;     // "train", "validation" or "test"
  std::vector<int> labels19;  // sorted, unique 19-class indices
  std::size_t line = 0;       // where the row starts in the file, for messages
};

struct MetadataTable {
  std::filesystem::path path;
  std::vector<MetadataRow> rows;                       // in file order
  std::unordered_map<std::string, std::size_t> index;  // patch_id -> row

  // The row of `patch_id`, or null.
  const MetadataRow* find(const std::string& patch_id) const;
};

// The metadata table's name for an eorun split: train -> "train", val -> "validation",
// test -> "test".
std::string metadata_split_name(const std::string& split);

// Reads the table at `path`. Throws eorun::Error naming the file (and line) when it is missing
// (the remedy shows the one-line Parquet conversion), lacks one of the four columns, lists a
// patch twice, has a split other than train/validation/test, or a label that is not one of the
// 19 class names (byte-exact).
MetadataTable read_metadata(const std::filesystem::path& path);

}  // namespace eorun::bigearthnet
