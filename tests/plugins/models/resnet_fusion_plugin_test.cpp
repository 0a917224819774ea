// The built resnet_fusion.so through the real plugin loader: its descriptor, models of both
// modes made by the factory for three native resolution groups, their groups as the core checks
// them, and the plugin's own message for a dataset that resamples every band to one grid.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "plugins/catalogue.hpp"
#include "plugins/models/model_test_support.hpp"

namespace eorun {
namespace {

const std::filesystem::path kPlugin =
    std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "resnet_fusion.so";

// BigEarthNet's 12 bands as bigearthnet delivers them with resample = "none".
ModelContext native_context() {
  ModelContext context;
  context.num_classes = 19;
  context.inputs = {{"s2_10m", {"B02", "B03", "B04", "B08"}, 10.0, {4, 120, 120}},
                    {"s2_20m", {"B05", "B06", "B07", "B8A", "B11", "B12"}, 20.0, {6, 60, 60}},
                    {"s2_60m", {"B01", "B09"}, 60.0, {2, 20, 20}}};
  return context;
}

Params params_with(const std::string& mode) {
  Params params("resnet_fusion");
  params.set("mode", mode);
  params.set("depth", std::int64_t{18});
  return params;
}

class ResNetFusionPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto refused = catalogue_.load(kPlugin);
    ASSERT_FALSE(refused) << refused->message;
    plugin_ = &catalogue_.require(PluginKind::model, "resnet_fusion");
  }
  Catalogue catalogue_;
  const LoadedPlugin* plugin_ = nullptr;
};

TEST_F(ResNetFusionPlugin, DescribesItsModesAndDepths) {
  EXPECT_EQ(plugin_->version, "1.0.0");
  EXPECT_NE(plugin_->summary.find("resample = \"none\""), std::string::npos) << plugin_->summary;
  ASSERT_EQ(plugin_->params.size(), 2u);
  EXPECT_STREQ(plugin_->params[0].name, "mode");
  EXPECT_STREQ(plugin_->params[0].default_json, "\"intermediate\"");
  EXPECT_STREQ(plugin_->params[0].allowed_json, "[\"intermediate\", \"late\"]");
  EXPECT_STREQ(plugin_->params[1].name, "depth");
  EXPECT_STREQ(plugin_->params[1].allowed_json, "[18, 34, 50]");
}

TEST_F(ResNetFusionPlugin, MakesBothModesWithWellFormedGroups) {
  for (const char* mode : {"intermediate", "late"}) {
    std::shared_ptr<Model> model = catalogue_.make_model(*plugin_, params_with(mode), native_context());
    const at::Tensor logits = model->forward(
        {torch::randn({2, 4, 120, 120}), torch::randn({2, 6, 60, 60}), torch::randn({2, 2, 20, 20})});
    EXPECT_EQ(logits.sizes(), at::IntArrayRef({2, 19})) << mode;
    const std::vector<CheckedGroup> groups = checked_groups(*model, "model plugin 'resnet_fusion'");
    const test::GroupSummary summary = test::summary_of(groups);
    EXPECT_EQ(summary.names,
              (std::vector<std::string>{"stem", "layer1", "layer2", "layer3", "layer4", "head"}))
        << mode;
    EXPECT_EQ(summary.parameters, model->module()->parameters().size()) << mode;
    EXPECT_EQ(groups.back().parameter_names, (std::vector<std::string>{"fc.weight", "fc.bias"}));
  }
}

TEST_F(ResNetFusionPlugin, RefusesOneResampledStackNamingTheSetting) {
  ModelContext stack;
  stack.num_classes = 19;
  stack.inputs = {{"s2", std::vector<std::string>(12, "b"), 10.0, {12, 120, 120}}};
  const std::string message =
      test::error_of([&] { catalogue_.make_model(*plugin_, params_with("late"), stack); });
  EXPECT_NE(message.find("model resnet_fusion: needs three input groups"), std::string::npos)
      << message;
  EXPECT_NE(message.find("set dataset.resample = \"none\""), std::string::npos) << message;
}

}  // namespace
}  // namespace eorun
