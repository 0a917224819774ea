#include "short_cnn_model.hpp"

#include <string>

#include "eorun/error.hpp"

namespace eorun::shortcnn {

const std::vector<ParamSpec>& param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"input_size", ParamType::integer, "120", nullptr,
       "side of the square input patch in pixels, a multiple of 4 (BigEarthNet: 120)"},
  };
  return specs;
}

ShortCnnOptions options_from(const Params& params, const ModelContext& context) {
  if (context.input_shapes.empty() || context.input_shapes[0].size() != 3)
    throw Error("model shortcnn", "needs one input group of shape [C, H, W] from the dataset",
                "use a dataset that declares its input shape");
  if (context.input_shapes.size() > 1)
    throw Error("model shortcnn",
                "takes one input group, the dataset has " +
                    std::to_string(context.input_shapes.size()),
                "resample every band to one resolution (early fusion)");
  const auto& shape = context.input_shapes[0];
  const std::int64_t size = params.get_int("input_size");
  if (size < 4 || size % 4 != 0)
    throw Error("model.input_size", "must be a positive multiple of 4, got " + std::to_string(size),
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

std::vector<ParameterGroup> ShortCnnModel::parameter_groups() {
  return {{"conv1", net_->conv1->parameters()},
          {"conv2", net_->conv2->parameters()},
          {"conv3", net_->conv3->parameters()},
          {"head", net_->head->parameters()}};
}

}  // namespace eorun::shortcnn
