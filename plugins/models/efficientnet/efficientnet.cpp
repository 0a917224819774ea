#include "efficientnet.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::efficientnet {

namespace {

namespace F = torch::nn::functional;

constexpr std::int64_t kChannelDivisor = 8;     // every width is rounded to a multiple of 8
constexpr double kStochasticDepth = 0.2;        // drop probability of the deepest block
constexpr std::int64_t kHeadExpansion = 4;      // features.8 has 4x the last stage's channels
constexpr std::int64_t kSqueezeReduction = 4;   // SE squeezes to a quarter of a block's input

// torchvision's width and depth multipliers and classifier dropout per variant.
struct Variant {
  const char* name;
  double width;
  double depth;
  double dropout;
};
constexpr Variant kVariants[] = {
    {"b0", 1.0, 1.0, 0.2}, {"b1", 1.0, 1.1, 0.2}, {"b2", 1.1, 1.2, 0.3},
    {"b3", 1.2, 1.4, 0.3}, {"b4", 1.4, 1.8, 0.4},
};

// One stage of EfficientNet-B0 (torchvision's MBConvConfig list), before scaling.
struct StageConfig {
  double expand_ratio;
  std::int64_t kernel;
  std::int64_t stride;  // of the stage's first block
  std::int64_t in;
  std::int64_t out;
  std::int64_t blocks;
};
constexpr StageConfig kStages[] = {
    {1, 3, 1, 32, 16, 1},  {6, 3, 2, 16, 24, 2},   {6, 5, 2, 24, 40, 2},   {6, 3, 2, 40, 80, 3},
    {6, 5, 1, 80, 112, 3}, {6, 5, 2, 112, 192, 4}, {6, 3, 1, 192, 320, 1},
};

const Variant& variant_of(const std::string& name) {
  for (const Variant& variant : kVariants)
    if (name == variant.name) return variant;
  throw Error("model efficientnet", "has no variant '" + name + "'",
              "set model.variant to b0, b1, b2, b3 or b4");
}

// `value` rounded to the nearest multiple of 8 (at least 8), never more than 10% below it: the
// rule torchvision takes from the TensorFlow reference.
std::int64_t make_divisible(double value) {
  std::int64_t rounded = std::max<std::int64_t>(
      kChannelDivisor,
      static_cast<std::int64_t>(value + kChannelDivisor / 2.0) / kChannelDivisor * kChannelDivisor);
  if (static_cast<double>(rounded) < 0.9 * value) rounded += kChannelDivisor;
  return rounded;
}

std::int64_t scaled_blocks(std::int64_t blocks, double depth) {
  return static_cast<std::int64_t>(std::ceil(static_cast<double>(blocks) * depth));
}

// torchvision's EfficientNet initialisation, over every submodule.
void initialise(torch::nn::Module& net) {
  torch::NoGradGuard no_grad;
  for (const auto& module : net.modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut);
      if (conv->bias.defined()) torch::nn::init::zeros_(conv->bias);
    } else if (auto* norm = module->as<torch::nn::BatchNorm2d>()) {
      torch::nn::init::ones_(norm->weight);
      torch::nn::init::zeros_(norm->bias);
    } else if (auto* linear = module->as<torch::nn::Linear>()) {
      const double range = 1.0 / std::sqrt(static_cast<double>(linear->options.out_features()));
      torch::nn::init::uniform_(linear->weight, -range, range);
      torch::nn::init::zeros_(linear->bias);
    }
  }
}

}  // namespace

const std::vector<std::string>& variants() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const Variant& variant : kVariants) out.emplace_back(variant.name);
    return out;
  }();
  return names;
}

ConvNormActivationImpl::ConvNormActivationImpl(const ConvShape& shape_) : shape(shape_) {
  reset();
}

void ConvNormActivationImpl::reset() {
  conv = register_module("0", torch::nn::Conv2d(torch::nn::Conv2dOptions(shape.in, shape.out,
                                                                         shape.kernel)
                                                    .stride(shape.stride)
                                                    .padding((shape.kernel - 1) / 2)
                                                    .groups(shape.groups)
                                                    .bias(false)));
  norm = register_module("1", torch::nn::BatchNorm2d(shape.out));
  if (shape.activation) register_module("2", torch::nn::SiLU());
}

void ConvNormActivationImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::ConvNormActivation(" << shape.in << ", " << shape.out
         << ", kernel=" << shape.kernel << ", stride=" << shape.stride
         << ", groups=" << shape.groups << ", activation=" << (shape.activation ? "SiLU" : "none")
         << ")";
}

at::Tensor ConvNormActivationImpl::forward(const at::Tensor& x) {
  const at::Tensor y = norm(conv(x));
  return shape.activation ? at::silu(y) : y;
}

StochasticDepthImpl::StochasticDepthImpl(double p_) : p(p_) {}

void StochasticDepthImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::StochasticDepth(p=" << p << ", mode=row)";
}

at::Tensor StochasticDepthImpl::forward(const at::Tensor& x) {
  if (!is_training() || p == 0.0) return x;
  const double survival = 1.0 - p;
  std::vector<std::int64_t> per_sample(static_cast<std::size_t>(x.dim()), 1);
  per_sample[0] = x.size(0);
  at::Tensor keep = at::empty(per_sample, x.options()).bernoulli_(survival);
  if (survival > 0.0) keep.div_(survival);
  return x * keep;
}

SqueezeExcitationImpl::SqueezeExcitationImpl(std::int64_t channels_,
                                             std::int64_t squeeze_channels_)
    : channels(channels_), squeeze_channels(squeeze_channels_) {
  reset();
}

void SqueezeExcitationImpl::reset() {
  register_module("avgpool",
                  torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));
  fc1 = register_module("fc1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels,
                                                                          squeeze_channels, 1)));
  fc2 = register_module("fc2", torch::nn::Conv2d(torch::nn::Conv2dOptions(squeeze_channels,
                                                                          channels, 1)));
  register_module("activation", torch::nn::SiLU());
  register_module("scale_activation", torch::nn::Sigmoid());
}

void SqueezeExcitationImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::SqueezeExcitation(channels=" << channels
         << ", squeeze_channels=" << squeeze_channels << ")";
}

at::Tensor SqueezeExcitationImpl::forward(const at::Tensor& x) {
  const at::Tensor pooled = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions({1, 1}));
  return x * at::sigmoid(fc2(at::silu(fc1(pooled))));
}

MBConvImpl::MBConvImpl(const MBConvShape& shape_) : shape(shape_) { reset(); }

void MBConvImpl::reset() {
  const std::int64_t expanded = make_divisible(static_cast<double>(shape.in) * shape.expand_ratio);
  block = torch::nn::Sequential();
  if (expanded != shape.in) block->push_back(ConvNormActivation(ConvShape{shape.in, expanded}));
  block->push_back(ConvNormActivation(
      ConvShape{expanded, expanded, shape.kernel, shape.stride, /*groups=*/expanded}));
  block->push_back(
      SqueezeExcitation(expanded, std::max<std::int64_t>(1, shape.in / kSqueezeReduction)));
  block->push_back(ConvNormActivation(
      ConvShape{expanded, shape.out, 1, 1, 1, /*activation=*/false}));
  block = register_module("block", block);
  stochastic_depth = register_module("stochastic_depth", StochasticDepth(shape.stochastic_depth));
}

void MBConvImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::MBConv(" << shape.in << ", " << shape.out
         << ", expand_ratio=" << shape.expand_ratio << ", kernel=" << shape.kernel
         << ", stride=" << shape.stride << ", stochastic_depth=" << shape.stochastic_depth << ")";
}

at::Tensor MBConvImpl::forward(const at::Tensor& x) {
  at::Tensor y = block->forward(x);
  if (residual()) y = stochastic_depth(y) + x;
  return y;
}

StageImpl::StageImpl(std::vector<MBConvShape> shapes_) : shapes(std::move(shapes_)) { reset(); }

void StageImpl::reset() {
  blocks_.clear();
  for (std::size_t b = 0; b < shapes.size(); ++b)
    blocks_.push_back(register_module(std::to_string(b), MBConv(shapes[b])));
}

void StageImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::Stage(blocks=" << shapes.size() << ")";
}

at::Tensor StageImpl::forward(const at::Tensor& x) {
  at::Tensor y = x;
  for (MBConv& block : blocks_) y = block->forward(y);
  return y;
}

EfficientNetImpl::EfficientNetImpl(const EfficientNetOptions& options_) : options(options_) {
  reset();
}

void EfficientNetImpl::reset() {
  if (options.in_channels() < 1 || options.num_classes() < 1)
    throw Error("model efficientnet", "needs at least one input band and one class",
                "check the dataset's bands and classes");
  const Variant& variant = variant_of(options.variant());
  dropout = variant.dropout;
  const auto width = [&variant](std::int64_t channels) {
    return make_divisible(static_cast<double>(channels) * variant.width);
  };

  features = torch::nn::Sequential();
  features->push_back(ConvNormActivation(ConvShape{options.in_channels(), width(kStages[0].in),
                                                   /*kernel=*/3, /*stride=*/2}));
  std::int64_t total_blocks = 0;
  for (const StageConfig& stage : kStages) total_blocks += scaled_blocks(stage.blocks, variant.depth);
  std::int64_t block_index = 0;
  for (const StageConfig& stage : kStages) {
    std::vector<MBConvShape> blocks;
    const std::int64_t count = scaled_blocks(stage.blocks, variant.depth);
    for (std::int64_t b = 0; b < count; ++b, ++block_index) {
      MBConvShape shape;
      shape.in = b == 0 ? width(stage.in) : width(stage.out);
      shape.out = width(stage.out);
      shape.expand_ratio = stage.expand_ratio;
      shape.kernel = stage.kernel;
      shape.stride = b == 0 ? stage.stride : 1;
      shape.stochastic_depth =
          kStochasticDepth * static_cast<double>(block_index) / static_cast<double>(total_blocks);
      blocks.push_back(shape);
    }
    features->push_back(Stage(std::move(blocks)));
  }
  const std::int64_t last = width(std::end(kStages)[-1].out);
  features->push_back(ConvNormActivation(ConvShape{last, kHeadExpansion * last}));
  features = register_module("features", features);
  register_module("avgpool", torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));
  classifier = register_module(
      "classifier",
      torch::nn::Sequential(torch::nn::Dropout(variant.dropout),
                            torch::nn::Linear(kHeadExpansion * last, options.num_classes())));
  initialise(*this);
}

void EfficientNetImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::efficientnet::EfficientNet(in_channels=" << options.in_channels()
         << ", num_classes=" << options.num_classes() << ", variant=" << options.variant() << ")";
}

at::Tensor EfficientNetImpl::forward(const at::Tensor& x) {
  const at::Tensor pooled =
      F::adaptive_avg_pool2d(features->forward(x), F::AdaptiveAvgPool2dFuncOptions({1, 1}));
  return classifier->forward(pooled.flatten(1));
}

}  // namespace eorun::efficientnet
