// The built bigearthnet.so through the plugin catalogue and the core's parameter validator, as
// `eorun run` and `eorun data inspect` use it.
#include <ATen/ATen.h>
#include <gtest/gtest.h>

#include <set>

#include "bigearthnet_test_support.hpp"
#include "plugins/catalogue.hpp"
#include "spec/param_schema.hpp"

namespace eorun::bigearthnet {
namespace {

namespace fs = std::filesystem;

class BuiltPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path library = fs::path(EORUN_BINARY_DIR) / "plugins" / "bigearthnet.so";
    ASSERT_TRUE(fs::exists(library)) << library;
    std::optional<RefusedPlugin> refused = catalogue_.load(library);
    ASSERT_FALSE(refused.has_value()) << refused->message;
    plugin_ = &catalogue_.require(PluginKind::dataset, "bigearthnet");
  }

  // Resolves `user` like a [dataset] section; returns the errors' messages.
  std::vector<std::string> resolve(const nlohmann::json& user, Params* params) {
    std::vector<Error> errors;
    nlohmann::json resolved = resolve_params("dataset", user, plugin_->params, errors);
    std::vector<std::string> messages;
    for (const Error& e : errors) messages.push_back(e.what());
    if (errors.empty() && params) *params = to_params("dataset", resolved, plugin_->params);
    return messages;
  }

  Catalogue catalogue_;
  const LoadedPlugin* plugin_ = nullptr;
};

TEST_F(BuiltPlugin, DeclaresItsParameters) {
  std::set<std::string> names;
  for (const ParamSpec& spec : plugin_->params) names.insert(spec.name);
  EXPECT_EQ(names, (std::set<std::string>{"root", "version", "s2_folder", "s1_folder", "metadata",
                                          "bands", "classes", "resample", "split_train",
                                          "split_val", "split_test"}));
  Params params;
  ASSERT_TRUE(resolve(nlohmann::json::object(), &params).empty());
  EXPECT_EQ(params.get_int("version"), 1);
  EXPECT_EQ(params.get_string("bands"), "rgb");
  EXPECT_EQ(params.get_int("classes"), 19);
  EXPECT_EQ(params.get_string("resample"), "10m");
  EXPECT_EQ(params.get_string("root"), "");
  EXPECT_EQ(params.get_string("s2_folder"), "") << "the version's own folder";
  EXPECT_EQ(params.get_string("s1_folder"), "");
  EXPECT_EQ(params.get_string("metadata"), "metadata.csv");
  EXPECT_EQ(params.get_string("split_train"), "") << "the version's official split";
  EXPECT_EQ(params.get_string("split_val"), "");
  EXPECT_EQ(params.get_string("split_test"), "");
  EXPECT_EQ(plugin_->version, "2.0.0");
  std::set<std::string> synth;
  for (const ParamSpec& spec : plugin_->synth_params) synth.insert(spec.name);
  EXPECT_EQ(synth, (std::set<std::string>{"version", "s1"}));
}

TEST_F(BuiltPlugin, OfficialSplitsByDefaultAndRadarPresets) {
  test_support::SynthRoot root(6, 3, /*s1=*/true);
  Params params;
  ASSERT_TRUE(resolve({{"root", root.path().string()}, {"bands", "s1s2"}}, &params).empty());
  std::shared_ptr<Dataset> dataset = catalogue_.make_dataset(*plugin_, params, DatasetContext{"val"});
  EXPECT_EQ(dataset->info().band_names(), test_support::s1s2());
  EXPECT_EQ(dataset->manifest().front(),
            (fs::absolute(root.path()) / "bigearthnet-val.csv").lexically_normal().string());
  EXPECT_EQ(dataset->sample_id(0), root.first_patch("val"));
  EXPECT_EQ(dataset->group(0, "tile"), "T33UUP");
  EXPECT_TRUE(dataset->info().reference.empty());
  ASSERT_TRUE(resolve({{"root", root.path().string()}, {"bands", "s2"}}, &params).empty());
  dataset = catalogue_.make_dataset(*plugin_, params, DatasetContext{"val"});
  EXPECT_EQ(dataset->info().reference.mean.size(), 12u);
}

TEST_F(BuiltPlugin, ValidatorRefusesAnUnknownVersionAndV2With43Classes) {
  auto messages = resolve({{"version", 3}}, nullptr);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("dataset.version"), std::string::npos) << messages[0];
  test_support::SynthRoot root(4, 3, false, 2);
  Params params;
  ASSERT_TRUE(resolve({{"root", root.path().string()}, {"version", 2}, {"classes", 43}}, &params).empty());
  try {
    catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
    FAIL() << "v2 with 43 classes must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset.classes: BigEarthNet v2 labels"), std::string::npos)
        << e.what();
  }
}

TEST_F(BuiltPlugin, ValidatorRefusesBadPresetsClassCountsAndResampling) {
  auto messages =
      resolve({{"bands", "all"}, {"classes", 10}, {"colour", true}, {"resample", "20m"}}, nullptr);
  ASSERT_EQ(messages.size(), 4u);
  std::string all;
  for (const auto& m : messages) all += m + "\n";
  EXPECT_NE(all.find("dataset.bands"), std::string::npos) << all;
  EXPECT_NE(all.find("dataset.classes"), std::string::npos) << all;
  EXPECT_NE(all.find("dataset.colour"), std::string::npos) << all;
  EXPECT_NE(all.find("dataset.resample"), std::string::npos) << all;
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

TEST_F(BuiltPlugin, MakesADatasetThatReadsSynthData) {
  test_support::SynthRoot root(6);
  Params params;
  ASSERT_TRUE(
      resolve({{"root", root.path().string()}, {"bands", {"B8A", "B04"}}, {"classes", 43}}, &params)
          .empty());
  std::shared_ptr<Dataset> dataset =
      catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
  EXPECT_EQ(dataset->info().band_names(), (std::vector<std::string>{"B8A", "B04"}));
  EXPECT_EQ(dataset->info().class_names.size(), 43u);
  ASSERT_GT(dataset->size(), 0u);
  Sample sample = dataset->get(0);
  EXPECT_EQ(sample.inputs[0].sizes(), (at::IntArrayRef{2, 120, 120}));
  EXPECT_EQ(sample.target.sizes(), (at::IntArrayRef{43}));
  EXPECT_EQ(sample.id, root.first_patch("train"));
  EXPECT_GT(sample.inputs[0].mean().item<double>(), 100.0);
}

TEST_F(BuiltPlugin, WithoutResamplingMakesOneGroupPerResolution) {
  test_support::SynthRoot root(6);
  Params params;
  ASSERT_TRUE(resolve({{"root", root.path().string()}, {"bands", "ms"}, {"resample", "none"}},
                      &params)
                  .empty());
  std::shared_ptr<Dataset> dataset =
      catalogue_.make_dataset(*plugin_, params, DatasetContext{"train"});
  EXPECT_EQ(dataset->info().input_shapes(),
            (std::vector<std::vector<std::int64_t>>{{4, 120, 120}, {6, 60, 60}, {2, 20, 20}}));
  Sample sample = dataset->get(0);
  ASSERT_EQ(sample.inputs.size(), 3u);
  EXPECT_EQ(sample.inputs[2].sizes(), (at::IntArrayRef{2, 20, 20}));
}

}  // namespace
}  // namespace eorun::bigearthnet
