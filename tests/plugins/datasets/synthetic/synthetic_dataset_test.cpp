#include "synthetic_dataset.hpp"

#include <gtest/gtest.h>

#include <set>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "plugins/catalogue.hpp"
#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"

namespace eorun::synthetic {
namespace {

std::vector<ParamSpec> schema() { return {kParams, kParams + kParamCount}; }

// A dataset of `split` from user parameters, resolved and validated as the core does.
SyntheticDataset make(const nlohmann::json& user, const std::string& split = "train") {
  std::vector<Error> errors;
  const nlohmann::json resolved = resolve_params("dataset", user, schema(), errors);
  throw_if_any(std::move(errors));
  return SyntheticDataset(
      options_from_params(to_params("dataset", resolved, schema()), DatasetContext{split}));
}

TEST(SyntheticDataset, DeclaresItsInputGroupClassesAndTask) {
  const SyntheticDataset data = make({{"bands", 4}, {"size", 16}, {"classes", 5}, {"train", 7}});
  const DatasetInfo& info = data.info();
  EXPECT_EQ(info.task, Task::multi_label);
  EXPECT_EQ(info.class_names.size(), 5u);
  ASSERT_EQ(info.inputs.size(), 1u);
  EXPECT_EQ(info.inputs[0].bands, (std::vector<std::string>{"b1", "b2", "b3", "b4"}));
  EXPECT_EQ(info.inputs[0].shape, (std::vector<std::int64_t>{4, 16, 16}));
  EXPECT_EQ(info.inputs[0].resolution_m, 10.0);
  EXPECT_EQ(data.size(), 7u);
  EXPECT_TRUE(data.manifest().empty()) << "it reads no file";

  const SyntheticDataset named =
      make({{"bands", {"B04", "B03", "B02"}}, {"resolution", 20}}, "val");
  EXPECT_EQ(named.info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
  EXPECT_EQ(named.info().inputs[0].resolution_m, 20.0);
  EXPECT_EQ(named.size(), 64u);
}

TEST(SyntheticDataset, SamplesFollowFromSeedSplitAndIndexAlone) {
  const SyntheticDataset a = make({{"size", 8}});
  const SyntheticDataset b = make({{"size", 8}});
  const SyntheticDataset other_seed = make({{"size", 8}, {"seed", 1}});
  const SyntheticDataset val = make({{"size", 8}}, "val");
  const Sample first = a.get(3);
  EXPECT_TRUE(at::equal(first.inputs[0], b.get(3).inputs[0]));
  EXPECT_TRUE(at::equal(first.inputs[0], a.get(3).inputs[0]));
  EXPECT_FALSE(at::equal(first.inputs[0], other_seed.get(3).inputs[0]));
  EXPECT_FALSE(at::equal(first.inputs[0], val.get(3).inputs[0]));
  EXPECT_EQ(first.id, "synthetic-train-3");
  EXPECT_EQ(first.inputs[0].scalar_type(), at::kFloat);
}

TEST(SyntheticDataset, TargetAloneEqualsTheSamplesTarget) {
  const SyntheticDataset multi = make({{"size", 8}, {"classes", 6}});
  const SyntheticDataset single = make({{"size", 8}, {"task", "single_label"}});
  for (std::size_t i = 0; i < 20; ++i) {
    const at::Tensor target = multi.target(i);
    EXPECT_TRUE(at::equal(target, multi.get(i).target));
    const double positives = target.sum().item<double>();
    EXPECT_GE(positives, 1);
    EXPECT_LE(positives, 3);
    const at::Tensor label = single.target(i);
    EXPECT_EQ(label.dim(), 0);
    EXPECT_EQ(label.scalar_type(), at::kLong);
    EXPECT_TRUE(at::equal(label, single.get(i).target));
    EXPECT_LT(label.item<std::int64_t>(), 10);
  }
}

// A nearest-centroid classifier on mean spectra, fitted on train and scored on val: the classes are
// learnable, and their signatures are the same in every split.
TEST(SyntheticDataset, SingleLabelClassesAreLearnableAcrossSplits) {
  const nlohmann::json user = {{"task", "single_label"}, {"classes", 4}, {"size", 8},
                               {"train", 80}, {"val", 40}};
  const SyntheticDataset train = make(user), val = make(user, "val");
  std::vector<at::Tensor> sums;
  for (int k = 0; k < 4; ++k) sums.push_back(at::zeros({12}));
  std::vector<int> counts(4, 0);
  for (std::size_t i = 0; i < train.size(); ++i) {
    const Sample s = train.get(i);
    const auto k = static_cast<std::size_t>(s.target.item<std::int64_t>());
    sums[k] += s.inputs[0].mean({1, 2});
    ++counts[k];
  }
  int correct = 0;
  for (std::size_t i = 0; i < val.size(); ++i) {
    const Sample s = val.get(i);
    const at::Tensor spectrum = s.inputs[0].mean({1, 2});
    std::int64_t best = 0;
    double best_distance = -1;
    for (std::int64_t k = 0; k < 4; ++k) {
      if (counts[k] == 0) continue;
      const double d = (spectrum - sums[k] / counts[k]).pow(2).sum().item<double>();
      if (best_distance < 0 || d < best_distance) {
        best_distance = d;
        best = k;
      }
    }
    correct += best == s.target.item<std::int64_t>();
  }
  EXPECT_GE(correct, 36) << "of 40";
}

TEST(SyntheticDataset, BadParametersAreRefused) {
  EXPECT_THROW(make({{"classes", 1}}), Error);         // below the minimum 2
  EXPECT_THROW(make({{"bands", {"B02", "B02"}}}), Error);
  EXPECT_THROW(make({{"bands", std::vector<std::string>{}}}), Error);
  EXPECT_THROW(make({}, "holdout"), Error);
}

TEST(SyntheticPlugin, LoadsThroughTheLoader) {
  Catalogue catalogue;
  const auto refused =
      catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "synthetic.so");
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::dataset, "synthetic");
  EXPECT_EQ(plugin.params.size(), kParamCount);
  EXPECT_EQ(plugin.descriptor->synthesize, nullptr) << "it reads no files, so it writes none";
  std::vector<Error> errors;
  const nlohmann::json resolved =
      resolve_params("dataset", {{"size", 8}, {"test", 5}}, plugin.params, errors);
  ASSERT_TRUE(errors.empty());
  const auto data = catalogue.make_dataset(plugin, to_params("dataset", resolved, plugin.params),
                                           DatasetContext{"test"});
  EXPECT_EQ(data->size(), 5u);
  EXPECT_EQ(data->get(0).inputs[0].sizes(), (at::IntArrayRef{12, 8, 8}));
}

}  // namespace
}  // namespace eorun::synthetic
