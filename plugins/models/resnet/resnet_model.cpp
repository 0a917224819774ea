#include "resnet_model.hpp"

#include <algorithm>
#include <string>

#include "eorun/error.hpp"

namespace eorun::resnet {

ResNetOptions options_from(const Params& params, const ModelContext& context) {
  if (context.inputs.empty() || context.inputs[0].shape.size() != 3)
    throw Error("model resnet", "needs one input group of shape [C, H, W] from the dataset",
                "use a dataset that declares its input shape");
  if (context.inputs.size() > 1)
    throw Error("model resnet",
                "takes one input group, the dataset has " + std::to_string(context.inputs.size()),
                "resample every band to one resolution (early fusion)");
  const auto& shape = context.inputs[0].shape;
  if (std::max(shape[1], shape[2]) < kMinimumSide)
    throw Error("model resnet",
                "the dataset's patches are " + std::to_string(shape[1]) + "x" +
                    std::to_string(shape[2]) + ", smaller than ResNet's minimum of " +
                    std::to_string(kMinimumSide) + "x" + std::to_string(kMinimumSide) +
                    " (layer4 would see 1x1 maps, on which batch norm cannot train a batch of "
                    "one sample)",
                "use patches of at least " + std::to_string(kMinimumSide) + " pixels along one "
                "side, or a model for small inputs such as shortcnn");
  return ResNetOptions(params.get_int("depth"), shape[0], context.num_classes);
}

at::Tensor ResNetModel::forward(const std::vector<at::Tensor>& inputs) {
  if (inputs.size() != 1)
    throw Error("model resnet", "takes one input tensor, got " + std::to_string(inputs.size()),
                "resample every band to one resolution (early fusion)");
  return net_->forward(inputs[0]);
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
