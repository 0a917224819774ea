// The built eurosat.so through the plugin catalogue and the core's parameter validator, as
// `eorun run` and `eorun data inspect` use it.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "eurosat_test_support.hpp"
#include "support/built_dataset_plugin.hpp"

namespace eorun::eurosat {
namespace {

namespace fs = std::filesystem;

class BuiltPlugin : public test::BuiltDatasetPlugin {
 protected:
  BuiltPlugin() : BuiltDatasetPlugin("eurosat") {}
};

TEST_F(BuiltPlugin, DeclaresItsParametersWithDefaults) {
  const std::vector<std::string> names = parameter_names();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()),
            (std::set<std::string>{"root", "format", "bands", "splits", "split_train", "split_val",
                                   "split_test", "split_seed", "val_fraction", "test_fraction"}));
  Params params;
  ASSERT_TRUE(resolve(nlohmann::json::object(), &params).empty());
  EXPECT_EQ(params.get_string("format"), "ms");
  EXPECT_EQ(params.get_string("bands"), "all");
  EXPECT_EQ(params.get_string("splits"), "official");
  EXPECT_EQ(params.get_string("split_train"), "");
  EXPECT_EQ(params.get_int("split_seed"), 0);
  EXPECT_EQ(params.get_real("val_fraction"), 0.2);
  EXPECT_EQ(params.get_real("test_fraction"), 0.2);
}

TEST_F(BuiltPlugin, ValidatorRefusesUnknownLayoutsPresetsAndSplits) {
  auto messages = resolve({{"format", "tif"},
                           {"bands", "nir"},
                           {"splits", "mine"},
                           {"val_fraction", 1.5},
                           {"colour", true}},
                          nullptr);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_EQ(messages.size(), 5u) << all;
  for (const char* key : {"dataset.format", "dataset.bands", "dataset.splits",
                          "dataset.val_fraction", "dataset.colour"})
    EXPECT_NE(all.find(key), std::string::npos) << key << "\n" << all;
}

TEST_F(BuiltPlugin, WithoutRootTheFactoryNamesTheParameter) {
  Params params;
  ASSERT_TRUE(resolve(nlohmann::json::object(), &params).empty());
  try {
    catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
    FAIL() << "an empty root must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset.root: folder '' does not exist"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(BuiltPlugin, MakesADatasetThatReadsTheSynthCopyInBothLayouts) {
  test_support::SynthRoot root(20);
  for (const char* format : {"ms", "rgb"}) {
    Params params;
    ASSERT_TRUE(
        resolve({{"root", root.path().string()}, {"format", format}, {"bands", "rgb"}}, &params)
            .empty());
    std::shared_ptr<Dataset> dataset =
        catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
    EXPECT_EQ(dataset->info().band_names(), (std::vector<std::string>{"B04", "B03", "B02"}));
    EXPECT_EQ(dataset->info().task, Task::single_label);
    EXPECT_TRUE(dataset->info().reference.empty()) << "EuroSAT has no published constants";
    ASSERT_EQ(dataset->size(), root.result().train);
    const Sample sample = dataset->get(0);
    EXPECT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{3, 64, 64}));
    EXPECT_EQ(sample.target.dim(), 0);
    EXPECT_EQ(sample.id + ".jpg", test_support::lines_of(root.split_file("train")).front());
    EXPECT_EQ(dataset->group(0, "scene"), "");
  }
}

}  // namespace
}  // namespace eorun::eurosat
