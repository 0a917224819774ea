// eorun plugin SDK: the dataset interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eorun/sample.hpp"

namespace eorun {

enum class Task : std::uint32_t { multi_label = 1, single_label = 2 };

// One input group: the bands a dataset delivers together in one tensor of Sample::inputs,
// at one ground resolution. Most datasets have one group; a dataset that keeps Sentinel-2's
// 10 m, 20 m and 60 m bands at their native sizes has three, and fusion models read each.
struct InputGroup {
  std::string name;                 // e.g. "s2", "s2_10m", "s1"; unique within the dataset
  std::vector<std::string> bands;   // band names in channel order, e.g. {"B04", "B03", "B02"}
  double resolution_m = 0;          // ground size of one pixel in metres as delivered (0: unknown)
  std::vector<std::int64_t> shape;  // [C, H, W] of one sample's tensor; C == bands.size()

  std::int64_t channels() const { return static_cast<std::int64_t>(bands.size()); }
};

// What a dataset is, independent of any one sample. All of it is recorded with every run.
struct DatasetInfo {
  Task task = Task::multi_label;
  std::vector<std::string> class_names;  // index order = target order
  std::vector<InputGroup> inputs;        // in the order of Sample::inputs

  // Band names of every group, concatenated in input order (the channel order of the core's
  // normalisation statistics).
  std::vector<std::string> band_names() const {
    std::vector<std::string> names;
    for (const InputGroup& group : inputs) names.insert(names.end(), group.bands.begin(), group.bands.end());
    return names;
  }
  std::vector<std::vector<std::int64_t>> input_shapes() const {
    std::vector<std::vector<std::int64_t>> shapes;
    for (const InputGroup& group : inputs) shapes.push_back(group.shape);
    return shapes;
  }
};

// What the core tells a dataset when it makes one: which split to serve.
struct DatasetContext {
  std::string split;  // "train", "val" or "test"
};

// A dataset serves one split. The core calls get() and target() from several loader threads at
// once, so both must be safe to call concurrently (open file handles per call or per thread).
// Errors (missing file, corrupt raster, unknown label) are thrown as eorun::Error naming the
// sample and the file.
class Dataset {
 public:
  virtual ~Dataset() = default;
  virtual const DatasetInfo& info() const = 0;
  virtual std::size_t size() const = 0;
  virtual Sample get(std::size_t index) const = 0;
  // The target of sample `index` alone, as in Sample::target. The core reads every train target
  // once per data set (class counts for losses); override it when labels are cheaper to read than
  // pixels (the default reads the whole sample).
  virtual at::Tensor target(std::size_t index) const { return get(index).target; }
  // Every file this split reads (absolute paths), split definitions included. The core hashes
  // them (with a cache) into the run's data manifest hash: a changed file changes the run's identity.
  virtual std::vector<std::string> manifest() const = 0;
};

}  // namespace eorun
