#include "densenet_model.hpp"

#include <cmath>
#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/catalogue.hpp"
#include "plugins/models/model_test_support.hpp"
#include "plugins/models/torchvision_weights.hpp"
#include "train/model_groups.hpp"

namespace eorun::densenet {
namespace {

using test::context_of;
using test::parameter_count;

Params params_with(std::int64_t depth) {
  Params params("densenet");
  params.set("depth", depth);
  return params;
}

TEST(DenseNet, HasTorchvisionsParameterCounts) {
  // From /usr/bin/python3 (torch 1.13, torchvision 0.14): sum of p.numel() over
  // torchvision.models.densenet<depth>(num_classes=K).parameters(), with K = 1000 for 3 bands and
  // K = 19 for 12 bands, where features.conv0 is replaced by Conv2d(12, F0, 7, 2, 3, bias=False).
  struct Count {
    std::int64_t depth;
    std::int64_t rgb_1000;
    std::int64_t ms_19;
  };
  const Count counts[] = {
      {121, 7978856, 7001555},
      {161, 28681000, 26556307},
      {169, 14149480, 12544339},
      {201, 20013928, 18157651},
  };
  for (const Count& c : counts) {
    SCOPED_TRACE("depth " + std::to_string(c.depth));
    EXPECT_EQ(parameter_count(*DenseNet(DenseNetOptions(3, 1000).depth(c.depth))), c.rgb_1000);
    EXPECT_EQ(parameter_count(*DenseNet(DenseNetOptions(12, 19).depth(c.depth))), c.ms_19);
  }
}

TEST(DenseNet, NamesEveryParameterAndBufferAsTorchvision) {
  const auto expected = test::torchvision_keys("densenet121");
  ASSERT_EQ(expected.size(), 727u);
  DenseNet net(DenseNetOptions(3, 1000).depth(121));
  EXPECT_EQ(test::state_dict_keys(*net), expected);
}

TEST(DenseNet, ComputesTorchvisionsLogits) {
  test::expect_torchvision_logits("densenet", {{"depth", 121}}, "densenet121");
}

TEST(DenseNet, InitialisesAsTorchvision) {
  torch::manual_seed(2);
  DenseNet net(DenseNetOptions(3, 10).depth(121));
  // Kaiming-normal, fan_in and ReLU gain: std sqrt(2 / (in * kernel area)).
  const auto conv0 = net->feature("conv0")->as<torch::nn::Conv2d>();
  ASSERT_NE(conv0, nullptr);
  EXPECT_FALSE(conv0->options.bias());
  EXPECT_NEAR(conv0->weight.std().item<double>(), std::sqrt(2.0 / (3 * 49)), 0.01);
  const auto block = net->feature("denseblock1")->as<DenseBlock>();
  ASSERT_NE(block, nullptr);
  const auto layer = block->named_children()["denselayer1"]->as<DenseLayer>();
  ASSERT_NE(layer, nullptr);
  EXPECT_NEAR(layer->conv2->weight.std().item<double>(), std::sqrt(2.0 / (128 * 9)), 0.003);
  EXPECT_TRUE(torch::equal(layer->norm1->weight, torch::ones({64})));
  EXPECT_TRUE(torch::equal(layer->norm1->bias, torch::zeros({64})));
  EXPECT_EQ(net->classifier->bias.abs().max().item<double>(), 0.0);
  EXPECT_GT(net->classifier->weight.abs().max().item<double>(), 0.0) << "the default init";
}

TEST(DenseNet, GroupsHoldEveryParameterOnceWithTheHeadLast) {
  DenseNetModel model(DenseNetOptions(12, 19).depth(121));
  const auto groups = checked_groups(model, "model plugin 'densenet'");
  std::vector<std::string> names;
  for (const auto& group : groups) names.push_back(group.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"stem", "block1", "block2", "block3", "block4", "head"}));
  EXPECT_EQ(groups[0].parameter_names,
            (std::vector<std::string>{"features.conv0.weight", "features.norm0.weight",
                                      "features.norm0.bias"}));
  EXPECT_EQ(groups.back().parameter_names,
            (std::vector<std::string>{"classifier.weight", "classifier.bias"}));
  EXPECT_EQ(groups[4].parameter_names.back(), "features.norm5.bias");
  EXPECT_EQ(groups[1].parameter_names.back(), "features.transition1.conv.weight");
}

TEST(DenseNet, ClonesDeeply) {
  torch::manual_seed(3);
  DenseNetModel model(DenseNetOptions(4, 3).depth(121));
  auto copy = std::dynamic_pointer_cast<DenseNetImpl>(model.net()->clone());
  ASSERT_TRUE(copy);
  EXPECT_EQ(test::state_dict_keys(*copy), test::state_dict_keys(*model.net()));
  const auto conv0 = copy->feature("conv0")->as<torch::nn::Conv2d>();
  const auto original = model.net()->feature("conv0")->as<torch::nn::Conv2d>();
  EXPECT_FALSE(conv0->weight.is_same(original->weight));
  EXPECT_TRUE(torch::equal(conv0->weight, original->weight));
  const at::Tensor x = torch::randn({2, 4, 29, 29});
  model.module()->eval();
  copy->eval();
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::equal(copy->forward(x), model.forward({x})));
}

TEST(DenseNet, TakesAnyPatchOfAtLeastTwentyNinePixels) {
  DenseNetModel model(options_from(params_with(121), context_of(5, 2, 29)));
  model.module()->eval();
  EXPECT_EQ(model.forward({torch::randn({1, 5, 29, 29})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_EQ(model.forward({torch::randn({1, 5, 40, 57})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_THROW(model.forward({torch::randn({1, 5, 64, 28})}), Error);
  EXPECT_THROW(model.forward({torch::randn({1, 4, 32, 32})}), Error) << "the wrong band count";
  EXPECT_THROW(model.forward({torch::randn({1, 5, 32, 32}), torch::randn({1, 5, 32, 32})}),
               Error)
      << "two tensors";
}

TEST(DenseNet, RefusesPatchesSmallerThanTwentyNine) {
  EXPECT_EQ(test::error_of([] {
              options_from(params_with(121), context_of(12, 19, 28));
            }),
            "model densenet: needs patches of at least 29x29 pixels, the dataset's are "
            "28x28; use larger patches or resample them to at least 29x29");
}

TEST(DenseNet, RefusesMoreThanOneInputGroup) {
  EXPECT_EQ(test::error_of([] {
              options_from(params_with(121), test::two_group_context_of(4, 19, 120));
            }),
            "model densenet: takes one input group, the dataset has 2; resample every band to "
            "one resolution (early fusion)");
}

TEST(DenseNet, PrintsItsOptions) {
  DenseNet net(DenseNetOptions(12, 19).depth(169));
  std::ostringstream out;
  net->pretty_print(out);
  EXPECT_EQ(out.str(), "eorun::densenet::DenseNet(in_channels=12, num_classes=19, depth=169)");
}

TEST(DenseNetPlugin, LoadsAndMakesAModel) {
  Catalogue catalogue;
  const auto refused =
      catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "densenet.so");
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "densenet");
  ASSERT_EQ(plugin.params.size(), 1u);
  EXPECT_STREQ(plugin.params[0].name, "depth");
  EXPECT_STREQ(plugin.params[0].default_json, "121");
  EXPECT_STREQ(plugin.params[0].allowed_json, "[121, 161, 169, 201]");
  std::shared_ptr<Model> model =
      catalogue.make_model(plugin, params_with(121), context_of(3, 5, 32));
  EXPECT_EQ(model->forward({torch::zeros({2, 3, 32, 32})}).sizes(), at::IntArrayRef({2, 5}));
  EXPECT_EQ(model->groups().size(), 6u);
}

}  // namespace
}  // namespace eorun::densenet
