#include "resnet_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/models/torchvision_weights.hpp"
#include "train/model_groups.hpp"

namespace eorun::resnet {
namespace {

std::int64_t parameter_count(torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& p : module.parameters()) count += p.numel();
  return count;
}

ModelContext context_of(std::int64_t bands, std::int64_t classes, std::int64_t height,
                        std::int64_t width) {
  ModelContext context;
  context.num_classes = classes;
  context.inputs = {{"x", std::vector<std::string>(static_cast<std::size_t>(bands), "b"), 10.0,
                     {bands, height, width}}};
  return context;
}

Params params_with(std::int64_t depth) {
  Params params("resnet");
  params.set("depth", depth);
  return params;
}

TEST(ResNet, HasTorchvisionsParameterCounts) {
  // torchvision 0.14: sum(p.numel() for p in model.parameters()) of resnetNN(num_classes=K), for
  // 12 bands with conv1 = Conv2d(12, 64, 7, 2, 3, bias=False). Printed by
  //   /usr/bin/python3 tests/plugins/models/torchvision_reference.py counts
  struct Expect {
    std::int64_t depth, rgb_1000, ms12_19;
  };
  for (const Expect& e : {Expect{18, 11689512, 11214483}, Expect{34, 21797672, 21322643},
                          Expect{50, 25557032, 23575187}, Expect{101, 44549160, 42567315}}) {
    ResNetModel rgb(options_from(params_with(e.depth), context_of(3, 1000, 224, 224)));
    EXPECT_EQ(parameter_count(*rgb.module()), e.rgb_1000) << "depth " << e.depth;
    ResNetModel ms(options_from(params_with(e.depth), context_of(12, 19, 120, 120)));
    EXPECT_EQ(parameter_count(*ms.module()), e.ms12_19) << "depth " << e.depth;
  }
}

TEST(ResNet, NamesEveryTensorAsTorchvisionDoes) {
  // data/resnetNN_keys.txt: list(torchvision.models.resnetNN().state_dict()), written by
  //   /usr/bin/python3 tests/plugins/models/torchvision_reference.py keys resnetNN > data/resnetNN_keys.txt
  for (std::int64_t depth : {18, 50}) {
    const std::vector<std::string> expected = test::torchvision_keys("resnet" + std::to_string(depth));
    ASSERT_FALSE(expected.empty()) << "depth " << depth;
    ResNetModel model(ResNetOptions(depth, 3, 1000));
    EXPECT_EQ(test::state_dict_keys(*model.module()), expected) << "depth " << depth;
  }
}

// torchvision's resnetNN for 12 bands and 19 classes (random batch-norm statistics, eval mode),
// saved by torch.save, starts the plugin's model through model.pretrained = "file:" and gives
// torchvision's logits on a batch of two 64x64 inputs.
TEST(ResNet, GivesTorchvisionsLogitsAtDepth18) {
  test::expect_torchvision_logits("resnet", {{"depth", 18}}, "resnet18");
}

TEST(ResNet, GivesTorchvisionsLogitsAtDepth50) {
  test::expect_torchvision_logits("resnet", {{"depth", 50}}, "resnet50");
}

TEST(ResNet, ReturnsOneLogitPerClassForAnyPatchShape) {
  ResNetModel basic(ResNetOptions(18, 3, 43));
  EXPECT_EQ(basic.forward({torch::randn({2, 3, 40, 40})}).sizes(), at::IntArrayRef({2, 43}));
  ResNetModel bottleneck(ResNetOptions(50, 12, 19));
  EXPECT_EQ(bottleneck.forward({torch::randn({2, 12, 64, 48})}).sizes(), at::IntArrayRef({2, 19}));
}

TEST(ResNet, InitialisesLikeTorchvision) {
  torch::manual_seed(1);
  ResNetModel model(ResNetOptions(50, 12, 19));
  const ResNetImpl& net = *model.net();
  // Kaiming-normal, fan_out, ReLU: standard deviation sqrt(2 / (out_channels * kernel area)).
  const at::Tensor w = net.conv1->weight.detach();
  EXPECT_NEAR(w.std().item<double>(), std::sqrt(2.0 / (64 * 7 * 7)), 0.02 * std::sqrt(2.0 / (64 * 49)));
  EXPECT_NEAR(w.mean().item<double>(), 0.0, 1e-3);
  for (const auto& item : model.module()->named_modules()) {
    if (const auto* bn = item.value()->as<torch::nn::BatchNorm2d>()) {
      EXPECT_TRUE(torch::equal(bn->weight, torch::ones_like(bn->weight))) << item.key();
      EXPECT_TRUE(torch::equal(bn->bias, torch::zeros_like(bn->bias))) << item.key();
    }
  }
  // LibTorch's Linear default, as PyTorch's: weights and bias uniform within 1/sqrt(fan_in).
  const double bound = 1.0 / std::sqrt(2048.0);
  EXPECT_LE(net.fc->weight.abs().max().item<double>(), bound);
  EXPECT_LE(net.fc->bias.abs().max().item<double>(), bound);
}

TEST(ResNet, InitialisesFromTheSeed) {
  auto first_conv = [](std::uint64_t seed) {
    torch::manual_seed(seed);
    ResNetModel model(ResNetOptions(18, 3, 4));
    return model.net()->conv1->weight.detach().clone();
  };
  EXPECT_TRUE(torch::equal(first_conv(5), first_conv(5)));
  EXPECT_FALSE(torch::equal(first_conv(5), first_conv(6)));
}

TEST(ResNet, GroupsHoldEveryParameterOnceWithTheHeadLast) {
  for (std::int64_t depth : {18, 50}) {
    ResNetModel model(ResNetOptions(depth, 12, 19));
    const std::vector<CheckedGroup> groups = checked_groups(model, "model resnet");
    std::vector<std::string> names;
    std::size_t parameters = 0;
    for (const CheckedGroup& group : groups) {
      names.push_back(group.name);
      parameters += group.parameter_names.size();
    }
    EXPECT_EQ(names, (std::vector<std::string>{"stem", "layer1", "layer2", "layer3", "layer4",
                                               "head"}));
    EXPECT_EQ(parameters, model.module()->parameters().size());
    EXPECT_EQ(groups.front().parameter_names,
              (std::vector<std::string>{"conv1.weight", "bn1.weight", "bn1.bias"}));
    EXPECT_EQ(groups.back().parameter_names, (std::vector<std::string>{"fc.weight", "fc.bias"}));
  }
}

TEST(ResNet, TrainsOneSampleFromItsMinimumSide) {
  // The minimum is real: one sample of 32x32 leaves layer4 a 1x1 map, which batch norm cannot
  // train on (torchvision refuses it the same way); 33x33, or 33 pixels along one side, trains.
  ResNetModel model(ResNetOptions(18, 3, 2));
  model.module()->train();
  EXPECT_NO_THROW(model.forward({torch::randn({1, 3, kMinimumSide, kMinimumSide})}));
  EXPECT_NO_THROW(model.forward({torch::randn({1, 3, 8, kMinimumSide})}));
  EXPECT_ANY_THROW(model.forward({torch::randn({1, 3, kMinimumSide - 1, kMinimumSide - 1})}));
  EXPECT_NO_THROW(model.forward({torch::randn({2, 3, kMinimumSide - 1, kMinimumSide - 1})}));
}

TEST(ResNet, RefusesPatchesBelowItsMinimum) {
  try {
    options_from(params_with(18), context_of(3, 10, 32, 32));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model resnet");
    EXPECT_STREQ(e.what(),
                 "model resnet: the dataset's patches are 32x32, smaller than ResNet's minimum of "
                 "33x33 (layer4 would see 1x1 maps, on which batch norm cannot train a batch of "
                 "one sample); use patches of at least 33 pixels along one side, or a model for "
                 "small inputs such as shortcnn");
  }
  EXPECT_NO_THROW(options_from(params_with(18), context_of(3, 10, 33, 33)));
  EXPECT_NO_THROW(options_from(params_with(18), context_of(3, 10, 16, 64)));
}

TEST(ResNet, RefusesMoreThanOneInputGroup) {
  ModelContext context = context_of(4, 10, 120, 120);
  context.inputs.push_back({"y", {"B05", "B06"}, 20.0, {2, 60, 60}});
  try {
    options_from(params_with(18), context);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "model resnet: takes one input group, the dataset has 2; resample every band to "
                 "one resolution (early fusion)");
  }
  ResNetModel model(ResNetOptions(18, 3, 4));
  EXPECT_THROW(model.forward({torch::randn({2, 3, 40, 40}), torch::randn({2, 3, 40, 40})}), Error);
  EXPECT_THROW(model.forward({torch::randn({2, 4, 40, 40})}), Error);
}

TEST(ResNet, RefusesADepthTorchvisionDoesNotDefine) {
  try {
    ResNetModel model(ResNetOptions(20, 3, 4));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model.depth");
  }
}

TEST(ResNet, PrintsItsOptions) {
  ResNetModel model(ResNetOptions(50, 12, 19));
  std::ostringstream out;
  model.module()->pretty_print(out);
  EXPECT_EQ(out.str(), "eorun::resnet::ResNet(depth=50, in_channels=12, num_classes=19)");
  std::ostringstream block;
  model.net()->layer2[0]->pretty_print(block);
  EXPECT_EQ(block.str(), "eorun::resnet::Bottleneck(in_channels=256, width=128, stride=2)");
}

TEST(ResNet, ClonesDeeply) {
  ResNetModel model(ResNetOptions(18, 3, 4));
  auto copy = std::dynamic_pointer_cast<ResNetImpl>(model.net()->clone());
  ASSERT_TRUE(copy);
  const auto original = model.module()->named_parameters();
  const auto cloned = copy->named_parameters();
  ASSERT_EQ(cloned.size(), original.size());
  for (const auto& item : original) {
    const at::Tensor& twin = cloned[item.key()];
    EXPECT_FALSE(twin.is_same(item.value())) << item.key();
    EXPECT_TRUE(torch::equal(twin, item.value())) << item.key();
  }
}

}  // namespace
}  // namespace eorun::resnet
