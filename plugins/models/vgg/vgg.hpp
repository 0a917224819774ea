// VGG in torchvision's layout (torchvision.models.vgg11 ... vgg19_bn), the first convolution
// taking any number of bands:
//
//   features    3x3 convolutions (padding 1), each followed by BatchNorm2d when batch_norm is
//               set and by ReLU, in five blocks that each end with MaxPool2d(2, 2)
//   avgpool     AdaptiveAvgPool2d(7, 7)
//   classifier  Linear(512*7*7, 4096), ReLU, Dropout(0.5), Linear(4096, 4096), ReLU,
//               Dropout(0.5), Linear(4096, num_classes)
//
// Module indices, and so parameter and buffer names, are torchvision's (features.0.weight,
// features.1.running_mean, classifier.6.bias, ...): a torchvision state_dict maps one to one.
// Initialisation as torchvision: convolutions Kaiming-normal (fan_out, ReLU) with zero bias,
// batch norms weight 1 and bias 0, linear layers normal(0, 0.01) with zero bias; all drawn from
// LibTorch's generator (seed it with torch::manual_seed first).
// The five 2x2 max-pools need patches of at least 32x32 pixels (kMinSide).
#pragma once

#include <cstdint>
#include <ostream>
#include <vector>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace eorun::vgg {

// The smallest side of an input patch: 32 pixels become 1 after five 2x2 max-pools.
inline constexpr std::int64_t kMinSide = 32;

struct VggOptions {
  VggOptions(std::int64_t in_channels, std::int64_t num_classes)
      : in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, in_channels);  // input bands
  TORCH_ARG(std::int64_t, num_classes);  // logits
  TORCH_ARG(std::int64_t, depth) = 16;   // weight layers: 11, 13, 16 or 19
  TORCH_ARG(bool, batch_norm) = false;   // BatchNorm2d after every convolution
};

class VggImpl : public torch::nn::Cloneable<VggImpl> {
 public:
  explicit VggImpl(const VggOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, H, W] with H, W >= kMinSide -> [N, num_classes] logits (VggModel
  // checks the shape).
  at::Tensor forward(const at::Tensor& x);

  // features.<index> for each module of block b (0..4): convolutions, batch norms, ReLUs and
  // the closing max-pool.
  std::vector<std::shared_ptr<torch::nn::Module>> block(std::size_t b) const;

  VggOptions options;
  torch::nn::Sequential features{nullptr};
  torch::nn::Sequential classifier{nullptr};

 private:
  std::vector<std::size_t> block_ends_;  // index in features after each block's max-pool
};

TORCH_MODULE(Vgg);

}  // namespace eorun::vgg
