// model.band_adapt = "conv1x1": a learned 1x1 convolution from the run's N bands to the P bands
// the pretrained network was trained on, in front of that network (built by its plugin for the P
// bands). Its parameters are "band_adapter.weight" and "band_adapter.bias" beside the network's
// own names, which stay as they are; they form the first group, "band_adapter", which is new and
// trains at every fine-tuning level.
//
// Its start is deterministic: a run band that is a pretrained band passes straight through to it
// (weight 1), a pretrained band the run lacks starts as the mean of the run's bands, the bias is 0.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eorun/model.hpp"

namespace eorun {

inline constexpr const char* kBandAdapterGroup = "band_adapter";

// The network `inner` (made for `pretrained_bands` in its first input group) behind an adapter
// from `bands`. Only the first input group is adapted; the others pass as they are.
std::shared_ptr<Model> with_band_adapter(std::shared_ptr<Model> inner, const std::vector<std::string>& bands,
                                         const std::vector<std::string>& pretrained_bands);

}  // namespace eorun
