#include "densenet.hpp"

#include <array>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::densenet {

namespace {

constexpr std::int64_t kBottleneckWidth = 4;  // bn_size: conv1 has 4 * growth_rate filters
constexpr std::size_t kBlocks = 4;

// torchvision's growth rate, layers per dense block and stem filters for each depth.
struct Config {
  std::int64_t growth_rate;
  std::array<std::int64_t, kBlocks> block_layers;
  std::int64_t init_features;
};

Config config_of(std::int64_t depth) {
  switch (depth) {
    case 121: return {32, {6, 12, 24, 16}, 64};
    case 161: return {48, {6, 12, 36, 24}, 96};
    case 169: return {32, {6, 12, 32, 32}, 64};
    case 201: return {32, {6, 12, 48, 32}, 64};
    default:
      throw Error("model densenet", "has no depth " + std::to_string(depth),
                  "set model.depth to 121, 161, 169 or 201");
  }
}

torch::nn::Conv2d make_conv(std::int64_t in, std::int64_t out, std::int64_t kernel,
                            std::int64_t stride = 1) {
  return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                               .stride(stride)
                               .padding(kernel / 2)
                               .bias(false));
}

// torchvision's DenseNet initialisation, over every submodule in order.
void initialise(torch::nn::Module& net) {
  torch::NoGradGuard no_grad;
  for (const auto& module : net.modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      torch::nn::init::kaiming_normal_(conv->weight);
    } else if (auto* norm = module->as<torch::nn::BatchNorm2d>()) {
      torch::nn::init::ones_(norm->weight);
      torch::nn::init::zeros_(norm->bias);
    } else if (auto* linear = module->as<torch::nn::Linear>()) {
      torch::nn::init::zeros_(linear->bias);
    }
  }
}

}  // namespace

DenseLayerImpl::DenseLayerImpl(std::int64_t in_features_, std::int64_t growth_rate_)
    : in_features(in_features_), growth_rate(growth_rate_) {
  reset();
}

void DenseLayerImpl::reset() {
  const std::int64_t bottleneck = kBottleneckWidth * growth_rate;
  norm1 = register_module("norm1", torch::nn::BatchNorm2d(in_features));
  conv1 = register_module("conv1", make_conv(in_features, bottleneck, 1));
  norm2 = register_module("norm2", torch::nn::BatchNorm2d(bottleneck));
  conv2 = register_module("conv2", make_conv(bottleneck, growth_rate, 3));
}

void DenseLayerImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::densenet::DenseLayer(in_features=" << in_features
         << ", growth_rate=" << growth_rate << ")";
}

at::Tensor DenseLayerImpl::forward(const at::Tensor& x) {
  const at::Tensor bottleneck = conv1(at::relu(norm1(x)));
  return conv2(at::relu(norm2(bottleneck)));
}

DenseBlockImpl::DenseBlockImpl(std::int64_t layers_count, std::int64_t in_features_,
                               std::int64_t growth_rate_)
    : layers(layers_count), in_features(in_features_), growth_rate(growth_rate_) {
  reset();
}

void DenseBlockImpl::reset() {
  layers_.clear();
  for (std::int64_t i = 0; i < layers; ++i)
    layers_.push_back(register_module("denselayer" + std::to_string(i + 1),
                                      DenseLayer(in_features + i * growth_rate, growth_rate)));
}

void DenseBlockImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::densenet::DenseBlock(layers=" << layers << ", in_features=" << in_features
         << ", growth_rate=" << growth_rate << ")";
}

at::Tensor DenseBlockImpl::forward(const at::Tensor& x) {
  std::vector<at::Tensor> features{x};
  for (DenseLayer& layer : layers_) features.push_back(layer->forward(at::cat(features, 1)));
  return at::cat(features, 1);
}

TransitionImpl::TransitionImpl(std::int64_t in_features_, std::int64_t out_features_)
    : in_features(in_features_), out_features(out_features_) {
  reset();
}

void TransitionImpl::reset() {
  norm = register_module("norm", torch::nn::BatchNorm2d(in_features));
  conv = register_module("conv", make_conv(in_features, out_features, 1));
}

void TransitionImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::densenet::Transition(in_features=" << in_features
         << ", out_features=" << out_features << ")";
}

at::Tensor TransitionImpl::forward(const at::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::avg_pool2d(conv(at::relu(norm(x))), F::AvgPool2dFuncOptions(2).stride(2));
}

DenseFeaturesImpl::DenseFeaturesImpl(const DenseNetOptions& options_) : options(options_) {
  reset();
}

void DenseFeaturesImpl::reset() {
  const Config config = config_of(options.depth());
  conv0 = register_module("conv0", make_conv(options.in_channels(), config.init_features, 7, 2));
  norm0 = register_module("norm0", torch::nn::BatchNorm2d(config.init_features));
  register_module("relu0", torch::nn::ReLU(torch::nn::ReLUOptions(true)));
  pool0 = register_module(
      "pool0", torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2).padding(1)));
  blocks.clear();
  transitions.clear();
  std::int64_t channels = config.init_features;
  for (std::size_t b = 0; b < kBlocks; ++b) {
    const std::string number = std::to_string(b + 1);
    const std::int64_t layers = config.block_layers[b];
    blocks.push_back(register_module("denseblock" + number,
                                     DenseBlock(layers, channels, config.growth_rate)));
    channels += layers * config.growth_rate;
    if (b + 1 < kBlocks) {
      transitions.push_back(
          register_module("transition" + number, Transition(channels, channels / 2)));
      channels /= 2;
    }
  }
  norm5 = register_module("norm5", torch::nn::BatchNorm2d(channels));
  out_features = channels;
}

void DenseFeaturesImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::densenet::DenseFeatures(in_channels=" << options.in_channels()
         << ", depth=" << options.depth() << ")";
}

at::Tensor DenseFeaturesImpl::forward(const at::Tensor& x) {
  at::Tensor y = pool0(at::relu(norm0(conv0(x))));
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    y = blocks[b]->forward(y);
    if (b < transitions.size()) y = transitions[b]->forward(y);
  }
  return norm5(y);
}

DenseNetImpl::DenseNetImpl(const DenseNetOptions& options_) : options(options_) { reset(); }

void DenseNetImpl::reset() {
  if (options.in_channels() < 1 || options.num_classes() < 1)
    throw Error("model densenet", "needs at least one input band and one class",
                "check the dataset's bands and classes");
  features = register_module("features", DenseFeatures(options));
  classifier = register_module(
      "classifier", torch::nn::Linear(features->out_features, options.num_classes()));
  initialise(*this);
}

std::shared_ptr<torch::nn::Module> DenseNetImpl::feature(const std::string& name) const {
  const auto children = features->named_children();
  const auto* child = children.find(name);
  if (child == nullptr)
    throw Error("model densenet", "has no module features." + name,
                "name one of conv0, norm0, denseblock1..4, transition1..3, norm5");
  return *child;
}

void DenseNetImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::densenet::DenseNet(in_channels=" << options.in_channels()
         << ", num_classes=" << options.num_classes() << ", depth=" << options.depth() << ")";
}

at::Tensor DenseNetImpl::forward(const at::Tensor& x) {
  namespace F = torch::nn::functional;
  const at::Tensor pooled = F::adaptive_avg_pool2d(at::relu(features->forward(x)),
                                                   F::AdaptiveAvgPool2dFuncOptions({1, 1}));
  return classifier(pooled.flatten(1));
}

}  // namespace eorun::densenet
