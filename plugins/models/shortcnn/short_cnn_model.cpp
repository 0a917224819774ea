#include "short_cnn_model.hpp"

#include <string>

#include "eorun/error.hpp"

namespace eorun::shortcnn {

ShortCnnOptions options_from(const Params& params, const ModelContext& context) {
  if (context.inputs.empty() || context.inputs[0].shape.size() != 3)
    throw Error("model shortcnn", "needs one input group of shape [C, H, W] from the dataset",
                "use a dataset that declares its input shape");
  if (context.inputs.size() > 1)
    throw Error("model shortcnn",
                "takes one input group, the dataset has " + std::to_string(context.inputs.size()),
                "resample every band to one resolution (early fusion)");
  const auto& shape = context.inputs[0].shape;
  const std::int64_t size = params.get_int("input_size");
  if (size % 4 != 0)
    throw Error("model.input_size", "must be a multiple of 4, got " + std::to_string(size),
                "set it to the dataset's patch size (120 for BigEarthNet)");
  if (shape[1] != size || shape[2] != size)
    throw Error("model.input_size",
                "is " + std::to_string(size) + " but the dataset's patches are " +
                    std::to_string(shape[1]) + "x" + std::to_string(shape[2]),
                "set model.input_size to " + std::to_string(shape[1]) +
                    " (ShortCNN needs square patches)");
  return ShortCnnOptions(shape[0], context.num_classes).input_size(size);
}

at::Tensor ShortCnnModel::forward(const std::vector<at::Tensor>& inputs) {
  if (inputs.size() != 1)
    throw Error("model shortcnn",
                "takes one input tensor, got " + std::to_string(inputs.size()),
                "resample every band to one resolution (early fusion)");
  return net_->forward(inputs[0]);
}

std::vector<ModuleGroup> ShortCnnModel::groups() {
  return {{"conv1", {net_->conv1.ptr()}},
          {"conv2", {net_->conv2.ptr()}},
          {"conv3", {net_->conv3.ptr()}},
          {"head", {net_->head.ptr()}}};
}

}  // namespace eorun::shortcnn
