// ShortCNN, the BigEarthNet reference network (see DOMAIN.md):
//
//   conv1  Conv2d(in, 32, k5, s1, p2) + ReLU     32 x s x s
//          MaxPool2d(2)                          32 x s/2 x s/2
//   conv2  Conv2d(32, 32, k5, s1, p2) + ReLU     32 x s/2 x s/2
//          MaxPool2d(2)                          32 x s/4 x s/4
//   conv3  Conv2d(32, 64, k3, s1, p1) + ReLU     64 x s/4 x s/4
//   head   flatten -> Linear(64 * (s/4)^2, C)    C logits
//
// Initialisation: conv weights Xavier-uniform and conv biases zero (the reference's TensorFlow
// defaults); the Linear keeps LibTorch's default (Kaiming-uniform weights, uniform bias). All of it
// draws from LibTorch's generator: seed it (torch::manual_seed) before making the module.
// RGB (3 bands), 43 classes, s = 120: 2,523,403 parameters.
#pragma once

#include <cstdint>
#include <ostream>

#include <torch/arg.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

namespace eorun::shortcnn {

struct ShortCnnOptions {
  ShortCnnOptions(std::int64_t in_channels, std::int64_t num_classes)
      : in_channels_(in_channels), num_classes_(num_classes) {}
  TORCH_ARG(std::int64_t, in_channels);   // input bands
  TORCH_ARG(std::int64_t, num_classes);   // logits
  TORCH_ARG(std::int64_t, input_size) = 120;  // side of the square input; divisible by 4
};

class ShortCnnImpl : public torch::nn::Cloneable<ShortCnnImpl> {
 public:
  explicit ShortCnnImpl(const ShortCnnOptions& options);

  void reset() override;
  void pretty_print(std::ostream& stream) const override;
  // x: [N, in_channels, input_size, input_size] -> [N, num_classes] logits.
  at::Tensor forward(const at::Tensor& x);

  ShortCnnOptions options;
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::Conv2d conv2{nullptr};
  torch::nn::Conv2d conv3{nullptr};
  torch::nn::Linear head{nullptr};
};

TORCH_MODULE(ShortCnn);

}  // namespace eorun::shortcnn
