// The built resnet.so through the real plugin loader: its descriptor says what `eorun plugins
// show resnet` prints, and the factory makes a working model or refuses the data with the
// plugin's own message.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

const std::filesystem::path kPlugin = std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "resnet.so";

ModelContext context_of(std::int64_t height, std::int64_t width) {
  ModelContext context;
  context.num_classes = 5;
  context.inputs = {{"x", {"B02", "B03", "B04", "B08"}, 10.0, {4, height, width}}};
  return context;
}

TEST(ResNetPlugin, DescribesItsDepthsAndMinimumPatch) {
  Catalogue catalogue;
  const auto refused = catalogue.load(kPlugin);
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "resnet");
  EXPECT_EQ(plugin.version, "1.0.0");
  EXPECT_NE(plugin.summary.find("33x33"), std::string::npos) << plugin.summary;
  ASSERT_EQ(plugin.params.size(), 1u);
  EXPECT_STREQ(plugin.params[0].name, "depth");
  EXPECT_EQ(plugin.params[0].type, ParamType::integer);
  EXPECT_STREQ(plugin.params[0].default_json, "18");
  EXPECT_STREQ(plugin.params[0].allowed_json, "[18, 34, 50, 101]");
  EXPECT_NE(std::string(plugin.params[0].doc).find("33x33"), std::string::npos);
}

TEST(ResNetPlugin, MakesAModelWithSixGroups) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(kPlugin));
  Params params("resnet");
  params.set("depth", std::int64_t{50});
  std::shared_ptr<Model> model =
      catalogue.make_model(catalogue.require(PluginKind::model, "resnet"), params, context_of(40, 56));
  EXPECT_EQ(model->forward({torch::zeros({2, 4, 40, 56})}).sizes(), at::IntArrayRef({2, 5}));
  EXPECT_EQ(model->groups().size(), 6u);
}

TEST(ResNetPlugin, RefusesPatchesBelowTheMinimum) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(kPlugin));
  Params params("resnet");
  params.set("depth", std::int64_t{18});
  try {
    catalogue.make_model(catalogue.require(PluginKind::model, "resnet"), params, context_of(32, 32));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model resnet") << e.what();
    EXPECT_NE(e.problem().find("minimum of 33x33"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace eorun
