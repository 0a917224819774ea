// The built bce.so through the real plugin loader: every check of the contract passes and the
// factory makes a working loss.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "plugins/catalogue.hpp"

namespace eorun {
namespace {

TEST(BcePlugin, LoadsAndMakesALoss) {
  Catalogue catalogue;
  const auto refused = catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "bce.so");
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::loss, "bce");
  Params params("bce");
  params.set("label_smoothing", 0.0);
  LossContext context;
  context.num_classes = 2;
  std::shared_ptr<Loss> loss = catalogue.make_loss(plugin, params, context);
  // ln 2 for a zero logit, whatever the target.
  const at::Tensor value = loss->compute(torch::zeros({1, 2}), torch::tensor({{1.0f, 0.0f}}));
  EXPECT_NEAR(value.item<double>(), std::log(2.0), 1e-6);
}

}  // namespace
}  // namespace eorun
