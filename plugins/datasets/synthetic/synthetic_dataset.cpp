#include "synthetic_dataset.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "support/synth_random.hpp"

namespace eorun::synthetic {

namespace {

using support::derive_seed;
using support::Random;

constexpr double kPi = 3.14159265358979323846;
constexpr double kBaseLevel = 2000.0;   // digital numbers around which values lie
constexpr double kSignalScale = 600.0;  // spread of class signatures
constexpr int kMaxClassesPerSample = 3;
constexpr int kMaxSeedPointsPerClass = 2;

// Independent random streams of one data seed.
enum Stream : std::uint64_t { signatures = 1, labels = 2, pixels = 3 };

std::uint64_t split_stream(const std::string& split) {
  if (split == "train") return 11;
  if (split == "val") return 12;
  if (split == "test") return 13;
  throw Error("synthetic split", "unknown split '" + split + "'", "ask for train, val or test");
}

}  // namespace

const ParamSpec kParams[] = {
    {"task", ParamType::string, "\"multi_label\"", "[\"multi_label\", \"single_label\"]",
     "multi_label (1-3 classes per sample, as regions) or single_label (one class per sample)"},
    ParamSpec{"classes", ParamType::integer, "10", nullptr, "number of classes"}.between(2, 1000),
    ParamSpec{"bands", ParamType::integer_or_string_list, "12", nullptr,
              "a band count (named b1..bN) or a list of band names in channel order"}
        .between(1, 1000),
    ParamSpec{"size", ParamType::integer, "32", nullptr, "side of the square sample in pixels"}
        .between(4, 2048),
    ParamSpec{"train", ParamType::integer, "256", nullptr, "samples in the train split"}.at_least(1),
    ParamSpec{"val", ParamType::integer, "64", nullptr, "samples in the val split"}.at_least(1),
    ParamSpec{"test", ParamType::integer, "64", nullptr, "samples in the test split"}.at_least(1),
    {"seed", ParamType::integer, "0", nullptr,
     "the data's own seed (class signatures, labels, pixels); not the run's seed"},
    ParamSpec{"resolution", ParamType::real, "10.0", nullptr,
              "ground size of a pixel in metres (recorded; models may read it)"}
        .greater_than(0),
    ParamSpec{"noise", ParamType::real, "0.5", nullptr,
              "noise standard deviation relative to the spread of class signatures (difficulty)"}
        .at_least(0),
};
const std::size_t kParamCount = sizeof kParams / sizeof kParams[0];

SyntheticOptions options_from_params(const Params& params, const DatasetContext& context) {
  SyntheticOptions options;
  options.task =
      params.get_string("task") == "single_label" ? Task::single_label : Task::multi_label;
  options.classes = params.get_int("classes");
  if (params.is_int("bands")) {
    for (std::int64_t b = 1; b <= params.get_int("bands"); ++b)
      options.bands.push_back("b" + std::to_string(b));
  } else {
    options.bands = params.get_strings("bands");
    if (options.bands.empty())
      throw Error("dataset.bands", "is an empty list", "name at least one band, or give a count");
    std::set<std::string> seen;
    for (const std::string& band : options.bands)
      if (band.empty() || !seen.insert(band).second)
        throw Error("dataset.bands", "names band '" + band + "' " + (band.empty() ? "(empty)" : "twice"),
                    "give each band a distinct, non-empty name");
  }
  options.size = params.get_int("size");
  split_stream(context.split);  // validates the split
  options.split = context.split;
  options.samples = params.get_int(context.split);
  options.seed = static_cast<std::uint64_t>(params.get_int("seed"));
  options.resolution_m = params.get_real("resolution");
  options.noise = params.get_real("noise");
  return options;
}

SyntheticDataset::SyntheticDataset(SyntheticOptions options) : options_(std::move(options)) {
  split_stream_ = split_stream(options_.split);
  info_.task = options_.task;
  for (std::int64_t k = 0; k < options_.classes; ++k)
    info_.class_names.push_back("class_" + std::to_string(k));
  const auto bands = static_cast<std::int64_t>(options_.bands.size());
  info_.inputs = {{"synthetic", options_.bands, options_.resolution_m,
                   {bands, options_.size, options_.size}}};

  // Class signatures and textures: from the data seed alone, the same in every split.
  Random random(derive_seed(options_.seed, Stream::signatures, 0));
  signatures_.assign(static_cast<std::size_t>(options_.classes),
                     std::vector<float>(static_cast<std::size_t>(bands)));
  for (auto& signature : signatures_)
    for (float& value : signature) value = static_cast<float>(random.uniform(-1.0, 1.0));
  for (std::int64_t k = 0; k < options_.classes; ++k) {
    frequencies_.push_back(random.uniform(1.0, 6.0));
    orientations_.push_back(random.uniform(0.0, kPi));
  }
}

void SyntheticDataset::check_index(std::size_t index) const {
  if (index >= size())
    throw Error("synthetic " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(size()) + ")",
                "ask for an index below size()");
}

std::vector<std::int64_t> SyntheticDataset::classes_of(std::size_t index) const {
  check_index(index);
  Random random(derive_seed(options_.seed, split_stream_ * 16 + Stream::labels, index));
  const auto classes = static_cast<std::uint64_t>(options_.classes);
  if (options_.task == Task::single_label)
    return {static_cast<std::int64_t>(random.below(classes))};
  const std::uint64_t count =
      1 + random.below(std::min<std::uint64_t>(kMaxClassesPerSample, classes));
  std::set<std::int64_t> chosen;
  while (chosen.size() < count) chosen.insert(static_cast<std::int64_t>(random.below(classes)));
  return {chosen.begin(), chosen.end()};
}

at::Tensor SyntheticDataset::target(std::size_t index) const {
  const std::vector<std::int64_t> classes = classes_of(index);
  if (options_.task == Task::single_label) return at::scalar_tensor(classes.front(), at::kLong);
  at::Tensor target = at::zeros({options_.classes}, at::kFloat);
  float* hot = target.data_ptr<float>();
  for (std::int64_t k : classes) hot[k] = 1.0f;
  return target;
}

Sample SyntheticDataset::get(std::size_t index) const {
  const std::vector<std::int64_t> classes = classes_of(index);
  Random random(derive_seed(options_.seed, split_stream_ * 16 + Stream::pixels, index));
  const std::int64_t size = options_.size;
  const auto bands = static_cast<std::int64_t>(options_.bands.size());

  // Region layout: a few seed points per present class; a pixel takes its nearest point's class.
  struct Point {
    double x, y;
    std::size_t which;  // index into `classes`
  };
  std::vector<Point> points;
  for (std::size_t c = 0; c < classes.size(); ++c) {
    const std::uint64_t n = classes.size() == 1 ? 1 : 1 + random.below(kMaxSeedPointsPerClass);
    for (std::uint64_t p = 0; p < n; ++p)
      points.push_back({random.uniform(0.0, static_cast<double>(size)),
                        random.uniform(0.0, static_cast<double>(size)), c});
  }
  std::vector<double> phases;
  for (std::size_t c = 0; c < classes.size(); ++c) phases.push_back(random.uniform(0.0, 2 * kPi));

  at::Tensor input = at::empty({bands, size, size}, at::kFloat);
  float* data = input.data_ptr<float>();
  const double noise = options_.noise * kSignalScale;
  for (std::int64_t y = 0; y < size; ++y) {
    for (std::int64_t x = 0; x < size; ++x) {
      std::size_t owner = 0;
      double best = -1;
      for (const Point& point : points) {
        const double dx = point.x - static_cast<double>(x), dy = point.y - static_cast<double>(y);
        const double d = dx * dx + dy * dy;
        if (best < 0 || d < best) {
          best = d;
          owner = point.which;
        }
      }
      const auto k = static_cast<std::size_t>(classes[owner]);
      const double u = (static_cast<double>(x) * std::cos(orientations_[k]) +
                        static_cast<double>(y) * std::sin(orientations_[k])) /
                       static_cast<double>(size);
      const double texture = 1.0 + 0.3 * std::sin(2 * kPi * frequencies_[k] * u + phases[owner]);
      for (std::int64_t b = 0; b < bands; ++b) {
        const double signal = kSignalScale * signatures_[k][static_cast<std::size_t>(b)] * texture;
        data[(b * size + y) * size + x] =
            static_cast<float>(kBaseLevel + signal + noise * random.approx_normal());
      }
    }
  }
  Sample sample;
  sample.inputs.push_back(std::move(input));
  sample.target = target(index);
  sample.id = "synthetic-" + options_.split + "-" + std::to_string(index);
  return sample;
}

}  // namespace eorun::synthetic
