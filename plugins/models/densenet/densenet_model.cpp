#include "densenet_model.hpp"

#include <string>

#include "support/single_input.hpp"

namespace eorun::densenet {

DenseNetOptions options_from(const Params& params, const ModelContext& context) {
  const support::InputShape shape = support::single_input(context, "densenet", kMinSide);
  return DenseNetOptions(shape.channels, context.num_classes).depth(params.get_int("depth"));
}

at::Tensor DenseNetModel::forward(const std::vector<at::Tensor>& inputs) {
  return net_->forward(
      support::single_batch(inputs, "densenet", net_->options.in_channels(), kMinSide));
}

std::vector<ModuleGroup> DenseNetModel::groups() {
  const DenseNetImpl& net = *net_;
  return {{"stem",
           {net.feature("conv0"), net.feature("norm0"), net.feature("relu0"),
            net.feature("pool0")}},
          {"block1", {net.feature("denseblock1"), net.feature("transition1")}},
          {"block2", {net.feature("denseblock2"), net.feature("transition2")}},
          {"block3", {net.feature("denseblock3"), net.feature("transition3")}},
          {"block4", {net.feature("denseblock4"), net.feature("norm5")}},
          {"head", {net.classifier.ptr()}}};
}

}  // namespace eorun::densenet
