// Inception-v3 in torchvision's layout (torchvision.models.inception_v3, class Inception3), the
// first convolution taking any number of bands:
//
//   (forward)       the input resized to 299x299 (bilinear, align_corners=false) unless it is
//                   already 299x299
//   Conv2d_1a_3x3   BasicConv2d(in, 32, k3, s2); Conv2d_2a_3x3 (32, k3); Conv2d_2b_3x3 (64, k3,
//                   p1); maxpool1 MaxPool2d(3, s2); Conv2d_3b_1x1 (80, k1); Conv2d_4a_3x3 (192,
//                   k3); maxpool2 MaxPool2d(3, s2)
//   Mixed_5b..5d    InceptionA blocks (35x35)
//   Mixed_6a        InceptionB (down to 17x17); Mixed_6b..6e InceptionC blocks
//   AuxLogits       only with aux_logits: InceptionAux (conv0, conv1, fc) on Mixed_6e's output
//   Mixed_7a        InceptionD (down to 8x8); Mixed_7b, Mixed_7c InceptionE blocks
//   avgpool, dropout, fc   global average pool, Dropout(0.5), Linear(2048, num_classes)
//
// A BasicConv2d is conv (Conv2d without bias) + bn (BatchNorm2d, eps 0.001) + ReLU. Names of
// parameters and buffers are torchvision's (Conv2d_1a_3x3.conv.weight, Mixed_6b.branch7x7_2.bn.
// running_mean, AuxLogits.fc.bias, fc.weight, ...): a torchvision state_dict maps one to one.
//
// Differences from torchvision's forward, on purpose: transform_input is never applied (it
// re-normalises ImageNet RGB, meaningless for other bands; normalise in the dataset instead), and
// AuxLogits, when present, is never run: the auxiliary logits take no part in eorun's loss, the
// module exists so that files holding it (torchvision's ImageNet weights) load.
//
// Initialisation as torchvision: every Conv2d and Linear weight from a normal(0, 0.1) truncated
// to [-2, 2] (AuxLogits.fc: std 0.001), batch norms weight 1 and bias 0, linear biases keep their
// default; all drawn from LibTorch's generator (seed it with torch::manual_seed first).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>
#include <torch/nn/pimpl.h>

namespace eorun::inception {

// The side every input is resized to before the first convolution.
inline constexpr std::int64_t kInputSide = 299;
// The smallest side of an input patch the model accepts: torchvision's documented minimum for
// inception_v3 (min_size 75x75, the smallest input its own down-sampling takes without the
// resize). Smaller patches would be enlarged more than four times by the resize; eorun refuses
// them rather than classify mostly interpolated pixels.
inline constexpr std::int64_t kMinSide = 75;

struct InceptionV3Options {
  InceptionV3Options(std::int64_t in_channels, std::int64_t num_classes)
      : in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, in_channels);     // input bands
  TORCH_ARG(std::int64_t, num_classes);     // logits
  TORCH_ARG(bool, aux_logits) = false;      // make AuxLogits (never run, see above)
};

// One convolution of a BasicConv2d: kernel, stride and zero padding per axis (height, width).
struct ConvShape {
  std::int64_t in = 0;
  std::int64_t out = 0;
  std::int64_t kernel_h = 1;
  std::int64_t kernel_w = 1;
  std::int64_t stride = 1;
  std::int64_t pad_h = 0;
  std::int64_t pad_w = 0;
};

// conv (no bias), bn (eps 0.001), ReLU.
class BasicConv2dImpl : public torch::nn::Cloneable<BasicConv2dImpl> {
 public:
  explicit BasicConv2dImpl(const ConvShape& shape);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  ConvShape shape;
  torch::nn::Conv2d conv{nullptr};
  torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(BasicConv2d);

// torchvision's InceptionA ... InceptionE.
enum class BlockKind { a, b, c, d, e };

// One Mixed_* block: parallel branches of BasicConv2d (and a pooling branch) concatenated along
// the channels. `width` is InceptionA's pool_features or InceptionC's channels_7x7 (unused by the
// other kinds).
class InceptionBlockImpl : public torch::nn::Cloneable<InceptionBlockImpl> {
 public:
  InceptionBlockImpl(BlockKind kind, std::int64_t in_channels, std::int64_t width = 0);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  // Channels of forward's output.
  std::int64_t out_channels() const;

  BlockKind kind;
  std::int64_t in_channels;
  std::int64_t width;

 private:
  void add(const std::string& name, const ConvShape& shape);
  at::Tensor run(const std::string& name, const at::Tensor& x);

  std::map<std::string, BasicConv2d> convs_;  // the registered children, by name
};
TORCH_MODULE(InceptionBlock);

// AuxLogits: average pool 5 (stride 3), conv0 (128, k1), conv1 (768, k5), global average pool,
// fc. Expects Mixed_6e's [N, 768, 17, 17] output.
class InceptionAuxImpl : public torch::nn::Cloneable<InceptionAuxImpl> {
 public:
  InceptionAuxImpl(std::int64_t in_channels, std::int64_t num_classes);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  at::Tensor forward(const at::Tensor& x);

  std::int64_t in_channels;
  std::int64_t num_classes;
  BasicConv2d conv0{nullptr};
  BasicConv2d conv1{nullptr};
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(InceptionAux);

class InceptionV3Impl : public torch::nn::Cloneable<InceptionV3Impl> {
 public:
  explicit InceptionV3Impl(const InceptionV3Options& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, H, W] (InceptionV3Model checks H, W >= kMinSide) -> [N, num_classes]
  // logits.
  at::Tensor forward(const at::Tensor& x);

  // The child module of that name (Conv2d_1a_3x3, maxpool1, Mixed_5b, AuxLogits, fc, ...).
  // Throws eorun::Error for a name the model does not have.
  std::shared_ptr<torch::nn::Module> child(const std::string& name) const;

  InceptionV3Options options;
  InceptionAux aux{nullptr};  // AuxLogits, null unless options.aux_logits()
  torch::nn::Linear fc{nullptr};

 private:
  std::vector<BasicConv2d> stem_convs_;   // Conv2d_1a_3x3 ... Conv2d_4a_3x3
  torch::nn::MaxPool2d maxpool1_{nullptr};  // after Conv2d_2b_3x3
  torch::nn::MaxPool2d maxpool2_{nullptr};  // after Conv2d_4a_3x3
  std::vector<InceptionBlock> mixed_;      // Mixed_5b ... Mixed_7c
  torch::nn::Dropout dropout_{nullptr};
};
TORCH_MODULE(InceptionV3);

}  // namespace eorun::inception
