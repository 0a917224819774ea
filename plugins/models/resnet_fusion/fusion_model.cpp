#include "fusion_model.hpp"

#include <algorithm>
#include <sstream>
#include <string>

#include <c10/util/StringUtil.h>

#include "eorun/error.hpp"

namespace eorun::resnet_fusion {

namespace {

constexpr const char* kSubject = "model resnet_fusion";
constexpr const char* kGroupsRemedy =
    "set dataset.resample = \"none\" and select bands of all three resolutions (bigearthnet: "
    "dataset.bands = \"ms\"), or use the resnet model for one resampled stack";
// Side of a 10 m pixel's group relative to each group: 10 m 1, 20 m 2, 60 m 6.
constexpr std::array<std::int64_t, kGroupCount> kSideRatio = {1, 2, 6};

std::string metres(double resolution) {
  std::ostringstream text;
  text << resolution << " m";
  return text.str();
}

// "1 input group: s2 (10 m, [12, 120, 120])".
std::string describe(const std::vector<InputGroup>& groups) {
  std::string text = std::to_string(groups.size()) +
                     (groups.size() == 1 ? " input group" : " input groups");
  for (std::size_t i = 0; i < groups.size(); ++i)
    text += (i == 0 ? ": " : ", ") + groups[i].name + " (" + metres(groups[i].resolution_m) + ", " +
            c10::str(at::IntArrayRef(groups[i].shape)) + ")";
  return text;
}

FusionMode mode_from(const std::string& text) {
  if (text == "intermediate") return FusionMode::intermediate;
  if (text == "late") return FusionMode::late;
  throw Error("model.mode", "unknown fusion mode '" + text + "'", "use \"intermediate\" or \"late\"");
}

std::int64_t minimum_side(FusionMode mode) {
  return mode == FusionMode::late ? kMinimumSideLate : kMinimumSideIntermediate;
}

}  // namespace

FusionSetup options_from(const Params& params, const ModelContext& context) {
  const FusionMode mode = mode_from(params.get_string("mode"));
  const std::int64_t depth = params.get_int("depth");
  if (depth != 18 && depth != 34 && depth != 50)
    throw Error("model.depth", "must be 18, 34 or 50, got " + std::to_string(depth),
                "pick one of the depths resnet_fusion offers");
  if (context.num_classes < 1)
    throw Error(kSubject, "needs at least one class", "check the dataset's classes");

  const std::vector<InputGroup>& groups = context.inputs;
  const std::string needs = "needs three input groups, one each at 10 m, 20 m and 60 m "
                            "(Sentinel-2 bands at their native sizes); the dataset gives " +
                            describe(groups);
  if (groups.size() != kGroupCount) throw Error(kSubject, needs, kGroupsRemedy);
  std::array<std::size_t, kGroupCount> index{};
  for (std::size_t r = 0; r < kGroupCount; ++r) {
    auto found = std::find_if(groups.begin(), groups.end(), [&](const InputGroup& group) {
      return group.resolution_m == kGroupResolutions[r];
    });
    if (found == groups.end() || found->shape.size() != 3)
      throw Error(kSubject, needs, kGroupsRemedy);
    index[r] = static_cast<std::size_t>(found - groups.begin());
  }

  const std::vector<std::int64_t>& fine = groups[index[0]].shape;
  for (std::size_t r = 1; r < kGroupCount; ++r) {
    const std::vector<std::int64_t>& shape = groups[index[r]].shape;
    if (shape[1] * kSideRatio[r] != fine[1] || shape[2] * kSideRatio[r] != fine[2])
      throw Error(kSubject,
                  "the sides of the 10 m, 20 m and 60 m groups must be in the ratio 6:3:1 (the "
                  "same ground); the dataset gives " + describe(groups),
                  "give it the native sizes of the same patches (bigearthnet: dataset.resample = "
                  "\"none\")");
  }
  const std::int64_t minimum = minimum_side(mode);
  if (std::max(fine[1], fine[2]) < minimum)
    throw Error(kSubject,
                "the 10 m patches are " + std::to_string(fine[1]) + "x" + std::to_string(fine[2]) +
                    ", smaller than " + mode_name(mode) + " fusion's minimum of " +
                    std::to_string(minimum) + " pixels along one side (a trunk's layer4 would see "
                    "1x1 maps, on which batch norm cannot train a batch of one sample)",
                "use larger patches (BigEarthNet's 120/60/20 pixels work)" +
                    std::string(mode == FusionMode::late ? ", or mode = \"intermediate\" (from 36)"
                                                         : ""));

  GroupBands bands{};
  for (std::size_t r = 0; r < kGroupCount; ++r) bands[r] = groups[index[r]].channels();
  return {FusionNetOptions(mode, depth, bands, context.num_classes), index};
}

at::Tensor FusionModel::forward(const std::vector<at::Tensor>& inputs) {
  if (inputs.size() != kGroupCount)
    throw Error(kSubject,
                "takes " + std::to_string(kGroupCount) + " input tensors (10 m, 20 m and 60 m "
                "bands), got " + std::to_string(inputs.size()),
                kGroupsRemedy);
  const auto& bands = net_->options.bands();
  std::array<at::Tensor, kGroupCount> x;
  for (std::size_t r = 0; r < kGroupCount; ++r) x[r] = inputs[group_index_[r]];
  bool fits = true;
  for (std::size_t r = 0; r < kGroupCount; ++r)
    fits = fits && x[r].dim() == 4 && x[r].size(0) == x[0].size(0) && x[r].size(1) == bands[r] &&
           x[r].size(2) * kSideRatio[r] == x[0].size(2) &&
           x[r].size(3) * kSideRatio[r] == x[0].size(3);
  if (!fits)
    throw Error(kSubject,
                "expects 10 m [N, " + std::to_string(bands[0]) + ", H, W], 20 m [N, " +
                    std::to_string(bands[1]) + ", H/2, W/2] and 60 m [N, " +
                    std::to_string(bands[2]) + ", H/6, W/6], got " + c10::str(x[0].sizes()) +
                    ", " + c10::str(x[1].sizes()) + " and " + c10::str(x[2].sizes()),
                "give it batches of the dataset it was made for");
  return net_->forward(x[0], x[1], x[2]);
}

std::vector<ModuleGroup> FusionModel::groups() {
  FusionNetImpl& net = *net_;
  if (net.options.mode() == FusionMode::intermediate)
    return {{"stem", {net.conv1.ptr(), net.bn1.ptr()}},
            {"layer1", {net.join_20m.ptr(), net.layer1.ptr()}},
            {"layer2", {net.join_60m.ptr(), net.layer2.ptr()}},
            {"layer3", {net.layer3.ptr()}},
            {"layer4", {net.layer4.ptr()}},
            {"head", {net.fc.ptr()}}};
  BranchImpl& b20 = *net.branch_20m;
  BranchImpl& b60 = *net.branch_60m;
  return {{"stem", {net.conv1.ptr(), net.bn1.ptr(), b20.conv1.ptr(), b20.bn1.ptr(), b60.conv1.ptr(),
                    b60.bn1.ptr()}},
          {"layer1", {net.layer1.ptr(), b20.layer1.ptr(), b60.layer1.ptr()}},
          {"layer2", {net.layer2.ptr(), b20.layer2.ptr(), b60.layer2.ptr()}},
          {"layer3", {net.layer3.ptr(), b20.layer3.ptr(), b60.layer3.ptr()}},
          {"layer4", {net.layer4.ptr(), b20.layer4.ptr(), b60.layer4.ptr()}},
          {"head", {net.fc.ptr()}}};
}

}  // namespace eorun::resnet_fusion
