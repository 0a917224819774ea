// Multi-resolution fusion of Sentinel-2's 10 m, 20 m and 60 m bands at their native sizes, built
// from ResNet stages (the resnet plugin's blocks). Inputs: x10 [N, C10, H, W], x20 [N, C20, H/2,
// W/2], x60 [N, C60, H/6, W/6] (BigEarthNet: 120, 60 and 20 pixels).
//
// Intermediate fusion: the 10 m bands go through a torchvision ResNet; the 20 m bands join at
// the stem's output, the 60 m bands after the first stage.
//
//   conv1, bn1, ReLU        10 m bands, k7 s2                      64 x H/2 (60x60)
//   join_20m                entry_conv (k3 s1) + entry_bn + ReLU on the 20 m bands at their
//                           native H/2, concatenated with the stem (64 + 64 channels),
//                           merge_conv (1x1 back to 64) + merge_bn + ReLU   64 x H/2
//   max pool (3, s2)                                               64 x H/4 (30x30)
//   layer1                                                         64e x H/4
//   join_60m                entry_conv (k3 s1) + entry_bn + ReLU on the 60 m bands at their
//                           native H/6 (20x20), bilinearly resized to layer1's map (30x30),
//                           concatenated (64e + 64), merge_conv (1x1 back to 64e) + merge_bn +
//                           ReLU                                   64e x H/4
//   layer2, layer3, layer4, average pool, fc                       num_classes logits
//
// Late fusion: one ResNet trunk per resolution, its stem adapted so that its first stage works on
// about the same grid, the pooled features concatenated before one classifier.
//
//   10 m: conv1 (k7 s2), bn1, ReLU, max pool, layer1..layer4      H/4 at layer1 (30x30)
//   20 m: branch_20m.conv1 (k7 s1), bn1, ReLU, max pool, layers   H/4 at layer1 (30x30)
//   60 m: branch_60m.conv1 (k7 s1), bn1, ReLU, no pool, layers    H/6 at layer1 (20x20)
//   average pool each, concatenate (3 x 512e), fc                 num_classes logits
//
// e = 1 for depth 18 and 34 (basic blocks), 4 for depth 50 (bottlenecks). In both modes the 10 m
// path has torchvision's names (conv1, bn1, layer1.0.conv1.weight, ...), so the stages of a
// torchvision ResNet load into it by name; fc differs in shape in late fusion. Initialisation as
// the resnet plugin's (Kaiming-normal convs, batch norm 1 and 0, LibTorch's default Linear).
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

namespace eorun::resnet_fusion {

enum class FusionMode { intermediate, late };

// Resolution groups in the order the network takes them.
inline constexpr std::size_t kGroupCount = 3;
inline constexpr std::array<double, kGroupCount> kGroupResolutions = {10.0, 20.0, 60.0};

// Where a group of bands joins a trunk: its own 3x3 conv at its native size, resized to the
// trunk's map where the sizes differ, concatenated and mapped back to the trunk's channels.
struct JoinOptions {
  JoinOptions(std::int64_t bands, std::int64_t trunk_channels)
      : bands_(bands), trunk_channels_(trunk_channels) {}
  TORCH_ARG(std::int64_t, bands);           // channels of the joining group
  TORCH_ARG(std::int64_t, trunk_channels);  // channels of the trunk's map, in and out
  TORCH_ARG(std::int64_t, entry_channels) = 64;  // features made from the group's bands
};

class JoinImpl : public torch::nn::Cloneable<JoinImpl> {
 public:
  explicit JoinImpl(const JoinOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // trunk [N, trunk_channels, h, w], bands [N, bands, h', w'] -> [N, trunk_channels, h, w].
  at::Tensor forward(const at::Tensor& trunk, const at::Tensor& bands);

  JoinOptions options;
  torch::nn::Conv2d entry_conv{nullptr};
  torch::nn::BatchNorm2d entry_bn{nullptr};
  torch::nn::Conv2d merge_conv{nullptr};
  torch::nn::BatchNorm2d merge_bn{nullptr};
};

TORCH_MODULE(Join);

// A ResNet trunk without its classifier, for one resolution group of late fusion.
struct BranchOptions {
  BranchOptions(std::int64_t depth, std::int64_t bands) : depth_(depth), bands_(bands) {}
  TORCH_ARG(std::int64_t, depth);
  TORCH_ARG(std::int64_t, bands);
  TORCH_ARG(std::int64_t, stem_stride) = 2;  // of conv1
  TORCH_ARG(bool, stem_pool) = true;         // the stem's max pool
};

class BranchImpl : public torch::nn::Cloneable<BranchImpl> {
 public:
  explicit BranchImpl(const BranchOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // [N, bands, H, W] -> pooled features [N, out_channels].
  at::Tensor forward(const at::Tensor& x);
  std::int64_t out_channels() const { return out_channels_; }

  BranchOptions options;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr};
  torch::nn::Sequential layer2{nullptr};
  torch::nn::Sequential layer3{nullptr};
  torch::nn::Sequential layer4{nullptr};

 private:
  std::int64_t out_channels_ = 0;
};

TORCH_MODULE(Branch);

// Bands (channels) per resolution group: 10 m, 20 m, 60 m.
using GroupBands = std::array<std::int64_t, kGroupCount>;

struct FusionNetOptions {
  FusionNetOptions(FusionMode mode, std::int64_t depth, const GroupBands& bands,
                   std::int64_t num_classes)
      : mode_(mode), depth_(depth), bands_(bands), num_classes_(num_classes) {}
  TORCH_ARG(FusionMode, mode);
  TORCH_ARG(std::int64_t, depth);  // 18, 34 or 50
  TORCH_ARG(GroupBands, bands);
  TORCH_ARG(std::int64_t, num_classes);
};

class FusionNetImpl : public torch::nn::Cloneable<FusionNetImpl> {
 public:
  explicit FusionNetImpl(const FusionNetOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // The 10 m, 20 m and 60 m batches (sides in the ratio 6:3:1) -> [N, num_classes] logits.
  at::Tensor forward(const at::Tensor& x10, const at::Tensor& x20, const at::Tensor& x60);

  FusionNetOptions options;
  // The 10 m path, named as torchvision's ResNet.
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr};
  torch::nn::Sequential layer2{nullptr};
  torch::nn::Sequential layer3{nullptr};
  torch::nn::Sequential layer4{nullptr};
  Join join_20m{nullptr};      // intermediate only
  Join join_60m{nullptr};      // intermediate only
  Branch branch_20m{nullptr};  // late only
  Branch branch_60m{nullptr};  // late only
  torch::nn::Linear fc{nullptr};
};

TORCH_MODULE(FusionNet);

const char* mode_name(FusionMode mode);

}  // namespace eorun::resnet_fusion
