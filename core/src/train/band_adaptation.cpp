#include "train/band_adaptation.hpp"

#include <algorithm>

#include <torch/nn/module.h>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "util/joined.hpp"

namespace eorun {

namespace {


std::int64_t position_of(const std::vector<std::string>& names, const std::string& name) {
  const auto found = std::find(names.begin(), names.end(), name);
  return found == names.end() ? -1 : static_cast<std::int64_t>(found - names.begin());
}

}  // namespace

const std::vector<std::string>& band_adapt_names() {
  static const std::vector<std::string> names = {"by_name", "tile", "random", "conv1x1"};
  return names;
}

BandAdapt parse_band_adapt(const std::string& text) {
  const auto& names = band_adapt_names();
  const std::int64_t at = position_of(names, text);
  if (at < 0)
    throw Error("model.band_adapt", "'" + text + "' is not a band adaptation",
                "use one of: by_name, tile, random, conv1x1");
  return static_cast<BandAdapt>(at);
}

std::string band_adapt_text(BandAdapt method) {
  return band_adapt_names().at(static_cast<std::size_t>(method));
}

const std::vector<std::string>& imagenet_bands() {
  static const std::vector<std::string> bands = {"B04", "B03", "B02"};
  return bands;
}

std::optional<InputLayer> find_input_layer(const std::vector<CheckedGroup>& groups,
                                           torch::nn::Module& module, std::int64_t channels) {
  if (groups.empty()) return std::nullopt;
  const std::vector<std::string>& first = groups.front().parameter_names;
  for (const auto& item : module.named_parameters(/*recurse=*/true)) {
    if (std::find(first.begin(), first.end(), item.key()) == first.end()) continue;
    const auto shape = item.value().sizes().vec();
    if (shape.size() == 4 && shape[1] == channels) return InputLayer{item.key(), shape};
  }
  return std::nullopt;
}

std::string BandAdaptation::summary() const {
  std::string text;
  switch (method) {
    case BandAdapt::random:
      return "first layer (" + layer + ") freshly initialised for " + std::to_string(bands.size()) +
             " bands; pretrained on " + joined(pretrained_bands);
    case BandAdapt::conv1x1:
      return "1x1 convolution from " + std::to_string(bands.size()) + " bands to " +
             joined(pretrained_bands) + " in front of the pretrained network" +
             (copied.empty() ? "" : " (starts as " + joined(copied) + " passed through)");
    case BandAdapt::tile:
      return "the filters of " + joined(pretrained_bands) + " tiled over " +
             std::to_string(bands.size()) + " bands";
    case BandAdapt::by_name:
      text = joined(copied) + " copied";
      if (!filled.empty()) text += "; " + std::to_string(filled.size()) + " band" +
                                   (filled.size() == 1 ? "" : "s") + " filled by_name";
      return text;
  }
  return text;
}

BandAdaptation match_bands(BandAdapt method, const std::vector<std::string>& pretrained,
                           const std::vector<std::string>& bands) {
  BandAdaptation adaptation;
  adaptation.method = method;
  adaptation.pretrained_bands = pretrained;
  adaptation.bands = bands;
  for (const std::string& band : pretrained)
    if (position_of(bands, band) >= 0) adaptation.copied.push_back(band);
  for (const std::string& band : bands)
    if (position_of(pretrained, band) < 0) adaptation.filled.push_back(band);
  if (method == BandAdapt::random || method == BandAdapt::tile) {
    adaptation.filled = bands;
    adaptation.copied.clear();
  }
  return adaptation;
}

at::Tensor adapt_first_layer(const at::Tensor& source, const BandAdaptation& adaptation,
                             const std::string& subject) {
  torch::NoGradGuard no_grad;
  const std::int64_t pretrained = static_cast<std::int64_t>(adaptation.pretrained_bands.size());
  const std::int64_t bands = static_cast<std::int64_t>(adaptation.bands.size());
  const double scale = static_cast<double>(pretrained) / static_cast<double>(bands);
  if (adaptation.method == BandAdapt::tile) {
    if (bands == 1) return source.sum(1, /*keepdim=*/true);
    const std::int64_t repeats = (bands + pretrained - 1) / pretrained;
    return source.repeat({1, repeats, 1, 1}).narrow(1, 0, bands).mul(scale).contiguous();
  }
  if (adaptation.copied.empty())
    throw Error(subject,
                "no band in common: the weights were trained on " + joined(adaptation.pretrained_bands) +
                    ", this run reads " + joined(adaptation.bands),
                "name the weights' bands in model.pretrained_bands, or set model.band_adapt to "
                "\"tile\", \"random\" or \"conv1x1\"");
  std::vector<at::Tensor> columns;
  std::vector<at::Tensor> copied;
  for (const std::string& band : adaptation.copied)
    copied.push_back(source.narrow(1, position_of(adaptation.pretrained_bands, band), 1));
  const at::Tensor mean = torch::cat(copied, 1).mean(1, /*keepdim=*/true);
  for (const std::string& band : adaptation.bands) {
    const std::int64_t at = position_of(adaptation.pretrained_bands, band);
    columns.push_back(at >= 0 ? source.narrow(1, at, 1) : mean);
  }
  return torch::cat(columns, 1).mul(scale).contiguous();
}

}  // namespace eorun
