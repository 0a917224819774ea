// The built shortcnn.so through the real plugin loader: every check of the contract passes and
// the factory makes a working model.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

TEST(ShortCnnPlugin, LoadsAndMakesAModel) {
  Catalogue catalogue;
  const auto refused = catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "shortcnn.so");
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "shortcnn");
  ASSERT_EQ(plugin.params.size(), 1u);
  EXPECT_STREQ(plugin.params[0].name, "input_size");
  EXPECT_STREQ(plugin.params[0].default_json, "120");
  EXPECT_EQ(plugin.params[0].min_kind, BoundKind::inclusive);
  EXPECT_EQ(plugin.params[0].min, 4.0);

  Params params("shortcnn");
  params.set("input_size", std::int64_t{16});
  ModelContext context;
  context.num_classes = 5;
  context.inputs = {{"x", {"B04", "B03", "B02"}, 10.0, {3, 16, 16}}};
  std::shared_ptr<Model> model = catalogue.make_model(plugin, params, context);
  EXPECT_EQ(model->forward({torch::zeros({2, 3, 16, 16})}).sizes(), at::IntArrayRef({2, 5}));
  EXPECT_EQ(model->groups().size(), 4u);
}

TEST(ShortCnnPlugin, ReportsAMismatchedInputSize) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "shortcnn.so"));
  Params params("shortcnn");
  params.set("input_size", std::int64_t{120});
  ModelContext context;
  context.num_classes = 5;
  context.inputs = {{"x", {"B04", "B03", "B02"}, 10.0, {3, 64, 64}}};
  try {
    catalogue.make_model(catalogue.require(PluginKind::model, "shortcnn"), params, context);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model.input_size") << e.what();
  }
}

}  // namespace
}  // namespace eorun
