// DenseNet-BC in torchvision's layout (torchvision.models.densenet121 ... densenet201), the first
// convolution taking any number of bands:
//
//   features.conv0        Conv2d(in, F0, k7, s2, p3, no bias)
//   features.norm0        BatchNorm2d, then ReLU and MaxPool2d(3, s2, p1)
//   features.denseblockB  dense layers denselayer1..L: norm1, ReLU, conv1 (1x1, 4k filters),
//                         norm2, ReLU, conv2 (3x3, k filters) on the concatenation of the block's
//                         input and every earlier layer's output; k = growth rate
//   features.transitionB  between blocks: norm, ReLU, conv (1x1, half the channels), AvgPool2d(2)
//   features.norm5        BatchNorm2d
//   (forward)             ReLU, global average pool to 1x1, flatten
//   classifier            Linear(channels, num_classes)
//
// Names of parameters and buffers are torchvision's (features.denseblock1.denselayer1.norm1.weight,
// features.transition1.conv.weight, classifier.bias, ...): a torchvision state_dict maps one to
// one. Initialisation as torchvision: convolutions Kaiming-normal (fan_in, ReLU gain), batch norms
// weight 1 and bias 0, the classifier's bias 0 (its weight keeps the default); all drawn from
// LibTorch's generator (seed it with torch::manual_seed first).
// The stride-2 stem and three transitions need patches of at least 29x29 pixels (kMinSide).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>
#include <torch/nn/pimpl.h>

namespace eorun::densenet {

// The smallest side of an input patch: 29 pixels become 15 after conv0, 8 after pool0, then 4, 2
// and 1 after the three transitions' 2x2 average pools.
inline constexpr std::int64_t kMinSide = 29;

struct DenseNetOptions {
  DenseNetOptions(std::int64_t in_channels, std::int64_t num_classes)
      : in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, in_channels);  // input bands
  TORCH_ARG(std::int64_t, num_classes);  // logits
  TORCH_ARG(std::int64_t, depth) = 121;  // 121, 161, 169 or 201
};

// One dense layer: the bottleneck (norm1, conv1) and the new features (norm2, conv2).
class DenseLayerImpl : public torch::nn::Cloneable<DenseLayerImpl> {
 public:
  DenseLayerImpl(std::int64_t in_features, std::int64_t growth_rate);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // [N, in_features, H, W] -> [N, growth_rate, H, W].
  at::Tensor forward(const at::Tensor& x);

  std::int64_t in_features;
  std::int64_t growth_rate;
  torch::nn::BatchNorm2d norm1{nullptr};
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d norm2{nullptr};
  torch::nn::Conv2d conv2{nullptr};
};
TORCH_MODULE(DenseLayer);

// denselayer1..L, each fed the concatenation of the block's input and all earlier outputs.
class DenseBlockImpl : public torch::nn::Cloneable<DenseBlockImpl> {
 public:
  DenseBlockImpl(std::int64_t layers, std::int64_t in_features, std::int64_t growth_rate);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // [N, in_features, H, W] -> [N, in_features + layers * growth_rate, H, W].
  at::Tensor forward(const at::Tensor& x);

  std::int64_t layers;
  std::int64_t in_features;
  std::int64_t growth_rate;

 private:
  std::vector<DenseLayer> layers_;
};
TORCH_MODULE(DenseBlock);

// Between two dense blocks: norm, ReLU, 1x1 conv to out_features, 2x2 average pool.
class TransitionImpl : public torch::nn::Cloneable<TransitionImpl> {
 public:
  TransitionImpl(std::int64_t in_features, std::int64_t out_features);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  std::int64_t in_features;
  std::int64_t out_features;
  torch::nn::BatchNorm2d norm{nullptr};
  torch::nn::Conv2d conv{nullptr};
};
TORCH_MODULE(Transition);

// features: conv0, norm0, relu0, pool0, denseblock1, transition1, ..., denseblock4, norm5, run in
// that order. (A torch::nn::Sequential would hold the same names, but its clone() renames its
// children 0, 1, ...)
class DenseFeaturesImpl : public torch::nn::Cloneable<DenseFeaturesImpl> {
 public:
  explicit DenseFeaturesImpl(const DenseNetOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // [N, in_channels, H, W] -> [N, out_features, H', W'].
  at::Tensor forward(const at::Tensor& x);

  DenseNetOptions options;
  std::int64_t out_features = 0;  // channels after norm5
  torch::nn::Conv2d conv0{nullptr};
  torch::nn::BatchNorm2d norm0{nullptr};
  torch::nn::MaxPool2d pool0{nullptr};
  std::vector<DenseBlock> blocks;
  std::vector<Transition> transitions;  // one fewer than blocks
  torch::nn::BatchNorm2d norm5{nullptr};
};
TORCH_MODULE(DenseFeatures);

class DenseNetImpl : public torch::nn::Cloneable<DenseNetImpl> {
 public:
  explicit DenseNetImpl(const DenseNetOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, H, W] with H, W >= kMinSide -> [N, num_classes] logits
  // (DenseNetModel checks the shape).
  at::Tensor forward(const at::Tensor& x);

  // The submodule features.<name> (conv0, norm0, denseblock1, transition1, ..., norm5).
  std::shared_ptr<torch::nn::Module> feature(const std::string& name) const;

  DenseNetOptions options;
  DenseFeatures features{nullptr};
  torch::nn::Linear classifier{nullptr};
};
TORCH_MODULE(DenseNet);

}  // namespace eorun::densenet
