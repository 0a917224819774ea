// EfficientNet-B0 ... B4 in torchvision's layout (torchvision.models.efficientnet_b0 ... b4), the
// first convolution taking any number of bands:
//
//   features.0      Conv2d(in, 32w, k3, s2, p1, no bias), BatchNorm2d, SiLU
//   features.1..7   the seven MBConv stages (torchvision's table, widths and depths scaled by the
//                   variant); block j of stage s is features.s.j:
//                     block.0  1x1 expansion conv + BatchNorm2d + SiLU (absent when the expand
//                              ratio is 1, in stage 1, so that block.0 is then the depthwise conv)
//                     block.1  depthwise kxk conv (stride 2 in the first block of stages 2, 3, 4
//                              and 6) + BatchNorm2d + SiLU
//                     block.2  squeeze-and-excitation: global average pool, fc1 (1x1 conv with
//                              bias, to a quarter of the block's input channels), SiLU, fc2,
//                              sigmoid, times the input
//                     block.3  1x1 projection conv + BatchNorm2d
//                   plus the block's input, through stochastic depth, when the shapes agree
//   features.8      Conv2d(320w, 4 * 320w, k1) + BatchNorm2d + SiLU
//   (forward)       global average pool, flatten
//   classifier      Dropout (0.2 .. 0.4 by variant), Linear(4 * 320w, num_classes)
//
// Names of parameters and buffers are torchvision's (features.0.0.weight,
// features.2.1.block.2.fc1.bias, features.8.1.running_var, classifier.1.weight, ...): a
// torchvision state_dict maps one to one. Stochastic depth as torchvision: "row" mode with a drop
// probability 0.2 * (block index) / (number of blocks), drawn from LibTorch's generator in train
// mode only. Initialisation as torchvision: convolutions Kaiming-normal (fan_out), their biases 0,
// batch norms weight 1 and bias 0, the classifier uniform(-1/sqrt(classes), 1/sqrt(classes)) with
// bias 0; all drawn from LibTorch's generator (seed it with torch::manual_seed first).
// The five stride-2 layers need patches of at least 32x32 pixels (kMinSide).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace eorun::efficientnet {

// The smallest side of an input patch: five stride-2 layers take 32 pixels to 1. (Padding lets
// smaller inputs through, but the last stages would then see little but zero padding.)
inline constexpr std::int64_t kMinSide = 32;

struct EfficientNetOptions {
  EfficientNetOptions(std::int64_t in_channels, std::int64_t num_classes)
      : in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, in_channels);     // input bands
  TORCH_ARG(std::int64_t, num_classes);     // logits
  TORCH_ARG(std::string, variant) = "b0";   // "b0" ... "b4"
};

// torchvision's Conv2dNormActivation: Conv2d (no bias, padding (k - 1) / 2), BatchNorm2d and,
// when `activation` is set, SiLU, as children 0, 1 and 2.
struct ConvShape {
  std::int64_t in = 0;
  std::int64_t out = 0;
  std::int64_t kernel = 1;
  std::int64_t stride = 1;
  std::int64_t groups = 1;
  bool activation = true;
};

class ConvNormActivationImpl : public torch::nn::Cloneable<ConvNormActivationImpl> {
 public:
  explicit ConvNormActivationImpl(const ConvShape& shape);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  ConvShape shape;
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d norm{nullptr};
};
TORCH_MODULE(ConvNormActivation);

// In train mode, zeroes each sample's input with probability p and scales the rest by 1 / (1 - p)
// (torchvision's StochasticDepth, mode "row"); the identity in eval mode.
class StochasticDepthImpl : public torch::nn::Cloneable<StochasticDepthImpl> {
 public:
  explicit StochasticDepthImpl(double p);

  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  double p;
};
TORCH_MODULE(StochasticDepth);

// Squeeze-and-excitation: x * sigmoid(fc2(SiLU(fc1(mean of x over H, W)))).
class SqueezeExcitationImpl : public torch::nn::Cloneable<SqueezeExcitationImpl> {
 public:
  SqueezeExcitationImpl(std::int64_t channels, std::int64_t squeeze_channels);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  std::int64_t channels;
  std::int64_t squeeze_channels;
  torch::nn::Conv2d fc1{nullptr};
  torch::nn::Conv2d fc2{nullptr};
};
TORCH_MODULE(SqueezeExcitation);

// One MBConv block's shape.
struct MBConvShape {
  std::int64_t in = 0;
  std::int64_t out = 0;
  double expand_ratio = 1;
  std::int64_t kernel = 3;
  std::int64_t stride = 1;
  double stochastic_depth = 0;  // drop probability of the residual branch
};

class MBConvImpl : public torch::nn::Cloneable<MBConvImpl> {
 public:
  explicit MBConvImpl(const MBConvShape& shape);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  // Whether the input is added to the block's output (stride 1, as many channels out as in).
  bool residual() const { return shape.stride == 1 && shape.in == shape.out; }

  MBConvShape shape;
  torch::nn::Sequential block{nullptr};
  StochasticDepth stochastic_depth{nullptr};
};
TORCH_MODULE(MBConv);

// One stage, features.1 ... features.7: its MBConv blocks as children 0, 1, ..., run in order.
// (A torch::nn::Sequential cannot hold the stages, as features does, inside another one.)
class StageImpl : public torch::nn::Cloneable<StageImpl> {
 public:
  explicit StageImpl(std::vector<MBConvShape> shapes);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  std::vector<MBConvShape> shapes;

 private:
  std::vector<MBConv> blocks_;
};
TORCH_MODULE(Stage);

class EfficientNetImpl : public torch::nn::Cloneable<EfficientNetImpl> {
 public:
  explicit EfficientNetImpl(const EfficientNetOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, H, W] with H, W >= kMinSide -> [N, num_classes] logits
  // (EfficientNetModel checks the shape).
  at::Tensor forward(const at::Tensor& x);

  EfficientNetOptions options;
  double dropout = 0;  // the variant's classifier dropout
  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};
};
TORCH_MODULE(EfficientNet);

// The variants options.variant may name, in order.
const std::vector<std::string>& variants();

}  // namespace eorun::efficientnet
