#include "sen12ms_dataset.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "root_layout.hpp"
#include "support/gdal_support.hpp"
#include "triplet_file.hpp"

namespace eorun::sen12ms {

namespace {

constexpr std::size_t kTripletsPerThread = 64;  // below this, threads cost more than they save
constexpr std::size_t kSkippedShown = 3;         // skipped samples named in the note
constexpr float kS1MinDb = -25.0f;               // the reference code's s1 clip range
constexpr float kS1MaxDb = 0.0f;

std::filesystem::path absolute_normal(const std::filesystem::path& path) {
  return std::filesystem::absolute(path).lexically_normal();
}

std::string number_text(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

template <typename Enum>
Enum choice(const Params& params, const std::string& key, const std::string& first, Enum a,
            const std::string& second, Enum b) {
  const std::string& value = params.get_string(key);
  if (value == first) return a;
  if (value == second) return b;
  throw Error("dataset." + key, "unknown value '" + value + "'",
              "use \"" + first + "\" or \"" + second + "\"");
}

// NaN -> 0 (the reference code's first step), then the clip to [-25, 0] dB when asked.
void clean_radar(float* values, std::int64_t count, bool clip) {
  for (std::int64_t i = 0; i < count; ++i) {
    float& v = values[i];
    if (std::isnan(v)) v = 0.0f;
    if (clip) v = std::clamp(v, kS1MinDb, kS1MaxDb);
  }
}

}  // namespace

Sen12msOptions options_from_params(const Params& params, const DatasetContext& context) {
  Sen12msOptions options;
  options.root = params.get_string("root");
  options.bands = params.is_string("bands") ? bands_from_preset(params.get_string("bands"))
                                            : bands_from_list(params.get_strings("bands"));
  options.igbp = choice(params, "igbp", "full", Nomenclature::full, "simplified",
                        Nomenclature::simplified);
  options.label_type =
      choice(params, "label_type", "multi", LabelType::multi, "single", LabelType::single);
  options.threshold = params.get_real("threshold");
  options.s1_clip = params.get_bool("s1_clip");
  options.split_train = params.get_string("split_train");
  options.split_val = params.get_string("split_val");
  options.split_test = params.get_string("split_test");
  options.val_fraction = params.get_real("val_fraction");
  options.split_seed = static_cast<std::uint64_t>(params.get_int("split_seed"));
  if (context.split != "train" && context.split != "val" && context.split != "test")
    throw Error("sen12ms split", "unknown split '" + context.split + "'",
                "ask for train, val or test");
  options.split = context.split;
  return options;
}

Sen12msDataset::Sen12msDataset(Sen12msOptions options) : options_(std::move(options)) {
  support::prepare_gdal();
  bands_from_list(options_.bands.bands);  // validates names and repeats
  if (!(options_.threshold > 0 && options_.threshold <= 1))
    throw Error("dataset.threshold", "must be in (0, 1], got " + number_text(options_.threshold),
                "set the fraction of a patch a class needs to count as present (0.1 by default)");
  if (!(options_.val_fraction >= 0 && options_.val_fraction < 1))
    throw Error("dataset.val_fraction",
                "must be in [0, 1), got " + number_text(options_.val_fraction),
                "set the share of the train list carved for validation (0.1 by default)");
  check_root(options_.root);
  root_ = absolute_normal(options_.root);
  with_s1_ = reads(options_.bands.bands, Modality::s1);
  with_s2_ = reads(options_.bands.bands, Modality::s2);

  const std::vector<ListedPatch> listed = listed_patches();
  check_and_keep(listed, lists_.front());
  fill_info();
}

std::filesystem::path Sen12msDataset::list_path(const std::string& list) const {
  return absolute_normal(root_ / list);
}

std::vector<ListedPatch> Sen12msDataset::listed_patches() {
  const std::string& split = options_.split;
  const bool carved = split != "test" && options_.split_val.empty();
  const std::string& list = split == "test"  ? options_.split_test
                            : split == "val" && !carved ? options_.split_val
                                                        : options_.split_train;
  const std::filesystem::path path = list_path(list);
  lists_.push_back(path.string());
  std::vector<ListedPatch> listed = read_split_list(path);
  if (!carved) return listed;

  const Carving carving = carve_validation(listed, options_.val_fraction, options_.split_seed);
  const bool want_val = split == "val";
  if (want_val && carving.val_scenes == 0)
    throw Error("dataset.split_val",
                "is \"\", so the val split is carved by scene from split list '" + path.string() +
                    "', but " +
                    (options_.val_fraction == 0
                         ? std::string("val_fraction = 0 takes no scene")
                         : "its " + std::to_string(carving.scenes) +
                               " scene(s) must keep one for training"),
                "set dataset.val_fraction above 0, list patches of more scenes, or set "
                "dataset.split_val to a list of its own");
  if (carving.val_scenes == 0) return listed;  // val_fraction 0: train keeps every patch
  std::vector<ListedPatch> kept;
  for (std::size_t i = 0; i < listed.size(); ++i)
    if (carving.in_val[i] == want_val) kept.push_back(listed[i]);
  const std::string carved_part = std::to_string(carving.val_patches) + " patches of " +
                                  std::to_string(carving.val_scenes) + " of the " +
                                  std::to_string(carving.scenes) + " scenes of '" + list + "'";
  const std::string how = "(val_fraction " + number_text(options_.val_fraction) +
                          ", split_seed " + std::to_string(options_.split_seed) + ")";
  info_.notes.push_back(want_val ? "val split: the " + carved_part + ", carved by scene " + how
                                 : "train split: '" + list + "' less the " + carved_part +
                                       " carved for val " + how);
  return kept;
}

void Sen12msDataset::check_and_keep(const std::vector<ListedPatch>& listed,
                                    const std::filesystem::path& list) {
  std::vector<TripletCheck> checks(listed.size());
  const int threads = static_cast<int>(
      std::min(worker_count(0, listed.size()), listed.size() / kTripletsPerThread + 1));
  parallel_for(listed.size(), threads, [&](std::size_t i) {
    checks[i] = check_triplet(root_, listed[i].name, with_s1_, with_s2_);
  });

  for (std::size_t i = 0; i < listed.size(); ++i) {
    if (checks[i].status != TripletCheck::Status::missing) continue;
    throw Error("split list '" + list.string() + "' line " + std::to_string(listed[i].line),
                "names sample '" + listed[i].name.id() + "', but file '" + checks[i].problem +
                    "' does not exist",
                "check that dataset.root is the SEN12MS root and that the season's s1, s2 and lc "
                "archives are extracted there, or remove the line");
  }
  for (const TripletCheck& check : checks) {
    if (check.status != TripletCheck::Status::ok) continue;
    width_ = check.width;
    height_ = check.height;
    break;
  }

  std::vector<std::string> reasons;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    TripletCheck& check = checks[i];
    const PatchName& name = listed[i].name;
    checked_.push_back(name);
    if (check.status == TripletCheck::Status::ok &&
        (check.width != width_ || check.height != height_)) {
      check.status = TripletCheck::Status::damaged;
      check.problem = "its files have " + std::to_string(check.width) + "x" +
                      std::to_string(check.height) + " pixels, the split's first patch " +
                      std::to_string(width_) + "x" + std::to_string(height_);
    }
    if (check.status != TripletCheck::Status::ok) {
      ++skipped_;
      if (reasons.size() < kSkippedShown) reasons.push_back(name.id() + " (" + check.problem + ")");
      continue;
    }
    patches_.push_back(name);
    counts_.push_back(check.counts);
  }
  if (patches_.empty())
    throw Error("sen12ms " + options_.split + " split",
                "none of the " + std::to_string(listed.size()) + " samples of split list '" +
                    list.string() + "' can be read; the first: " + reasons.front(),
                "check that the files are the SEN12MS archive's (s2: 13 UInt16 bands, s1: 2 "
                "Float32 bands, lc: IGBP classes in band 1, one size for all three)");
  if (skipped_ > 0) {
    std::string note = "skipped " + std::to_string(skipped_) + " of " +
                       std::to_string(listed.size()) + " samples of the " + options_.split +
                       " split (damaged or unreadable): ";
    for (std::size_t r = 0; r < reasons.size(); ++r) note += (r ? "; " : "") + reasons[r];
    if (skipped_ > reasons.size())
      note += "; and " + std::to_string(skipped_ - reasons.size()) + " more";
    info_.notes.push_back(note);
  }

  labels_.reserve(patches_.size());
  for (std::size_t i = 0; i < patches_.size(); ++i) {
    const std::vector<double> shares = fractions(i);
    labels_.push_back(options_.label_type == LabelType::multi
                          ? multi_label(shares, options_.threshold)
                          : std::vector<int>{single_label(shares)});
  }
}

void Sen12msDataset::fill_info() {
  info_.task = options_.label_type == LabelType::multi ? Task::multi_label : Task::single_label;
  info_.class_names = class_names(options_.igbp);
  const auto channels = static_cast<std::int64_t>(options_.bands.bands.size());
  info_.inputs.push_back({options_.bands.group, options_.bands.bands, kResolutionMetres,
                          {channels, height_, width_}});
  info_.reference = reference_stats(options_.bands.bands);
}

std::vector<double> Sen12msDataset::fractions(std::size_t index) const {
  return class_fractions(counts_.at(index), options_.igbp);
}

Sample Sen12msDataset::get(std::size_t index) const {
  if (index >= patches_.size())
    throw Error("sen12ms " + options_.split + " split",
                "sample index " + std::to_string(index) + " is out of range (size " +
                    std::to_string(patches_.size()) + ")",
                "ask for an index below size()");
  const PatchName& name = patches_[index];
  std::optional<support::RasterFile> s1, s2;
  if (with_s1_) s1.emplace(open_triplet_file(root_, name, Modality::s1));
  if (with_s2_) s2.emplace(open_triplet_file(root_, name, Modality::s2));
  for (const std::optional<support::RasterFile>* file : {&s1, &s2})
    if (*file) (*file)->require(width_, height_, 1);  // unless changed since the dataset was made

  const std::vector<std::string>& bands = options_.bands.bands;
  const std::int64_t pixels = std::int64_t{width_} * height_;
  at::Tensor input = at::empty({static_cast<std::int64_t>(bands.size()), height_, width_}, at::kFloat);
  float* data = input.data_ptr<float>();
  for (std::size_t c = 0; c < bands.size(); ++c) {
    const Band& band = *find_band(bands[c]);
    float* channel = data + static_cast<std::int64_t>(c) * pixels;
    const support::RasterFile& file = band.modality == Modality::s1 ? *s1 : *s2;
    file.read_band(band.index, channel, width_, height_);
    if (band.modality == Modality::s1) clean_radar(channel, pixels, options_.s1_clip);
  }
  Sample sample;
  sample.inputs.push_back(std::move(input));
  sample.target = target(index);
  sample.id = name.id();
  return sample;
}

at::Tensor Sen12msDataset::target(std::size_t index) const {
  const std::vector<int>& labels = labels_.at(index);
  if (options_.label_type == LabelType::single)
    return at::scalar_tensor(static_cast<std::int64_t>(labels.front()), at::kLong);
  at::Tensor target = at::zeros({static_cast<std::int64_t>(info_.class_names.size())}, at::kFloat);
  float* hot = target.data_ptr<float>();
  for (int k : labels) hot[k] = 1.0f;
  return target;
}

std::string Sen12msDataset::group(std::size_t index, const std::string& by) const {
  return by == "scene" ? patches_.at(index).scene_key() : std::string();
}

std::vector<std::string> Sen12msDataset::manifest() const {
  std::vector<std::string> files = lists_;
  files.reserve(lists_.size() + checked_.size() * 3);
  for (const PatchName& name : checked_) {
    if (with_s2_) files.push_back(name.file(root_, Modality::s2).string());
    if (with_s1_) files.push_back(name.file(root_, Modality::s1).string());
    files.push_back(name.file(root_, Modality::lc).string());
  }
  return files;
}

}  // namespace eorun::sen12ms
