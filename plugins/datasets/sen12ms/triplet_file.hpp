// Opening the files of a SEN12MS triplet with the checks of the published layout, and the check
// every listed triplet gets when a dataset is made: a triplet whose files exist but are broken is
// reported and skipped (the archive has one, ROIs1868_summer_s1_146_p202), never a crash.
#pragma once

#include <filesystem>
#include <string>

#include "igbp.hpp"
#include "patch_name.hpp"
#include "support/raster_file.hpp"

namespace eorun::sen12ms {

// The `modality` file of `name` under `root`, opened and checked: at least 13 UInt16 bands (s2),
// 2 Float32 bands (s1), or 1 band of an integer type (lc; band 1 holds the IGBP class). Throws
// eorun::Error (subject "sen12ms sample '<id>'") naming the file when it is missing, unreadable
// or of another layout.
support::RasterFile open_triplet_file(const std::filesystem::path& root, const PatchName& name,
                                      Modality modality);

struct TripletCheck {
  enum class Status {
    ok,
    missing,  // a file does not exist: the split list and the data disagree (an error)
    damaged,  // a file exists but cannot serve (skipped with its reason)
  };
  Status status = Status::ok;
  std::string problem;         // missing: the file's path; damaged: why, naming the file
  int width = 0, height = 0;   // the triplet's pixels (status ok)
  ClassCounts counts;          // its lc band 1 (status ok; counts.valid > 0)
};

// Checks the files of `name` a dataset serving s1 and/or s2 bands needs: each exists, opens and
// has the layout's bands and data type, all have one size, the last row of the s1/s2 file reads
// (a truncated file fails there), and lc band 1 (read whole, for the labels) holds at least one
// valid class. Never throws eorun::Error: what is wrong is in the result.
TripletCheck check_triplet(const std::filesystem::path& root, const PatchName& name, bool with_s1,
                           bool with_s2);

}  // namespace eorun::sen12ms
