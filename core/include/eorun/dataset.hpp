// eorun plugin SDK: the dataset interface.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "eorun/sample.hpp"

namespace eorun {

enum class Task : std::uint32_t { multi_label = 1, single_label = 2 };

// What a dataset is, independent of any one sample. All of it is recorded with every run.
struct DatasetInfo {
  Task task = Task::multi_label;
  std::vector<std::string> class_names;  // index order = target order
  std::vector<std::string> band_names;   // channel order of inputs, all groups concatenated
  // Shape [C, H, W] of each input group, in the order of Sample::inputs.
  std::vector<std::vector<std::int64_t>> input_shapes;
};

// What the core tells a dataset when it makes one: which split to serve.
struct DatasetContext {
  std::string split;  // "train", "val" or "test"
};

// A dataset serves one split. The core calls get() from several loader threads at once,
// so get() must be safe to call concurrently (open file handles per call or per thread).
// Errors (missing file, corrupt raster, unknown label) are thrown as eorun::Error naming the
// sample and the file.
class Dataset {
 public:
  virtual ~Dataset() = default;
  virtual const DatasetInfo& info() const = 0;
  virtual std::size_t size() const = 0;
  virtual Sample get(std::size_t index) const = 0;
  // Every file this split reads (absolute paths), split definitions included. The core hashes
  // them (with a cache) into the run's data manifest hash: a changed file changes the run's identity.
  virtual std::vector<std::string> manifest() const = 0;
};

}  // namespace eorun
