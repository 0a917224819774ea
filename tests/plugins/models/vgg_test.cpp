#include "vgg_model.hpp"

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

namespace eorun::vgg {
namespace {

using test::context_of;
using test::parameter_count;

Params params_with(std::int64_t depth, bool batch_norm) {
  Params params("vgg");
  params.set("depth", depth);
  params.set("batch_norm", batch_norm);
  return params;
}

TEST(Vgg, HasTorchvisionsParameterCounts) {
  // From /usr/bin/python3 (torch 1.13, torchvision 0.14): sum of p.numel() over
  // torchvision.models.vgg<depth>[_bn](num_classes=K).parameters(), with K = 1000 for 3 bands and
  // K = 19 for 12 bands, where features[0] is replaced by Conv2d(12, 64, 3, padding=1).
  struct Count {
    std::int64_t depth;
    bool batch_norm;
    std::int64_t rgb_1000;
    std::int64_t ms_19;
  };
  const Count counts[] = {
      {11, false, 132863336, 128849363}, {11, true, 132868840, 128854867},
      {13, false, 133047848, 129033875}, {13, true, 133053736, 129039763},
      {16, false, 138357544, 134343571}, {16, true, 138365992, 134352019},
      {19, false, 143667240, 139653267}, {19, true, 143678248, 139664275},
  };
  for (const Count& c : counts) {
    SCOPED_TRACE("depth " + std::to_string(c.depth) + (c.batch_norm ? " with" : " without") +
                 " batch norm");
    Vgg rgb(VggOptions(3, 1000).depth(c.depth).batch_norm(c.batch_norm));
    EXPECT_EQ(parameter_count(*rgb), c.rgb_1000);
    Vgg ms(VggOptions(12, 19).depth(c.depth).batch_norm(c.batch_norm));
    EXPECT_EQ(parameter_count(*ms), c.ms_19);
  }
}

TEST(Vgg, NamesEveryParameterAndBufferAsTorchvision) {
  const auto expected = test::torchvision_keys("vgg16_bn");
  ASSERT_EQ(expected.size(), 97u);
  Vgg net(VggOptions(3, 1000).depth(16).batch_norm(true));
  EXPECT_EQ(test::state_dict_keys(*net), expected);
}

TEST(Vgg, ComputesTorchvisionsLogits) {
  test::expect_torchvision_logits("vgg", {{"depth", 11}, {"batch_norm", true}}, "vgg11_bn");
}

TEST(Vgg, InitialisesAsTorchvision) {
  torch::manual_seed(2);
  Vgg net(VggOptions(3, 10).depth(11).batch_norm(true));
  // Convolutions: Kaiming-normal, fan_out and ReLU gain: std sqrt(2 / (out * 3 * 3)).
  const auto conv = net->features[0]->as<torch::nn::Conv2d>();
  ASSERT_NE(conv, nullptr);
  EXPECT_NEAR(conv->weight.std().item<double>(), std::sqrt(2.0 / (64 * 9)), 0.005);
  EXPECT_EQ(conv->bias.abs().max().item<double>(), 0.0);
  const auto norm = net->features[1]->as<torch::nn::BatchNorm2d>();
  ASSERT_NE(norm, nullptr);
  EXPECT_TRUE(torch::equal(norm->weight, torch::ones({64})));
  EXPECT_TRUE(torch::equal(norm->bias, torch::zeros({64})));
  for (std::size_t i : {0, 3, 6}) {
    const auto linear = net->classifier[i]->as<torch::nn::Linear>();
    ASSERT_NE(linear, nullptr) << "classifier." << i;
    EXPECT_NEAR(linear->weight.std().item<double>(), 0.01, 0.0005) << "classifier." << i;
    EXPECT_EQ(linear->bias.abs().max().item<double>(), 0.0) << "classifier." << i;
  }
}

TEST(Vgg, DropsOutInTrainingModeOnly) {
  torch::manual_seed(4);
  VggModel model(VggOptions(4, 3).depth(11));
  const at::Tensor x = torch::randn({2, 4, 32, 32});
  torch::NoGradGuard no_grad;
  model.module()->eval();
  EXPECT_TRUE(torch::equal(model.forward({x}), model.forward({x})));
  model.module()->train();
  EXPECT_FALSE(torch::equal(model.forward({x}), model.forward({x})));
}

TEST(Vgg, GroupsHoldEveryParameterOnceWithTheHeadLast) {
  for (const bool batch_norm : {false, true}) {
    VggModel model(VggOptions(12, 19).depth(13).batch_norm(batch_norm));
    const auto groups = checked_groups(model, "model plugin 'vgg'");
    std::vector<std::string> names;
    for (const auto& group : groups) names.push_back(group.name);
    EXPECT_EQ(names, (std::vector<std::string>{"block1", "block2", "block3", "block4", "block5",
                                               "classifier", "head"}));
    EXPECT_EQ(groups.back().parameter_names,
              (std::vector<std::string>{"classifier.6.weight", "classifier.6.bias"}));
    EXPECT_EQ(groups[5].parameter_names.size(), 4u) << "classifier.0 and classifier.3";
    EXPECT_EQ(groups[0].parameter_names.size(), batch_norm ? 8u : 4u) << "two convolutions";
    EXPECT_EQ(groups[0].buffer_names.size(), batch_norm ? 6u : 0u);
  }
}

TEST(Vgg, TakesAnyPatchOfAtLeastThirtyTwoPixels) {
  VggModel model(options_from(params_with(11, false), context_of(5, 2, 32)));
  EXPECT_EQ(model.forward({torch::randn({1, 5, 32, 32})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_EQ(model.forward({torch::randn({1, 5, 40, 57})}).sizes(), at::IntArrayRef({1, 2}));
  EXPECT_THROW(model.forward({torch::randn({1, 5, 31, 64})}), Error);
  EXPECT_THROW(model.forward({torch::randn({1, 4, 32, 32})}), Error) << "the wrong band count";
}

TEST(Vgg, RefusesPatchesSmallerThanThirtyTwo) {
  EXPECT_EQ(test::error_of([] {
              options_from(params_with(16, false), context_of(12, 19, 31));
            }),
            "model vgg: needs patches of at least 32x32 pixels, the dataset's are "
            "31x31; use larger patches or resample them to at least 32x32");
}

TEST(Vgg, RefusesMoreThanOneInputGroup) {
  EXPECT_EQ(test::error_of([] {
              options_from(params_with(16, false), test::two_group_context_of(4, 19, 120));
            }),
            "model vgg: takes one input group, the dataset has 2; resample every band to "
            "one resolution (early fusion)");
}

TEST(Vgg, PrintsItsOptions) {
  Vgg net(VggOptions(12, 19).depth(11).batch_norm(true));
  std::ostringstream out;
  net->pretty_print(out);
  EXPECT_EQ(out.str(),
            "eorun::vgg::Vgg(in_channels=12, num_classes=19, depth=11, batch_norm=true)");
}

TEST(VggPlugin, LoadsAndMakesAModel) {
  Catalogue catalogue;
  const auto refused =
      catalogue.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "vgg.so");
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "vgg");
  ASSERT_EQ(plugin.params.size(), 2u);
  EXPECT_STREQ(plugin.params[0].name, "depth");
  EXPECT_STREQ(plugin.params[0].allowed_json, "[11, 13, 16, 19]");
  EXPECT_STREQ(plugin.params[1].name, "batch_norm");
  std::shared_ptr<Model> model =
      catalogue.make_model(plugin, params_with(11, true), context_of(3, 5, 32));
  EXPECT_EQ(model->forward({torch::zeros({2, 3, 32, 32})}).sizes(), at::IntArrayRef({2, 5}));
  EXPECT_EQ(model->groups().size(), 7u);
}

}  // namespace
}  // namespace eorun::vgg
