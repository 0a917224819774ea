// The two GeoTIFFs of a scene prediction, written row by row under temporary names in the output
// folder and renamed to their final names only when complete (commit): an error or Ctrl-C
// leaves nothing under classes.tif / scores.tif.
//
//   classes.tif  Byte. Single-label: one band, the winning class index, with a colour table and
//                the class names in the metadata item EORUN_CLASSES (a JSON array, index order).
//                Multi-label: one 0/1 band per class (score >= threshold), described by its name.
//   scores.tif   Float32. One band, the winning score (softmax probability; for multi-label the
//                largest sigmoid), or with all_scores one band per class, described by its name.
// Both carry the georeference given and the metadata items given.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"
#include "support/gdal_support.hpp"

namespace eorun {

inline constexpr const char* kClassesFile = "classes.tif";
inline constexpr const char* kScoresFile = "scores.tif";

struct SceneOutputLayout {
  std::filesystem::path dir;
  int width = 0;
  int height = 0;
  support::Georeference georeference;  // of the output grid
  Task task = Task::single_label;
  std::vector<std::string> class_names;
  bool all_scores = false;
  std::map<std::string, std::string> metadata;  // written to both files
};

class SceneWriter {
 public:
  // Creates the folder when needed and both temporary files. Throws eorun::Error naming the
  // file or folder when they cannot be created (or a single-label run has over 256 classes).
  explicit SceneWriter(SceneOutputLayout layout);
  // Removes the temporary files unless committed.
  ~SceneWriter();
  SceneWriter(const SceneWriter&) = delete;
  SceneWriter& operator=(const SceneWriter&) = delete;

  int class_bands() const;
  int score_bands() const;
  // Output row `row`: `classes` holds class_bands() x width values, `scores` score_bands() x
  // width, band after band. Throws eorun::Error naming the file when GDAL cannot write.
  void write_row(int row, const std::uint8_t* classes, const float* scores);
  // Closes both files and moves them to their final names.
  void commit();

 private:
  SceneOutputLayout layout_;
  std::filesystem::path classes_temporary_, scores_temporary_;
  support::GdalDatasetHandle classes_, scores_;
  bool committed_ = false;
};

}  // namespace eorun
