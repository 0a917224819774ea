// Where EuroSAT's files are: the two spellings of each layout's folder under the root, the ten
// classes (one folder each, alphabetical), and the file of a sample.
//
//   MS   <root>/ds/images/remote_sensing/otherDatasets/sentinel_2/tif/<Class>/<Class>_<N>.tif
//        or <root>/EuroSAT_MS/<Class>/<Class>_<N>.tif
//   RGB  <root>/EuroSAT_RGB/<Class>/<Class>_<N>.jpg  or  <root>/2750/<Class>/<Class>_<N>.jpg
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "eurosat_bands.hpp"

namespace eorun::eurosat {

inline constexpr int kClassCount = 10;

// AnnualCrop, Forest, HerbaceousVegetation, Highway, Industrial, Pasture, PermanentCrop,
// Residential, River, SeaLake: alphabetical folder order = class index order.
const std::vector<std::string>& class_names();

// The class index of a sample id `<Class>_<N>` (the part before the last '_'), or nullopt.
std::optional<int> class_of_sample(const std::string& id);

// The folder spellings of `format` under the root, in the order they are looked for.
const std::vector<std::string>& folder_spellings(Format format);

struct Layout {
  Format format = Format::ms;
  std::filesystem::path folder;    // absolute: the folder holding the class folders
  std::string spelling;            // which of folder_spellings() it is
  std::vector<std::string> notes;  // e.g. another spelling present and ignored

  // ".tif" or ".jpg".
  const char* extension() const { return format == Format::ms ? ".tif" : ".jpg"; }
  // <folder>/<Class>/<id><extension>; `id` must name a class (class_of_sample).
  std::filesystem::path file(const std::string& id) const;
  // Every sample id of the layout's class folders (files <Class>_<N><extension>), by class,
  // then by N (numerically). Throws eorun::Error naming the folder for a missing class folder or
  // a folder that is not a EuroSAT class.
  std::vector<std::string> list_samples() const;
};

// The layout of `format` under `root` (absolute). Throws eorun::Error (subject "dataset.root")
// when root is missing, or holds neither spelling: the message names both spellings expected
// and what root holds (the other format's layout, a class folder, or its first entries).
Layout find_layout(const std::filesystem::path& root, Format format);

}  // namespace eorun::eurosat
