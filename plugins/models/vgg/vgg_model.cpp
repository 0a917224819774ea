#include "vgg_model.hpp"

#include <string>

#include "eorun/error.hpp"
#include "support/single_input.hpp"

namespace eorun::vgg {

namespace {

constexpr std::size_t kBlocks = 5;
constexpr std::size_t kHeadIndex = 6;  // classifier.6

}  // namespace

VggOptions options_from(const Params& params, const ModelContext& context) {
  const support::InputShape shape = support::single_input(context, "vgg", kMinSide);
  return VggOptions(shape.channels, context.num_classes)
      .depth(params.get_int("depth"))
      .batch_norm(params.get_bool("batch_norm"));
}

at::Tensor VggModel::forward(const std::vector<at::Tensor>& inputs) {
  return net_->forward(support::single_batch(inputs, "vgg", net_->options.in_channels(), kMinSide));
}

std::vector<ModuleGroup> VggModel::groups() {
  std::vector<ModuleGroup> groups;
  for (std::size_t b = 0; b < kBlocks; ++b)
    groups.push_back({"block" + std::to_string(b + 1), net_->block(b)});
  ModuleGroup classifier{"classifier", {}};
  for (std::size_t i = 0; i < kHeadIndex; ++i)
    classifier.modules.push_back(net_->classifier->ptr(i));
  groups.push_back(std::move(classifier));
  groups.push_back({"head", {net_->classifier->ptr(kHeadIndex)}});
  return groups;
}

}  // namespace eorun::vgg
