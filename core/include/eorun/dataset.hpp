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

// Published per-band normalisation constants of a data set, used when a run asks for
// dataset.normalize = "reference". A plugin fills them when every selected band has a published
// value, in the channel order of DatasetInfo::band_names(); otherwise it leaves them empty and
// the core refuses "reference" for that selection.
struct ReferenceStats {
  std::vector<double> mean;  // one per channel (empty: none published for this band selection)
  std::vector<double> std;   // one per channel, > 0
  std::string source;        // where they come from, e.g. "BigEarthNet reference code"

  bool empty() const { return mean.empty(); }
};

// What a dataset is, independent of any one sample. All of it is recorded with every run.
struct DatasetInfo {
  Task task = Task::multi_label;
  std::vector<std::string> class_names;  // index order = target order
  std::vector<InputGroup> inputs;        // in the order of Sample::inputs
  ReferenceStats reference;              // published constants for these bands, or empty
  // What the reader reports about the data it serves, one line each, e.g. "skipped 1 damaged
  // sample: ROIs1868_summer_s1_146_p202 (s1 file unreadable)". Printed by the core and
  // recorded with the run.
  std::vector<std::string> notes;

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

// Split lists. A plugin that reads split definitions also accepts eorun's split lists, the files
// `eorun data split` writes: UTF-8 text, one sample id (Sample::id) per line, given through the
// plugin's string parameters `split_train`, `split_val` and `split_test` (relative to the root
// or absolute). Ids are what sample_id() returns, so a list written from one reading of a data
// set is read back by the same plugin.
//
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
  // The id of sample `index`, as in Sample::id, without reading pixels (override it: the
  // default reads the whole sample).
  virtual std::string sample_id(std::size_t index) const { return get(index).id; }
  // The group of sample `index` for grouped splits (`eorun data split --group-by scene|tile`):
  // samples of one group never land in two splits. `by` is "scene" (one acquisition or scene)
  // or "tile" (one place on the ground, e.g. a Sentinel-2 MGRS tile). "" when the dataset has
  // no such grouping; the core then refuses the request naming the dataset.
  virtual std::string group(std::size_t /*index*/, const std::string& /*by*/) const { return {}; }
  // Every file this split reads (absolute paths), split definitions included. The core hashes
  // them (with a cache) into the run's data manifest hash: a changed file changes the run's identity.
  virtual std::vector<std::string> manifest() const = 0;
};

}  // namespace eorun
