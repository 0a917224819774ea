#include "vgg.hpp"

#include <string>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::vgg {

namespace {

constexpr std::int64_t kPooledSide = 7;  // AdaptiveAvgPool2d(7, 7)
constexpr std::int64_t kFeatureChannels = 512;
constexpr std::int64_t kHiddenUnits = 4096;
constexpr double kDropout = 0.5;
constexpr double kLinearStd = 0.01;

// Output channels of the 3x3 convolutions, block by block (torchvision's configurations A, B, D
// and E); each block ends with a 2x2 max-pool.
std::vector<std::vector<std::int64_t>> blocks_of(std::int64_t depth) {
  switch (depth) {
    case 11: return {{64}, {128}, {256, 256}, {512, 512}, {512, 512}};
    case 13: return {{64, 64}, {128, 128}, {256, 256}, {512, 512}, {512, 512}};
    case 16: return {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    case 19:
      return {{64, 64}, {128, 128}, {256, 256, 256, 256}, {512, 512, 512, 512},
              {512, 512, 512, 512}};
    default:
      throw Error("model vgg", "has no depth " + std::to_string(depth),
                  "set model.depth to 11, 13, 16 or 19");
  }
}

torch::nn::Conv2d make_conv(std::int64_t in, std::int64_t out) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in, out, 3).padding(1));
  torch::NoGradGuard no_grad;
  torch::nn::init::kaiming_normal_(conv->weight, 0, torch::kFanOut, torch::kReLU);
  torch::nn::init::zeros_(conv->bias);
  return conv;
}

torch::nn::BatchNorm2d make_batch_norm(std::int64_t channels) {
  torch::nn::BatchNorm2d norm(channels);
  torch::NoGradGuard no_grad;
  torch::nn::init::ones_(norm->weight);
  torch::nn::init::zeros_(norm->bias);
  return norm;
}

torch::nn::Linear make_linear(std::int64_t in, std::int64_t out) {
  torch::nn::Linear linear(in, out);
  torch::NoGradGuard no_grad;
  torch::nn::init::normal_(linear->weight, 0, kLinearStd);
  torch::nn::init::zeros_(linear->bias);
  return linear;
}

}  // namespace

VggImpl::VggImpl(const VggOptions& options_) : options(options_) { reset(); }

void VggImpl::reset() {
  if (options.in_channels() < 1 || options.num_classes() < 1)
    throw Error("model vgg", "needs at least one input band and one class",
                "check the dataset's bands and classes");
  features = torch::nn::Sequential();
  block_ends_.clear();
  std::int64_t channels = options.in_channels();
  for (const auto& block : blocks_of(options.depth())) {
    for (const std::int64_t out : block) {
      features->push_back(make_conv(channels, out));
      if (options.batch_norm()) features->push_back(make_batch_norm(out));
      features->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
      channels = out;
    }
    features->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
    block_ends_.push_back(features->size());
  }
  features = register_module("features", features);
  classifier = register_module(
      "classifier",
      torch::nn::Sequential(make_linear(kFeatureChannels * kPooledSide * kPooledSide, kHiddenUnits),
                            torch::nn::ReLU(torch::nn::ReLUOptions(true)),
                            torch::nn::Dropout(kDropout),
                            make_linear(kHiddenUnits, kHiddenUnits),
                            torch::nn::ReLU(torch::nn::ReLUOptions(true)),
                            torch::nn::Dropout(kDropout),
                            make_linear(kHiddenUnits, options.num_classes())));
}

std::vector<std::shared_ptr<torch::nn::Module>> VggImpl::block(std::size_t b) const {
  const std::size_t begin = b == 0 ? 0 : block_ends_.at(b - 1);
  std::vector<std::shared_ptr<torch::nn::Module>> modules;
  for (std::size_t i = begin; i < block_ends_.at(b); ++i) modules.push_back(features->ptr(i));
  return modules;
}

void VggImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::vgg::Vgg(in_channels=" << options.in_channels()
         << ", num_classes=" << options.num_classes() << ", depth=" << options.depth()
         << ", batch_norm=" << (options.batch_norm() ? "true" : "false") << ")";
}

at::Tensor VggImpl::forward(const at::Tensor& x) {
  namespace F = torch::nn::functional;
  const at::Tensor pooled = F::adaptive_avg_pool2d(
      features->forward(x), F::AdaptiveAvgPool2dFuncOptions({kPooledSide, kPooledSide}));
  return classifier->forward(pooled.flatten(1));
}

}  // namespace eorun::vgg
