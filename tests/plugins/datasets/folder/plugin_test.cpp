// The built folder.so through the plugin catalogue and the core's parameter validator.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "folder_test_support.hpp"
#include "support/built_dataset_plugin.hpp"

namespace eorun::folder {
namespace {

class BuiltPlugin : public test::BuiltDatasetPlugin {
 protected:
  BuiltPlugin() : BuiltDatasetPlugin("folder") {}
};

TEST_F(BuiltPlugin, DeclaresItsParametersWithDefaults) {
  const std::vector<std::string> names = parameter_names();
  EXPECT_EQ(
      std::set<std::string>(names.begin(), names.end()),
      (std::set<std::string>{"csv", "bands", "classes", "task", "size", "split_train", "split_val",
                             "split_test", "split_seed", "val_fraction", "test_fraction"}));
  Params params;
  ASSERT_TRUE(resolve(nlohmann::json::object(), &params).empty());
  EXPECT_EQ(params.get_string("task"), "auto");
  EXPECT_EQ(params.get_int("size"), 0);
  EXPECT_TRUE(params.get_strings("bands").empty());
  EXPECT_TRUE(params.get_strings("classes").empty());
  EXPECT_EQ(params.get_string("split_val"), "");
}

TEST_F(BuiltPlugin, ValidatorRefusesUnknownTasksAndNegativeSizes) {
  const auto messages = resolve({{"task", "regression"}, {"size", -1}, {"bands", "rgb"}}, nullptr);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_EQ(messages.size(), 3u) << all;
  for (const char* key : {"dataset.task", "dataset.size", "dataset.bands"})
    EXPECT_NE(all.find(key), std::string::npos) << key << "\n" << all;
}

TEST_F(BuiltPlugin, MakesADatasetThatReadsTheSynthCopy) {
  test_support::SynthCopy copy(12, 3, true);
  Params params;
  ASSERT_TRUE(
      resolve({{"csv", copy.csv().string()}, {"bands", copy.bands()}, {"size", 24}}, &params)
          .empty());
  std::shared_ptr<Dataset> dataset =
      catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
  EXPECT_EQ(dataset->info().task, Task::multi_label);
  EXPECT_EQ(dataset->info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
  ASSERT_EQ(dataset->size(), copy.result().train);
  EXPECT_EQ(dataset->get(0).inputs[0].sizes(), (at::IntArrayRef{3, 24, 24}));
}

}  // namespace
}  // namespace eorun::folder
