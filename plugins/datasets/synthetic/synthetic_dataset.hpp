// The synthetic dataset: samples generated on the fly from (seed, split, index), reading no file.
//
// Learnable by construction: every class has a spectral signature (one value per band) and a
// spatial pattern (a stripe texture of its own frequency and orientation), both drawn from the
// data seed alone, so they are the same in every split. A multi-label sample holds 1 to 3 classes
// laid out as regions (each pixel belongs to the class of its nearest seed point); a single-label
// sample holds one class over the whole image. Gaussian-like noise of `noise` times the signal
// scale is added. Values look like Sentinel-2 digital numbers (around 1000-3000).
//
// Used by tests, benchmarks and device checks, and the fastest way to try a model plugin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eorun/dataset.hpp"
#include "eorun/params.hpp"

namespace eorun::synthetic {

struct SyntheticOptions {
  Task task = Task::multi_label;
  std::int64_t classes = 10;
  std::vector<std::string> bands;  // channel order
  std::int64_t size = 32;          // pixels per side
  std::int64_t samples = 0;        // in this split
  std::uint64_t seed = 0;          // the data's seed (not the run's)
  double resolution_m = 10;
  double noise = 0.5;
  std::string split = "train";
};

// The declared parameters (task, classes, bands, size, train, val, test, seed, resolution, noise).
extern const ParamSpec kParams[];
extern const std::size_t kParamCount;

// Options from resolved parameters and the split the core asks for. A band count N names the
// bands b1..bN. Throws eorun::Error for an unknown split or duplicate band names.
SyntheticOptions options_from_params(const Params& params, const DatasetContext& context);

class SyntheticDataset final : public Dataset {
 public:
  explicit SyntheticDataset(SyntheticOptions options);

  const DatasetInfo& info() const override { return info_; }
  std::size_t size() const override { return static_cast<std::size_t>(options_.samples); }
  // Inputs: one float32 [bands, size, size]; target: float32 multi-hot [classes] or int64 class
  // index; id: "synthetic-<split>-<index>". The same (seed, split, index) gives the same sample.
  Sample get(std::size_t index) const override;
  at::Tensor target(std::size_t index) const override;
  std::vector<std::string> manifest() const override { return {}; }

  // The classes present in sample `index` (sorted; one for single-label).
  std::vector<std::int64_t> classes_of(std::size_t index) const;

 private:
  void check_index(std::size_t index) const;

  SyntheticOptions options_;
  DatasetInfo info_;
  std::uint64_t split_stream_ = 0;
  std::vector<std::vector<float>> signatures_;  // [class][band], around 0
  std::vector<double> frequencies_;             // stripe frequency per class (cycles per image)
  std::vector<double> orientations_;            // stripe orientation per class (radians)
};

}  // namespace eorun::synthetic
