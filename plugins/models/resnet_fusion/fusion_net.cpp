#include "fusion_net.hpp"

#include <string>

#include <ATen/ATen.h>
#include <torch/nn/functional/upsampling.h>

#include "eorun/error.hpp"
#include "resnet.hpp"

namespace eorun::resnet_fusion {

namespace {

using resnet::kStemChannels;
using resnet::make_batch_norm;
using resnet::make_conv;

constexpr std::int64_t kStemKernel = 7;
constexpr std::int64_t kEntryKernel = 3;

// conv1, bn1, ReLU and (where `pool`) the max pool, then layer1 ... layer4: a trunk's last map.
at::Tensor trunk_forward(torch::nn::Conv2d& conv1, torch::nn::BatchNorm2d& bn1, bool pool,
                         const std::array<torch::nn::Sequential*, resnet::kStageCount>& layers,
                         const at::Tensor& x) {
  at::Tensor y = bn1(conv1(x)).relu_();
  if (pool) y = resnet::stem_max_pool(y);
  for (torch::nn::Sequential* layer : layers) y = (*layer)->forward(y);
  return y;
}

}  // namespace

const char* mode_name(FusionMode mode) {
  return mode == FusionMode::intermediate ? "intermediate" : "late";
}

JoinImpl::JoinImpl(const JoinOptions& options_) : options(options_) { reset(); }

void JoinImpl::reset() {
  entry_conv = register_module(
      "entry_conv", make_conv(options.bands(), options.entry_channels(), kEntryKernel, 1));
  entry_bn = register_module("entry_bn", make_batch_norm(options.entry_channels()));
  merge_conv = register_module(
      "merge_conv",
      make_conv(options.trunk_channels() + options.entry_channels(), options.trunk_channels(), 1, 1));
  merge_bn = register_module("merge_bn", make_batch_norm(options.trunk_channels()));
}

void JoinImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::resnet_fusion::Join(bands=" << options.bands()
         << ", trunk_channels=" << options.trunk_channels()
         << ", entry_channels=" << options.entry_channels() << ")";
}

at::Tensor JoinImpl::forward(const at::Tensor& trunk, const at::Tensor& bands) {
  namespace F = torch::nn::functional;
  at::Tensor entry = entry_bn(entry_conv(bands)).relu_();
  if (entry.sizes().slice(2) != trunk.sizes().slice(2))
    entry = F::interpolate(entry, F::InterpolateFuncOptions()
                                      .size(std::vector<std::int64_t>{trunk.size(2), trunk.size(3)})
                                      .mode(torch::kBilinear)
                                      .align_corners(false));
  return merge_bn(merge_conv(at::cat({trunk, entry}, 1))).relu_();
}

BranchImpl::BranchImpl(const BranchOptions& options_) : options(options_) { reset(); }

void BranchImpl::reset() {
  conv1 = register_module("conv1",
                          make_conv(options.bands(), kStemChannels, kStemKernel, options.stem_stride()));
  bn1 = register_module("bn1", make_batch_norm(kStemChannels));
  const resnet::Stages stages = resnet::make_stages(options.depth(), kStemChannels);
  resnet::register_stages(*this, stages, {&layer1, &layer2, &layer3, &layer4});
  out_channels_ = stages.out_channels.back();
}

void BranchImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::resnet_fusion::Branch(depth=" << options.depth() << ", bands=" << options.bands()
         << ", stem_stride=" << options.stem_stride()
         << ", stem_pool=" << (options.stem_pool() ? "true" : "false") << ")";
}

at::Tensor BranchImpl::forward(const at::Tensor& x) {
  return resnet::global_average_pool(
      trunk_forward(conv1, bn1, options.stem_pool(), {&layer1, &layer2, &layer3, &layer4}, x));
}

FusionNetImpl::FusionNetImpl(const FusionNetOptions& options_) : options(options_) { reset(); }

void FusionNetImpl::reset() {
  const auto& bands = options.bands();
  for (std::int64_t count : bands)
    if (count < 1 || options.num_classes() < 1)
      throw Error("model resnet_fusion", "needs at least one band per resolution group and one class",
                  "check the dataset's bands and classes");
  const bool late = options.mode() == FusionMode::late;
  // Registered in the order data flows, so the state dict reads from input to output.
  conv1 = register_module("conv1", make_conv(bands[0], kStemChannels, kStemKernel, 2));
  bn1 = register_module("bn1", make_batch_norm(kStemChannels));
  if (!late) join_20m = register_module("join_20m", Join(JoinOptions(bands[1], kStemChannels)));
  const resnet::Stages stages = resnet::make_stages(options.depth(), kStemChannels);
  layer1 = register_module("layer1", stages.layers[0]);
  if (!late)
    join_60m = register_module("join_60m", Join(JoinOptions(bands[2], stages.out_channels[0])));
  layer2 = register_module("layer2", stages.layers[1]);
  layer3 = register_module("layer3", stages.layers[2]);
  layer4 = register_module("layer4", stages.layers[3]);
  std::int64_t features = stages.out_channels.back();
  if (late) {
    // Stems adapted to the coarser grids: layer1 sees H/4 at 20 m (stride 1, then the pool) and
    // H/6 at 60 m (stride 1, no pool), close to the 10 m path's H/4.
    branch_20m = register_module(
        "branch_20m", Branch(BranchOptions(options.depth(), bands[1]).stem_stride(1)));
    branch_60m = register_module(
        "branch_60m",
        Branch(BranchOptions(options.depth(), bands[2]).stem_stride(1).stem_pool(false)));
    features += branch_20m->out_channels() + branch_60m->out_channels();
  }
  fc = register_module("fc", torch::nn::Linear(features, options.num_classes()));
}

void FusionNetImpl::pretty_print(std::ostream& stream) const {
  const auto& bands = options.bands();
  stream << "eorun::resnet_fusion::FusionNet(mode=" << mode_name(options.mode())
         << ", depth=" << options.depth() << ", bands=[" << bands[0] << ", " << bands[1] << ", "
         << bands[2] << "], num_classes=" << options.num_classes() << ")";
}

at::Tensor FusionNetImpl::forward(const at::Tensor& x10, const at::Tensor& x20,
                                  const at::Tensor& x60) {
  if (options.mode() == FusionMode::late) {
    const at::Tensor features = resnet::global_average_pool(
        trunk_forward(conv1, bn1, /*pool=*/true, {&layer1, &layer2, &layer3, &layer4}, x10));
    return fc(at::cat({features, branch_20m->forward(x20), branch_60m->forward(x60)}, 1));
  }
  at::Tensor y = join_20m->forward(bn1(conv1(x10)).relu_(), x20);
  y = join_60m->forward(layer1->forward(resnet::stem_max_pool(y)), x60);
  y = layer4->forward(layer3->forward(layer2->forward(y)));
  return fc(resnet::global_average_pool(y));
}

}  // namespace eorun::resnet_fusion
