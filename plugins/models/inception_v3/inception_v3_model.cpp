#include "inception_v3_model.hpp"

#include "support/single_input.hpp"

namespace eorun::inception {

InceptionV3Options options_from(const Params& params, const ModelContext& context) {
  const support::InputShape shape = support::single_input(context, "inception_v3", kMinSide);
  return InceptionV3Options(shape.channels, context.num_classes)
      .aux_logits(params.get_bool("aux_logits"));
}

at::Tensor InceptionV3Model::forward(const std::vector<at::Tensor>& inputs) {
  return net_->forward(
      support::single_batch(inputs, "inception_v3", net_->options.in_channels(), kMinSide));
}

std::vector<ModuleGroup> InceptionV3Model::groups() {
  const InceptionV3Impl& net = *net_;
  std::vector<ModuleGroup> groups = {
      {"stem",
       {net.child("Conv2d_1a_3x3"), net.child("Conv2d_2a_3x3"), net.child("Conv2d_2b_3x3"),
        net.child("maxpool1"), net.child("Conv2d_3b_1x1"), net.child("Conv2d_4a_3x3"),
        net.child("maxpool2")}},
      {"mixed_5", {net.child("Mixed_5b"), net.child("Mixed_5c"), net.child("Mixed_5d")}},
      {"mixed_6",
       {net.child("Mixed_6a"), net.child("Mixed_6b"), net.child("Mixed_6c"), net.child("Mixed_6d"),
        net.child("Mixed_6e")}},
      {"mixed_7", {net.child("Mixed_7a"), net.child("Mixed_7b"), net.child("Mixed_7c")}},
      {"head", {net.child("avgpool"), net.child("dropout"), net.fc.ptr()}},
  };
  if (net.aux) {
    groups[2].modules.push_back(net.aux->conv0.ptr());
    groups[2].modules.push_back(net.aux->conv1.ptr());
    groups.back().modules.push_back(net.aux->fc.ptr());
  }
  return groups;
}

}  // namespace eorun::inception
