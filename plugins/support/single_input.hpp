// The one input group of an image model that takes a single tensor (ResNet, VGG, DenseNet,
// ...): its [C, H, W] from the model context, checked against the architecture's smallest patch,
// and the checked batch tensor in forward.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>
#include <c10/util/StringUtil.h>

#include "eorun/error.hpp"
#include "eorun/model.hpp"

namespace eorun::support {

struct InputShape {
  std::int64_t channels = 0;
  std::int64_t height = 0;
  std::int64_t width = 0;
};

// The shape of context.inputs[0]. Throws eorun::Error with subject "model <model>" when the
// dataset declares no [C, H, W] input, more than one input group, or no class.
inline InputShape single_input_shape(const ModelContext& context, const std::string& model) {
  const std::string subject = "model " + model;
  if (context.inputs.empty() || context.inputs[0].shape.size() != 3)
    throw Error(subject, "needs one input group of shape [C, H, W] from the dataset",
                "use a dataset that declares its input shape");
  if (context.inputs.size() > 1)
    throw Error(subject,
                "takes one input group, the dataset has " + std::to_string(context.inputs.size()),
                "resample every band to one resolution (early fusion)");
  if (context.num_classes < 1)
    throw Error(subject, "needs at least one class", "check the dataset's classes");
  return {context.inputs[0].shape[0], context.inputs[0].shape[1], context.inputs[0].shape[2]};
}

// single_input_shape(context, model), also refusing patches narrower or lower than `min_side`
// pixels (the smallest side the network's down-sampling allows).
inline InputShape single_input(const ModelContext& context, const std::string& model,
                               std::int64_t min_side) {
  const InputShape shape = single_input_shape(context, model);
  if (shape.height < min_side || shape.width < min_side)
    throw Error("model " + model,
                "needs patches of at least " + std::to_string(min_side) + "x" +
                    std::to_string(min_side) + " pixels, the dataset's are " +
                    std::to_string(shape.height) + "x" + std::to_string(shape.width),
                "use larger patches or resample them to at least " + std::to_string(min_side) +
                    "x" + std::to_string(min_side));
  return shape;
}

// A network that takes any patch with one side long enough (ResNet: below it on both sides, the
// last stage sees 1x1 maps), and how its refusal explains the limit.
struct OneSideMinimum {
  std::int64_t side = 0;
  std::string network;  // as the message names it, e.g. "ResNet"
  std::string why;      // what goes wrong below the minimum
  std::string instead;  // what else to use, e.g. "a model for small inputs such as shortcnn"
};

// single_input_shape(context, model), also refusing patches with both sides below
// `minimum.side`.
inline InputShape single_input(const ModelContext& context, const std::string& model,
                               const OneSideMinimum& minimum) {
  const InputShape shape = single_input_shape(context, model);
  const std::string side = std::to_string(minimum.side);
  if (shape.height < minimum.side && shape.width < minimum.side)
    throw Error("model " + model,
                "the dataset's patches are " + std::to_string(shape.height) + "x" +
                    std::to_string(shape.width) + ", smaller than " + minimum.network +
                    "'s minimum of " + side + "x" + side + " (" + minimum.why + ")",
                "use patches of at least " + side + " pixels along one side, or " + minimum.instead);
  return shape;
}

// The one batch tensor of `inputs`, checked to be [N, channels, H, W] with H, W >= min_side.
// Throws eorun::Error with subject "model <model>" otherwise.
inline const at::Tensor& single_batch(const std::vector<at::Tensor>& inputs,
                                      const std::string& model, std::int64_t channels,
                                      std::int64_t min_side) {
  const std::string subject = "model " + model;
  if (inputs.size() != 1)
    throw Error(subject, "takes one input tensor, got " + std::to_string(inputs.size()),
                "resample every band to one resolution (early fusion)");
  const at::Tensor& x = inputs[0];
  if (x.dim() != 4 || x.size(1) != channels || x.size(2) < min_side || x.size(3) < min_side)
    throw Error(subject,
                "expects input [N, " + std::to_string(channels) + ", H, W] with H, W >= " +
                    std::to_string(min_side) + ", got " + c10::str(x.sizes()),
                "give it batches of the dataset it was made for");
  return x;
}

}  // namespace eorun::support
