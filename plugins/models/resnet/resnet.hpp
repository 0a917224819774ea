// ResNet-18/34/50/101 with torchvision's layout (torchvision.models.resnet), for any number of
// input bands and classes:
//
//   conv1    Conv2d(in, 64, k7, s2, p3, no bias), bn1, ReLU       64 x H/2 x W/2
//            MaxPool2d(3, s2, p1)                                 64 x H/4 x W/4
//   layer1   blocks of width 64, stride 1                         64e x H/4 x W/4
//   layer2   blocks of width 128, the first with stride 2         128e x H/8 x W/8
//   layer3   blocks of width 256, the first with stride 2         256e x H/16 x W/16
//   layer4   blocks of width 512, the first with stride 2         512e x H/32 x W/32
//            adaptive average pool to 1x1, flatten
//   fc       Linear(512e, num_classes)                            num_classes logits
//
// (sides rounded up). Depth 18 and 34 use basic blocks (two 3x3 convs, e = 1), depth 50 and 101
// bottleneck blocks (1x1, 3x3 with the stride, 1x1 to 4x the width: e = 4). A block's first
// layer of a stage has a `downsample` branch (1x1 conv with the stride, batch norm) where the
// stride or the channel count changes. Module, parameter and buffer names are torchvision's
// (conv1, bn1, layer2.0.downsample.0.weight, layer3.1.bn2.running_var, fc.bias, ...), so a
// torchvision state_dict maps one to one.
//
// Initialisation as torchvision's: conv weights Kaiming-normal (fan_out, ReLU), batch norm weight 1
// and bias 0, the Linear with LibTorch's default (as PyTorch's); no zero-initialised residuals. All
// of it draws from LibTorch's generator: seed it (torch::manual_seed) before making the module.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace eorun::resnet {

// The network reduces each side by this factor (rounding up) before the average pool.
inline constexpr std::int64_t kDownsampling = 32;
// The smallest patch side ResNet trains on. Up to 32 pixels on both sides, layer4's feature map is
// 1x1, and batch norm cannot compute statistics for a training batch of a single such sample
// (torchvision and LibTorch refuse "more than 1 value per channel"). The last batch of an epoch
// may hold one sample, so patches must have at least 33 pixels along one side.
inline constexpr std::int64_t kMinimumSide = kDownsampling + 1;

enum class BlockKind { basic, bottleneck };

struct BlockOptions {
  BlockOptions(BlockKind kind, std::int64_t in_channels, std::int64_t width)
      : kind_(kind), in_channels_(in_channels), width_(width) {}
  // Channels leaving the block: width, or 4x the width for a bottleneck.
  std::int64_t out_channels() const;

  TORCH_ARG(BlockKind, kind);
  TORCH_ARG(std::int64_t, in_channels);  // channels entering the block
  TORCH_ARG(std::int64_t, width);        // channels of the 3x3 convs
  TORCH_ARG(std::int64_t, stride) = 1;   // on the first 3x3 conv and on the downsample branch
};

// One residual block, torchvision's BasicBlock or Bottleneck: conv1, bn1, conv2, bn2, for a
// bottleneck conv3, bn3, and where the shape changes downsample (0: 1x1 conv, 1: batch norm).
class BlockImpl : public torch::nn::Cloneable<BlockImpl> {
 public:
  explicit BlockImpl(const BlockOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  BlockOptions options;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Conv2d conv2{nullptr};
  torch::nn::BatchNorm2d bn2{nullptr};
  torch::nn::Conv2d conv3{nullptr};      // bottleneck only
  torch::nn::BatchNorm2d bn3{nullptr};   // bottleneck only
  torch::nn::Sequential downsample{nullptr};  // only where the stride or the channels change
};

TORCH_MODULE(Block);

// Parts every network built from ResNet stages shares (this plugin's ResNet and the
// resnet_fusion plugin's branches), initialised as torchvision initialises them.

inline constexpr std::int64_t kStemChannels = 64;  // channels of conv1 and of layer1's input
inline constexpr std::size_t kStageCount = 4;      // layer1 ... layer4

// Conv2d(in, out, kernel, stride, padding kernel / 2, no bias), weights Kaiming-normal (fan_out,
// ReLU).
torch::nn::Conv2d make_conv(std::int64_t in, std::int64_t out, std::int64_t kernel,
                            std::int64_t stride);
// BatchNorm2d(channels), weight 1 and bias 0.
torch::nn::BatchNorm2d make_batch_norm(std::int64_t channels);

// layer1 ... layer4 of a ResNet of `depth` (18, 34, 50 or 101) that take `in_channels` channels:
// layer1 with stride 1, the others with stride 2. Throws eorun::Error (subject "model.depth")
// for any other depth.
struct Stages {
  std::array<torch::nn::Sequential, kStageCount> layers{nullptr, nullptr, nullptr, nullptr};
  // Channels leaving each stage: 64, 128, 256, 512, or four times that with bottlenecks.
  std::array<std::int64_t, kStageCount> out_channels{};
};
Stages make_stages(std::int64_t depth, std::int64_t in_channels);
// Registers `stages` on `owner` as layer1 ... layer4 and keeps them in `layers`, in that order.
void register_stages(torch::nn::Module& owner, const Stages& stages,
                     const std::array<torch::nn::Sequential*, kStageCount>& layers);

// The stem's MaxPool2d(3, stride 2, padding 1).
at::Tensor stem_max_pool(const at::Tensor& x);
// Adaptive average pool to 1x1, flattened: [N, C, H, W] -> [N, C].
at::Tensor global_average_pool(const at::Tensor& x);

struct ResNetOptions {
  ResNetOptions(std::int64_t depth, std::int64_t in_channels, std::int64_t num_classes)
      : depth_(depth), in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, depth);        // 18, 34, 50 or 101
  TORCH_ARG(std::int64_t, in_channels);  // input bands
  TORCH_ARG(std::int64_t, num_classes);  // logits
};

class ResNetImpl : public torch::nn::Cloneable<ResNetImpl> {
 public:
  explicit ResNetImpl(const ResNetOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, H, W] -> [N, num_classes] logits.
  at::Tensor forward(const at::Tensor& x);

  ResNetOptions options;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr};
  torch::nn::Sequential layer2{nullptr};
  torch::nn::Sequential layer3{nullptr};
  torch::nn::Sequential layer4{nullptr};
  torch::nn::Linear fc{nullptr};
};

TORCH_MODULE(ResNet);

}  // namespace eorun::resnet
