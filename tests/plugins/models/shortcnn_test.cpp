#include "short_cnn_model.hpp"

#include <set>

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/models/model_test_support.hpp"

namespace eorun::shortcnn {
namespace {

using test::context_of;
using test::parameter_count;

Params params_with(std::int64_t input_size) {
  Params params("shortcnn");
  params.set("input_size", input_size);
  return params;
}

TEST(ShortCnn, HasTheReferenceParameterCount) {
  // RGB, 43 classes, 120x120 (DOMAIN.md):
  //   conv1 3*32*5*5 + 32 = 2,432;  conv2 32*32*5*5 + 32 = 25,632;  conv3 32*64*3*3 + 64 = 18,496
  //   head 64*30*30*43 + 43 = 2,476,843;  total 2,523,403
  ShortCnnModel rgb(options_from(params_with(120), context_of(3, 43, 120)));
  EXPECT_EQ(parameter_count(*rgb.module()), 2523403);
  // 12 bands: conv1 12*32*25 + 32 = 9,632 -> 2,530,603
  ShortCnnModel ms(options_from(params_with(120), context_of(12, 43, 120)));
  EXPECT_EQ(parameter_count(*ms.module()), 2530603);
}

TEST(ShortCnn, ReturnsOneLogitPerClass) {
  ShortCnnModel model(ShortCnnOptions(3, 43).input_size(120));
  const at::Tensor logits = model.forward({torch::randn({2, 3, 120, 120})});
  EXPECT_EQ(logits.sizes(), at::IntArrayRef({2, 43}));
  ShortCnnModel small(ShortCnnOptions(12, 19).input_size(16));
  EXPECT_EQ(small.forward({torch::randn({5, 12, 16, 16})}).sizes(), at::IntArrayRef({5, 19}));
}

TEST(ShortCnn, ComputesInChannelsLastWhatTheStandardLayoutComputes) {
  torch::manual_seed(3);
  ShortCnnModel model(ShortCnnOptions(12, 7).input_size(16));
  ShortCnnImpl& net = *model.net();
  EXPECT_TRUE(net.conv1->weight.is_contiguous(at::MemoryFormat::ChannelsLast));
  const at::Tensor x = torch::randn({4, 12, 16, 16});
  namespace F = torch::nn::functional;
  // The same network, written out with every tensor in the standard (NCHW) layout.
  auto conv = [](const at::Tensor& input, const torch::nn::Conv2d& layer, std::int64_t padding) {
    return at::conv2d(input, layer->weight.contiguous(), layer->bias, 1, padding);
  };
  at::Tensor y = F::max_pool2d(at::relu(conv(x, net.conv1, 2)), F::MaxPool2dFuncOptions(2));
  y = F::max_pool2d(at::relu(conv(y, net.conv2, 2)), F::MaxPool2dFuncOptions(2));
  y = at::relu(conv(y, net.conv3, 1));
  const at::Tensor expected = at::linear(y.flatten(1), net.head->weight, net.head->bias);
  const at::Tensor logits = model.forward({x});
  EXPECT_TRUE(torch::allclose(logits, expected, 1e-4, 1e-5)) << (logits - expected).abs().max();
}

TEST(ShortCnn, InitialisesFromTheSeed) {
  auto flat = [](torch::nn::Module& module) {
    std::vector<at::Tensor> parts;
    for (const auto& p : module.parameters()) parts.push_back(p.detach().flatten());
    return torch::cat(parts);
  };
  torch::manual_seed(5);
  ShortCnnModel a(ShortCnnOptions(3, 4).input_size(16));
  torch::manual_seed(5);
  ShortCnnModel b(ShortCnnOptions(3, 4).input_size(16));
  torch::manual_seed(6);
  ShortCnnModel c(ShortCnnOptions(3, 4).input_size(16));
  EXPECT_TRUE(torch::equal(flat(*a.module()), flat(*b.module())));
  EXPECT_FALSE(torch::equal(flat(*a.module()), flat(*c.module())));
}

TEST(ShortCnn, ConvWeightsAreXavierUniformAndBiasesZero) {
  torch::manual_seed(1);
  ShortCnnModel model(ShortCnnOptions(3, 43).input_size(120));
  ShortCnn& net = model.net();
  struct Expect {
    torch::nn::Conv2d conv;
    double fan_in, fan_out;
  };
  // Xavier-uniform bound sqrt(6 / (fan_in + fan_out)), fan = channels * kernel area.
  for (const Expect& e : {Expect{net->conv1, 3 * 25, 32 * 25}, Expect{net->conv2, 32 * 25, 32 * 25},
                          Expect{net->conv3, 32 * 9, 64 * 9}}) {
    const double bound = std::sqrt(6.0 / (e.fan_in + e.fan_out));
    const at::Tensor w = e.conv->weight.detach();
    EXPECT_LE(w.abs().max().item<double>(), bound);
    EXPECT_GT(w.abs().max().item<double>(), 0.9 * bound) << "drawn from the whole range";
    // Uniform on [-b, b]: standard deviation b / sqrt(3).
    EXPECT_NEAR(w.std().item<double>(), bound / std::sqrt(3.0), 0.1 * bound);
    EXPECT_EQ(e.conv->bias.detach().abs().max().item<double>(), 0.0);
  }
}

TEST(ShortCnn, GroupsModulesFromInputToOutput) {
  ShortCnnModel model(ShortCnnOptions(3, 43).input_size(120));
  const auto groups = model.groups();
  std::vector<std::string> names;
  std::set<const void*> seen;
  for (const auto& group : groups) {
    names.push_back(group.name);
    ASSERT_EQ(group.modules.size(), 1u) << group.name;
    const auto parameters = group.modules[0]->parameters();
    EXPECT_EQ(parameters.size(), 2u) << group.name << ": weight and bias";
    for (const auto& p : parameters) EXPECT_TRUE(seen.insert(p.unsafeGetTensorImpl()).second);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"conv1", "conv2", "conv3", "head"}));
  EXPECT_EQ(seen.size(), model.module()->parameters().size()) << "every parameter exactly once";
  EXPECT_EQ(groups.back().modules[0].get(), model.net()->head.ptr().get()) << "the head is last";
}

TEST(ShortCnn, PrintsItsOptions) {
  ShortCnnModel model(ShortCnnOptions(12, 19).input_size(64));
  std::ostringstream out;
  model.module()->pretty_print(out);
  EXPECT_EQ(out.str(), "eorun::shortcnn::ShortCnn(in_channels=12, num_classes=19, input_size=64)");
}

TEST(ShortCnn, ClonesDeeply) {
  ShortCnnModel model(ShortCnnOptions(3, 4).input_size(16));
  auto copy = std::dynamic_pointer_cast<ShortCnnImpl>(model.net()->clone());
  ASSERT_TRUE(copy);
  EXPECT_FALSE(copy->conv1->weight.is_same(model.net()->conv1->weight));
  EXPECT_TRUE(torch::equal(copy->conv1->weight, model.net()->conv1->weight));
}

TEST(ShortCnn, RejectsAnInputSizeThatDoesNotFit) {
  try {
    options_from(params_with(120), context_of(3, 43, 64));
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model.input_size");
    EXPECT_STREQ(e.what(),
                 "model.input_size: is 120 but the dataset's patches are 64x64; set "
                 "model.input_size to 64 (ShortCNN needs square patches)");
  }
  EXPECT_THROW(options_from(params_with(62), context_of(3, 43, 62)), Error);
  EXPECT_THROW(ShortCnnModel(ShortCnnOptions(3, 43).input_size(10)), Error);
}

TEST(ShortCnn, RejectsAnInputOfTheWrongShape) {
  ShortCnnModel model(ShortCnnOptions(3, 4).input_size(16));
  EXPECT_THROW(model.forward({torch::randn({2, 4, 16, 16})}), Error);
  EXPECT_THROW(model.forward({torch::randn({2, 3, 16, 16}), torch::randn({2, 3, 8, 8})}), Error);
}

}  // namespace
}  // namespace eorun::shortcnn
