// Pretrained weights on other bands than the run's: the first layer's filters rewritten for the
// run's bands (model.band_adapt), knowing the band names of both sides.
//
//   by_name  filters of bands present on both sides are copied to their new positions, whatever
//            the order; every other band gets the mean of the copied filters. All filters are
//            then scaled by P/N (P pretrained bands, N run bands), so that for inputs of a common
//            mean the layer's expected output is the pretrained one's (exactly when every
//            pretrained band is among the run's).
//   tile     timm's rule, blind to names: the P filters repeated ceil(N/P) times along the input
//            axis, truncated to N, scaled by P/N (one band: the sum of the filters).
//   random   the first layer keeps the model's fresh, seeded weights; everything else is copied.
//   conv1x1  the network keeps the pretrained bands; a learned 1x1 convolution from the run's N
//            bands to the P pretrained ones goes in front (band_adapter_model.hpp).
//
// The first layer is the first parameter of the model's first group, in registration order,
// whose shape is [out, C, kh, kw] with C the first input group's band count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ATen/core/Tensor.h>

#include "train/model_groups.hpp"

namespace eorun {

enum class BandAdapt { by_name, tile, random, conv1x1 };

// "by_name", "tile", "random", "conv1x1"; parse throws eorun::Error (subject "model.band_adapt").
BandAdapt parse_band_adapt(const std::string& text);
std::string band_adapt_text(BandAdapt method);
const std::vector<std::string>& band_adapt_names();

// The bands an ImageNet (RGB) first layer was trained on, in torchvision's channel order.
const std::vector<std::string>& imagenet_bands();

struct InputLayer {
  std::string name;                 // full dotted name, e.g. "conv1.weight"
  std::vector<std::int64_t> shape;  // [out, C, kh, kw]
};

// The first layer of `model` (see above) for `channels` input bands; nullopt when the first group
// has no such parameter (a model whose first layer is not a convolution).
std::optional<InputLayer> find_input_layer(const std::vector<CheckedGroup>& groups,
                                           torch::nn::Module& module, std::int64_t channels);

// What band adaptation did, recorded with the run.
struct BandAdaptation {
  BandAdapt method = BandAdapt::by_name;
  std::string layer;                          // e.g. "conv1.weight"
  std::vector<std::string> pretrained_bands;  // the source's first layer, channel order
  std::vector<std::string> bands;             // the run's, channel order
  std::vector<std::string> copied;            // pretrained bands the run has (pretrained order)
  std::vector<std::string> filled;            // run bands given other filters (see above)
  std::string note;                           // how pretrained_bands were known, when assumed

  // "B04,B03,B02 copied; 9 bands filled by_name".
  std::string summary() const;
};

// The pretrained bands the run has (in pretrained order) and the run's other bands.
BandAdaptation match_bands(BandAdapt method, const std::vector<std::string>& pretrained,
                           const std::vector<std::string>& bands);

// The first-layer weight for the run's bands from `source` ([out, P, kh, kw], P ==
// adaptation.pretrained_bands.size()) by adaptation.method: by_name and tile only; the others
// keep the source layer out of the copy. Throws eorun::Error (subject `subject`) for by_name
// without any band in common, listing both sets.
at::Tensor adapt_first_layer(const at::Tensor& source, const BandAdaptation& adaptation,
                             const std::string& subject);

}  // namespace eorun
