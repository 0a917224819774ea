#include "resnet_model.hpp"

#include "support/single_input.hpp"

namespace eorun::resnet {

ResNetOptions options_from(const Params& params, const ModelContext& context) {
  const support::InputShape shape = support::single_input(
      context, "resnet",
      support::OneSideMinimum{kMinimumSide, "ResNet",
                              "layer4 would see 1x1 maps, on which batch norm cannot train a batch "
                              "of one sample",
                              "a model for small inputs such as shortcnn"});
  return ResNetOptions(params.get_int("depth"), shape.channels, context.num_classes);
}

at::Tensor ResNetModel::forward(const std::vector<at::Tensor>& inputs) {
  // Any patch side: in a batch of two or more, even 1x1 maps in layer4 are fine.
  constexpr std::int64_t kAnySide = 1;
  return net_->forward(
      support::single_batch(inputs, "resnet", net_->options.in_channels(), kAnySide));
}

std::vector<ModuleGroup> ResNetModel::groups() {
  return {{"stem", {net_->conv1.ptr(), net_->bn1.ptr()}},
          {"layer1", {net_->layer1.ptr()}},
          {"layer2", {net_->layer2.ptr()}},
          {"layer3", {net_->layer3.ptr()}},
          {"layer4", {net_->layer4.ptr()}},
          {"head", {net_->fc.ptr()}}};
}

}  // namespace eorun::resnet
