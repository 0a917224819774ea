#include "efficientnet_model.hpp"

#include <cstddef>
#include <string>

#include "support/single_input.hpp"

namespace eorun::efficientnet {

namespace {

// The last index in features of each group before the head (stem, block1 ... block4).
constexpr std::size_t kGroupEnds[] = {0, 2, 3, 5, 8};

}  // namespace

EfficientNetOptions options_from(const Params& params, const ModelContext& context) {
  const support::InputShape shape = support::single_input(context, "efficientnet", kMinSide);
  return EfficientNetOptions(shape.channels, context.num_classes)
      .variant(params.get_string("variant"));
}

at::Tensor EfficientNetModel::forward(const std::vector<at::Tensor>& inputs) {
  return net_->forward(
      support::single_batch(inputs, "efficientnet", net_->options.in_channels(), kMinSide));
}

std::vector<ModuleGroup> EfficientNetModel::groups() {
  std::vector<ModuleGroup> groups;
  std::size_t index = 0;
  for (std::size_t end : kGroupEnds) {
    ModuleGroup group{groups.empty() ? "stem" : "block" + std::to_string(groups.size()), {}};
    for (; index <= end; ++index) group.modules.push_back(net_->features->ptr(index));
    groups.push_back(std::move(group));
  }
  groups.push_back({"head", {net_->classifier.ptr()}});
  return groups;
}

}  // namespace eorun::efficientnet
