// The built sen12ms.so through the plugin catalogue and the core's parameter validator, as
// `eorun run` and `eorun data inspect` use it.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "sen12ms_test_support.hpp"
#include "support/built_dataset_plugin.hpp"

namespace eorun::sen12ms {
namespace {

class Sen12msBuiltPlugin : public test::BuiltDatasetPlugin {
 protected:
  void SetUp() override { load("sen12ms"); }
};

TEST_F(Sen12msBuiltPlugin, DeclaresItsParametersAndDefaults) {
  std::set<std::string> names;
  for (const ParamSpec& spec : plugin_->params) names.insert(spec.name);
  EXPECT_EQ(names, (std::set<std::string>{"root", "bands", "igbp", "label_type", "threshold",
                                          "s1_clip", "split_train", "split_val", "split_test",
                                          "val_fraction", "split_seed"}));
  Params params;
  ASSERT_TRUE(resolve(nlohmann::json::object(), &params).empty());
  EXPECT_EQ(params.get_string("root"), "");
  EXPECT_EQ(params.get_string("bands"), "s2");
  EXPECT_EQ(params.get_string("igbp"), "simplified");
  EXPECT_EQ(params.get_string("label_type"), "multi");
  EXPECT_EQ(params.get_real("threshold"), 0.1);
  EXPECT_TRUE(params.get_bool("s1_clip"));
  EXPECT_EQ(params.get_string("split_train"), "train_list.txt");
  EXPECT_EQ(params.get_string("split_val"), "");
  EXPECT_EQ(params.get_string("split_test"), "test_list.txt");
  EXPECT_EQ(params.get_real("val_fraction"), 0.1);
  EXPECT_EQ(params.get_int("split_seed"), 0);
  std::set<std::string> synth;
  for (const ParamSpec& spec : plugin_->synth_params) synth.insert(spec.name);
  EXPECT_EQ(synth, (std::set<std::string>{"size", "damaged"}));
}

TEST_F(Sen12msBuiltPlugin, ValidatorRefusesBadValues) {
  auto messages = resolve({{"bands", "ms"},
                           {"igbp", "dfc"},
                           {"label_type", "multi_label"},
                           {"threshold", 0},
                           {"val_fraction", 1},
                           {"split_seed", -1}},
                          nullptr);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  for (const char* key : {"dataset.bands", "dataset.igbp", "dataset.label_type", "dataset.threshold",
                          "dataset.val_fraction", "dataset.split_seed"})
    EXPECT_NE(all.find(key), std::string::npos) << key << "\n" << all;
  EXPECT_EQ(messages.size(), 6u) << all;
}

TEST_F(Sen12msBuiltPlugin, MakesADatasetThatReadsSynthData) {
  test_support::SynthRoot root(test_support::SynthSettings{12, 16});
  Params params;
  ASSERT_TRUE(resolve({{"root", root.path().string()},
                       {"bands", {"VH", "B8A"}},
                       {"igbp", "full"},
                       {"label_type", "single"},
                       {"val_fraction", 0.3}},
                      &params)
                  .empty());
  std::shared_ptr<Dataset> dataset =
      catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
  EXPECT_EQ(dataset->info().band_names(), (std::vector<std::string>{"VH", "B8A"}));
  EXPECT_EQ(dataset->info().inputs.at(0).name, "s1s2");
  EXPECT_EQ(dataset->info().class_names.size(), 17u);
  EXPECT_EQ(dataset->info().task, Task::single_label);
  EXPECT_EQ(dataset->info().reference.mean, (std::vector<double>{-18.294598, 2409.1128}));
  ASSERT_GT(dataset->size(), 0u);
  Sample sample = dataset->get(0);
  EXPECT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{2, 16, 16}));
  EXPECT_EQ(sample.target.scalar_type(), at::kLong);
  EXPECT_EQ(sample.id, dataset->sample_id(0));
  EXPECT_EQ(dataset->group(0, "scene").rfind("ROIs", 0), 0u);
}

}  // namespace
}  // namespace eorun::sen12ms
