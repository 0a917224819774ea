#include "efficientnet_model.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/catalogue.hpp"
#include "plugins/models/model_test_support.hpp"
#include "plugins/models/torchvision_weights.hpp"
#include "spec/param_schema.hpp"
#include "train/model_groups.hpp"

namespace eorun::efficientnet {
namespace {

using test::context_of;
using test::parameter_count;

Params params_with(const std::string& variant) {
  Params params("efficientnet");
  params.set("variant", variant);
  return params;
}

// features.<stage>.<block>, an MBConv.
MBConvImpl& block_of(EfficientNet& net, std::size_t stage, std::size_t block) {
  const auto* found = net->features[stage]->named_children().find(std::to_string(block));
  auto* mbconv = found ? (*found)->as<MBConv>() : nullptr;
  if (mbconv == nullptr) throw std::runtime_error("no MBConv at that index");
  return *mbconv;
}

TEST(EfficientNet, HasTorchvisionsParameterCounts) {
  // From /usr/bin/python3 (torch 1.13, torchvision 0.14): sum of p.numel() over
  // torchvision.models.efficientnet_<variant>(num_classes=K).parameters(), with K = 1000 for 3
  // bands and K = 19 for 12 bands, where features[0][0] is replaced by
  // Conv2d(12, C0, 3, stride=2, padding=1, bias=False).
  struct Count {
    const char* variant;
    std::int64_t rgb_1000;
    std::int64_t ms_19;
  };
  const Count counts[] = {
      {"b0", 5288548, 4034479},   {"b1", 7794184, 6540115},   {"b2", 9109994, 7730357},
      {"b3", 12233232, 10728675}, {"b4", 19341616, 17586571},
  };
  ASSERT_EQ(variants().size(), std::size(counts));
  for (const Count& c : counts) {
    SCOPED_TRACE(c.variant);
    EXPECT_EQ(parameter_count(*EfficientNet(EfficientNetOptions(3, 1000).variant(c.variant))),
              c.rgb_1000);
    EXPECT_EQ(parameter_count(*EfficientNet(EfficientNetOptions(12, 19).variant(c.variant))),
              c.ms_19);
  }
}

TEST(EfficientNet, NamesEveryParameterAndBufferAsTorchvision) {
  const auto expected = test::torchvision_keys("efficientnet_b0");
  ASSERT_EQ(expected.size(), 360u);
  EfficientNet net(EfficientNetOptions(3, 1000));
  EXPECT_EQ(test::state_dict_keys(*net), expected);
}

TEST(EfficientNet, ComputesTorchvisionsLogits) {
  test::expect_torchvision_logits("efficientnet", {{"variant", "b0"}}, "efficientnet_b0");
}

TEST(EfficientNet, InitialisesAsTorchvision) {
  torch::manual_seed(2);
  EfficientNet net(EfficientNetOptions(3, 10));
  // Kaiming-normal, fan_out: std sqrt(2 / (32 * 3 * 3)) for the stem's 32 filters.
  const auto stem = net->features[0]->as<ConvNormActivation>();
  ASSERT_NE(stem, nullptr);
  EXPECT_FALSE(stem->conv->options.bias());
  EXPECT_NEAR(stem->conv->weight.std().item<double>(), std::sqrt(2.0 / (32 * 9)), 0.02);
  EXPECT_TRUE(torch::equal(stem->norm->weight, torch::ones({32})));
  const auto& excitation = *block_of(net, 2, 0).block[2]->as<SqueezeExcitation>();
  EXPECT_EQ(excitation.fc1->bias.abs().max().item<double>(), 0.0);
  const auto linear = net->classifier[1]->as<torch::nn::Linear>();
  ASSERT_NE(linear, nullptr);
  EXPECT_LE(linear->weight.abs().max().item<double>(), 1.0 / std::sqrt(10.0));
  EXPECT_EQ(linear->bias.abs().max().item<double>(), 0.0);
}

TEST(EfficientNet, ScalesStochasticDepthAndDropoutAsTorchvision) {
  // b0 has 16 blocks; block i drops its residual branch with probability 0.2 * i / 16.
  EfficientNet b0(EfficientNetOptions(3, 10));
  EXPECT_EQ(block_of(b0, 1, 0).stochastic_depth->p, 0.0);
  EXPECT_DOUBLE_EQ(block_of(b0, 7, 0).stochastic_depth->p, 0.2 * 15 / 16);
  EXPECT_DOUBLE_EQ(b0->dropout, 0.2);
  EfficientNet b4(EfficientNetOptions(3, 10).variant("b4"));
  EXPECT_DOUBLE_EQ(b4->dropout, 0.4);
  EXPECT_EQ(b4->features[6]->named_children().size(), 8u) << "ceil(4 * 1.8) blocks in stage 6";
}

TEST(EfficientNet, DrawsStochasticDepthFromTorchsGeneratorInTrainModeOnly) {
  StochasticDepth drop(0.5);
  const at::Tensor x = torch::ones({2000, 1, 2, 2});
  drop->eval();
  EXPECT_TRUE(torch::equal(drop(x), x));
  drop->train();
  torch::manual_seed(11);
  const at::Tensor first = drop(x);
  EXPECT_TRUE(torch::equal(first.amax({1, 2, 3}), first.amin({1, 2, 3}))) << "whole samples";
  EXPECT_TRUE(torch::logical_or(first == 0, first == 2).all().item<bool>());
  EXPECT_NEAR((first == 0).to(torch::kDouble).mean().item<double>(), 0.5, 0.05);
  torch::manual_seed(11);
  EXPECT_TRUE(torch::equal(drop(x), first)) << "the seed decides";

  torch::manual_seed(4);
  EfficientNetModel model(EfficientNetOptions(4, 3));
  const at::Tensor batch = torch::randn({2, 4, 32, 32});
  torch::NoGradGuard no_grad;
  model.module()->eval();
  EXPECT_TRUE(torch::equal(model.forward({batch}), model.forward({batch})));
  model.module()->train();
  torch::manual_seed(5);
  const at::Tensor trained = model.forward({batch});
  torch::manual_seed(5);
  EXPECT_TRUE(torch::equal(model.forward({batch}), trained));
}

TEST(EfficientNet, GroupsHoldEveryParameterOnceWithTheHeadLast) {
  EfficientNetModel model(EfficientNetOptions(12, 19).variant("b1"));
  const auto groups = checked_groups(model, "model plugin 'efficientnet'");
  std::vector<std::string> names;
  for (const auto& group : groups) names.push_back(group.name);
  EXPECT_EQ(names, (std::vector<std::string>{"stem", "block1", "block2", "block3", "block4",
                                             "head"}));
  EXPECT_EQ(groups[0].parameter_names,
            (std::vector<std::string>{"features.0.0.weight", "features.0.1.weight",
                                      "features.0.1.bias"}));
  EXPECT_EQ(groups[1].parameter_names.back(), "features.2.2.block.3.1.bias");
  EXPECT_EQ(groups[4].parameter_names.back(), "features.8.1.bias");
  EXPECT_EQ(groups.back().parameter_names,
            (std::vector<std::string>{"classifier.1.weight", "classifier.1.bias"}));
}

TEST(EfficientNet, TakesAnyPatchOfAtLeastThirtyTwoPixels) {
  EfficientNetModel model(options_from(params_with("b0"), context_of(5, 2, 32)));
  model.module()->eval();
  torch::NoGradGuard no_grad;
  EXPECT_EQ(model.forward({torch::randn({1, 5, 32, 32})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_EQ(model.forward({torch::randn({1, 5, 40, 57})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_THROW(model.forward({torch::randn({1, 5, 64, 31})}), Error);
  EXPECT_THROW(model.forward({torch::randn({1, 4, 32, 32})}), Error) << "the wrong band count";
}

TEST(EfficientNet, RefusesPatchesSmallerThanThirtyTwo) {
  EXPECT_EQ(test::error_of([] { options_from(params_with("b0"), context_of(12, 19, 31)); }),
            "model efficientnet: needs patches of at least 32x32 pixels, the dataset's are "
            "31x31; use larger patches or resample them to at least 32x32");
}

TEST(EfficientNet, RefusesAnUnknownVariant) {
  EXPECT_EQ(test::error_of([] { (void)EfficientNet(EfficientNetOptions(3, 10).variant("b7")); }),
            "model efficientnet: has no variant 'b7'; set model.variant to b0, b1, b2, b3 or b4");
}

TEST(EfficientNet, ClonesDeeply) {
  torch::manual_seed(3);
  EfficientNetModel model(EfficientNetOptions(4, 3));
  auto copy = std::dynamic_pointer_cast<EfficientNetImpl>(model.net()->clone());
  ASSERT_TRUE(copy);
  EXPECT_EQ(test::state_dict_keys(*copy), test::state_dict_keys(*model.net()));
  const auto original = model.net()->named_parameters()["features.3.1.block.1.0.weight"];
  const auto cloned = copy->named_parameters()["features.3.1.block.1.0.weight"];
  EXPECT_FALSE(cloned.is_same(original));
  EXPECT_TRUE(torch::equal(cloned, original));
  const at::Tensor x = torch::randn({2, 4, 32, 32});
  model.module()->eval();
  copy->eval();
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::equal(copy->forward(x), model.forward({x})));
}

TEST(EfficientNet, PrintsItsOptions) {
  EfficientNet net(EfficientNetOptions(12, 19).variant("b3"));
  std::ostringstream out;
  net->pretty_print(out);
  EXPECT_EQ(out.str(), "eorun::efficientnet::EfficientNet(in_channels=12, num_classes=19, variant=b3)");
}

const std::filesystem::path kPlugin =
    std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "efficientnet.so";

TEST(EfficientNetPlugin, DescribesItsVariantsAndMinimumPatch) {
  Catalogue catalogue;
  const auto refused = catalogue.load(kPlugin);
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "efficientnet");
  EXPECT_NE(plugin.summary.find("32x32"), std::string::npos) << plugin.summary;
  ASSERT_EQ(plugin.params.size(), 1u);
  EXPECT_STREQ(plugin.params[0].name, "variant");
  EXPECT_EQ(plugin.params[0].type, ParamType::string);
  EXPECT_STREQ(plugin.params[0].default_json, "\"b0\"");
  EXPECT_STREQ(plugin.params[0].allowed_json, "[\"b0\", \"b1\", \"b2\", \"b3\", \"b4\"]");
}

TEST(EfficientNetPlugin, SchemaRefusesAnUnknownVariant) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(kPlugin));
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "efficientnet");
  std::vector<Error> errors;
  resolve_params("model", {{"variant", "b7"}}, plugin.params, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].subject(), "model.variant");
  EXPECT_NE(errors[0].remedy().find("b4"), std::string::npos) << errors[0].what();
  errors.clear();
  EXPECT_EQ(resolve_params("model", {{"variant", "b4"}}, plugin.params, errors).at("variant"),
            "b4");
  EXPECT_TRUE(errors.empty());
}

TEST(EfficientNetPlugin, MakesAModelWithWellFormedGroups) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(kPlugin));
  std::shared_ptr<Model> model = catalogue.make_model(
      catalogue.require(PluginKind::model, "efficientnet"), params_with("b1"), context_of(3, 5, 32));
  EXPECT_EQ(checked_groups(*model, "model plugin 'efficientnet'").size(), 6u);
  EXPECT_EQ(model->forward({torch::zeros({2, 3, 32, 32})}).sizes(), at::IntArrayRef({2, 5}));
}

}  // namespace
}  // namespace eorun::efficientnet
