#include "resnet.hpp"

#include <array>
#include <string>

#include <ATen/ATen.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/init.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::resnet {

namespace {

constexpr std::int64_t kBottleneckExpansion = 4;
constexpr std::array<std::int64_t, kStageCount> kStageWidths = {64, 128, 256, 512};

struct Layout {
  BlockKind kind;
  std::array<std::int64_t, kStageCount> blocks;  // per stage
};

Layout layout_of(std::int64_t depth) {
  switch (depth) {
    case 18: return {BlockKind::basic, {2, 2, 2, 2}};
    case 34: return {BlockKind::basic, {3, 4, 6, 3}};
    case 50: return {BlockKind::bottleneck, {3, 4, 6, 3}};
    case 101: return {BlockKind::bottleneck, {3, 4, 23, 3}};
    default:
      throw Error("model.depth", "must be 18, 34, 50 or 101, got " + std::to_string(depth),
                  "pick one of the depths torchvision defines");
  }
}

// One stage (layerN): `blocks` blocks of `width`, the first with `stride`. `channels` enters as
// the channels coming in and leaves as the stage's output channels.
torch::nn::Sequential make_stage(BlockKind kind, std::int64_t& channels, std::int64_t width,
                                 std::int64_t blocks, std::int64_t stride) {
  torch::nn::Sequential stage;
  for (std::int64_t i = 0; i < blocks; ++i) {
    const BlockOptions options =
        BlockOptions(kind, channels, width).stride(i == 0 ? stride : 1);
    stage->push_back(Block(options));
    channels = options.out_channels();
  }
  return stage;
}

}  // namespace

torch::nn::Conv2d make_conv(std::int64_t in, std::int64_t out, std::int64_t kernel,
                            std::int64_t stride) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(in, out, kernel)
                             .stride(stride)
                             .padding(kernel / 2)
                             .bias(false));
  torch::NoGradGuard no_grad;
  torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanOut, torch::kReLU);
  return conv;
}

// LibTorch's batch norm starts with weight 1 and bias 0, as torchvision sets them.
torch::nn::BatchNorm2d make_batch_norm(std::int64_t channels) {
  return torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(channels));
}

Stages make_stages(std::int64_t depth, std::int64_t in_channels) {
  const Layout layout = layout_of(depth);
  Stages stages;
  std::int64_t channels = in_channels;
  for (std::size_t i = 0; i < kStageCount; ++i) {
    stages.layers[i] =
        make_stage(layout.kind, channels, kStageWidths[i], layout.blocks[i], i == 0 ? 1 : 2);
    stages.out_channels[i] = channels;
  }
  return stages;
}

void register_stages(torch::nn::Module& owner, const Stages& stages,
                     const std::array<torch::nn::Sequential*, kStageCount>& layers) {
  for (std::size_t i = 0; i < kStageCount; ++i)
    *layers[i] = owner.register_module("layer" + std::to_string(i + 1), stages.layers[i]);
}

at::Tensor stem_max_pool(const at::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2).padding(1));
}

at::Tensor global_average_pool(const at::Tensor& x) {
  namespace F = torch::nn::functional;
  return F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1)).flatten(1);
}

std::int64_t BlockOptions::out_channels() const {
  return kind_ == BlockKind::bottleneck ? width_ * kBottleneckExpansion : width_;
}

BlockImpl::BlockImpl(const BlockOptions& options_) : options(options_) { reset(); }

void BlockImpl::reset() {
  const std::int64_t width = options.width();
  const std::int64_t out = options.out_channels();
  if (options.kind() == BlockKind::basic) {
    conv1 = register_module("conv1", make_conv(options.in_channels(), width, 3, options.stride()));
    bn1 = register_module("bn1", make_batch_norm(width));
    conv2 = register_module("conv2", make_conv(width, out, 3, 1));
    bn2 = register_module("bn2", make_batch_norm(out));
  } else {
    conv1 = register_module("conv1", make_conv(options.in_channels(), width, 1, 1));
    bn1 = register_module("bn1", make_batch_norm(width));
    conv2 = register_module("conv2", make_conv(width, width, 3, options.stride()));
    bn2 = register_module("bn2", make_batch_norm(width));
    conv3 = register_module("conv3", make_conv(width, out, 1, 1));
    bn3 = register_module("bn3", make_batch_norm(out));
  }
  if (options.stride() != 1 || options.in_channels() != out)
    downsample = register_module(
        "downsample", torch::nn::Sequential(make_conv(options.in_channels(), out, 1,
                                                      options.stride()),
                                            make_batch_norm(out)));
}

void BlockImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::resnet::"
         << (options.kind() == BlockKind::basic ? "BasicBlock" : "Bottleneck")
         << "(in_channels=" << options.in_channels() << ", width=" << options.width()
         << ", stride=" << options.stride() << ")";
}

at::Tensor BlockImpl::forward(const at::Tensor& x) {
  at::Tensor y = bn1(conv1(x)).relu_();
  y = bn2(conv2(y));
  if (conv3) y = bn3(conv3(y.relu_()));
  y += downsample ? downsample->forward(x) : x;
  return y.relu_();
}

ResNetImpl::ResNetImpl(const ResNetOptions& options_) : options(options_) { reset(); }

void ResNetImpl::reset() {
  layout_of(options.depth());  // a bad depth is reported before anything else
  if (options.in_channels() < 1 || options.num_classes() < 1)
    throw Error("model resnet", "needs at least one input band and one class",
                "check the dataset's bands and classes");
  conv1 = register_module("conv1", make_conv(options.in_channels(), kStemChannels, 7, 2));
  bn1 = register_module("bn1", make_batch_norm(kStemChannels));
  const Stages stages = make_stages(options.depth(), kStemChannels);
  register_stages(*this, stages, {&layer1, &layer2, &layer3, &layer4});
  fc = register_module("fc", torch::nn::Linear(stages.out_channels.back(), options.num_classes()));
}

void ResNetImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::resnet::ResNet(depth=" << options.depth()
         << ", in_channels=" << options.in_channels() << ", num_classes=" << options.num_classes()
         << ")";
}

at::Tensor ResNetImpl::forward(const at::Tensor& x) {
  if (x.dim() != 4 || x.size(1) != options.in_channels())
    throw Error("model resnet",
                "expects input [N, " + std::to_string(options.in_channels()) +
                    ", H, W], got " + c10::str(x.sizes()),
                "give it the dataset's bands, one input group");
  // The standard (NCHW) layout throughout. Unlike shortcnn's, ResNet's training step is not faster
  // in channels-last on CPU: with LibTorch 1.13 an Adam step took as long or up to 35% longer
  // (ResNet-18 and -50, 12 bands, 40x40 to 120x120, batch 16), for the same values.
  at::Tensor y = stem_max_pool(bn1(conv1(x)).relu_());
  y = layer4->forward(layer3->forward(layer2->forward(layer1->forward(y))));
  return fc(global_average_pool(y));
}

}  // namespace eorun::resnet
