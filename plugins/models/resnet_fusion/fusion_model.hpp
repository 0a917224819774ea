// The resnet_fusion model behind the eorun::Model interface, and its declared parameters.
//
// The model takes the three input groups a dataset delivers when it keeps Sentinel-2 bands at
// their native sizes (bigearthnet with dataset.resample = "none"): one group at 10 m, one at 20 m
// and one at 60 m (found by InputGroup::resolution_m, in any order), whose sides are in the ratio
// 6:3:1 (they cover the same ground). A single resampled stack is refused with the setting that
// gives the groups.
//
// Groups (input to output; the same names as the resnet plugin's, so `last:K` means the same):
//   intermediate  stem (conv1, bn1), layer1 (join_20m, layer1), layer2 (join_60m, layer2),
//                 layer3, layer4, head (fc): a join belongs to the stage it feeds
//   late          stem (conv1, bn1 and the conv1, bn1 of branch_20m and branch_60m),
//                 layerK (layerK of the 10 m path and of both branches), head (fc)
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

#include "eorun/model.hpp"
#include "eorun/params.hpp"
#include "fusion_net.hpp"

namespace eorun::resnet_fusion {

inline constexpr ParamSpec kParams[] = {
    {"mode", ParamType::string, "\"intermediate\"", "[\"intermediate\", \"late\"]",
     "intermediate: 20 m bands join the 10 m ResNet after its first conv, 60 m bands after "
     "layer1; late: one ResNet per resolution, features concatenated before the classifier"},
    {"depth", ParamType::integer, "18", "[18, 34, 50]",
     "ResNet depth of every path: 18 or 34 (basic blocks), 50 (bottleneck blocks)"},
};

// The smallest 10 m patch side each mode trains on: every trunk's layer4 map must hold more than
// one value (batch norm cannot train a batch of one 1x1 map), and the sides must be in the ratio
// 6:3:1. Intermediate: the 10 m ResNet needs 33, so 36; late: the 60 m branch needs 9 pixels,
// so 54 at 10 m.
inline constexpr std::int64_t kMinimumSideIntermediate = 36;
inline constexpr std::int64_t kMinimumSideLate = 54;

// What options_from finds in the data: the network's options and, per resolution (10 m, 20 m,
// 60 m), the index of its group in ModelContext::inputs and Sample::inputs.
struct FusionSetup {
  FusionNetOptions options;
  std::array<std::size_t, kGroupCount> group_index{};
};

// Throws eorun::Error (subject "model resnet_fusion") when the dataset does not give exactly one
// group at each of 10 m, 20 m and 60 m, when their sides are not in the ratio 6:3:1, when the
// patches are smaller than the mode's minimum, or when it has no class.
FusionSetup options_from(const Params& params, const ModelContext& context);

class FusionModel final : public Model {
 public:
  explicit FusionModel(const FusionSetup& setup) : group_index_(setup.group_index), net_(setup.options) {}

  // One tensor per input group of the dataset, in its order. Throws eorun::Error for another
  // count, channel count or geometry.
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  std::vector<ModuleGroup> groups() override;

  FusionNet& net() { return net_; }

 private:
  std::array<std::size_t, kGroupCount> group_index_;
  FusionNet net_;
};

}  // namespace eorun::resnet_fusion
