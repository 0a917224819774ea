#include "exec/starting_model.hpp"

#include <set>

#include <torch/torch.h>

#include "exec/run_preparation.hpp"
#include "train/band_adaptation.hpp"
#include "train/band_adapter_model.hpp"
#include "train/checkpoint.hpp"
#include "train/pretrained_weights.hpp"
#include "util/joined.hpp"
#include "weights/weights_file.hpp"

namespace eorun {

namespace {

// Pretrained weights named like the model, and what is known of them.
struct WeightsSource {
  std::string what;     // "file PATH", "run abc's checkpoint"
  std::string subject;  // "model.pretrained: " + what
  NamedTensors tensors;
  PretrainedCoverage coverage = PretrainedCoverage::exact;
  std::vector<std::string> bands;  // of the first layer, when the source says
  std::string bands_from;          // where `bands` came from
  std::optional<bool> head_reinitialised;  // known for a parent run from its classes
  Lineage lineage;                         // the source's part of the record
};

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::string name;
  for (char c : text) {
    if (c != ',') {
      name += c;
      continue;
    }
    names.push_back(name);
    name.clear();
  }
  if (!name.empty()) names.push_back(name);
  return names;
}

WeightsSource parent_source(const ParentRun& parent, const DatasetInfo& info) {
  WeightsSource source;
  source.what = "run " + parent.run_id.substr(0, 12) + "'s checkpoint";
  source.subject = "model.pretrained: " + source.what;
  source.tensors = read_checkpoint_tensors(parent.checkpoint);
  source.bands = parent.bands;
  source.bands_from = "the parent run's record";
  source.head_reinitialised = head_is_reinitialised(parent, info);
  source.lineage.parent_run_id = parent.run_id;
  source.lineage.checkpoint_sha256 = parent.checkpoint_sha256;
  return source;
}

WeightsSource file_source(const std::string& path, torch::nn::Module& module) {
  WeightsSource source;
  source.what = "file " + path;
  source.subject = "model.pretrained: " + source.what;
  const WeightsFile file = read_weights_file(path);
  std::set<std::string> names;
  for (const auto& entry : tensor_shapes(module)) names.insert(entry.first);
  KeyMatch match = match_model_keys(file.tensors, names, source.subject);
  source.tensors = std::move(match.tensors);
  source.coverage = PretrainedCoverage::partial;
  const auto bands = file.metadata.find("bands");
  if (bands != file.metadata.end()) {
    source.bands = split_names(bands->second);
    source.bands_from = "the file's metadata";
  }
  source.lineage.file = WeightsFileSource{path, file.format, file.found_under, match.prefix, {}, {}};
  return source;
}


// The bands the source's first layer (`channels` of them) was trained on, and a note when they
// are assumed rather than known.
std::pair<std::vector<std::string>, std::string> pretrained_bands_of(
    const RunSpec& spec, const WeightsSource& source, const InputLayer& layer, std::int64_t channels,
    const std::vector<std::string>& run_bands) {
  const std::string takes = "the first layer " + layer.name + " of " + source.what +
                            " takes " + std::to_string(channels) + " bands";
  auto check = [&](const std::vector<std::string>& names, const std::string& subject, const std::string& remedy) {
    if (static_cast<std::int64_t>(names.size()) != channels)
      throw Error(subject, "names " + std::to_string(names.size()) + " bands (" + joined(names) + "), but " + takes,
                  remedy);
    return names;
  };
  if (!spec.pretrained_bands.empty())
    return {check(spec.pretrained_bands, "model.pretrained_bands", "name one band per input channel of that layer"), ""};
  if (!source.bands.empty())
    return {check(source.bands, source.subject, "the weights do not match " + source.bands_from +
                                                    "; set model.pretrained_bands"),
            ""};
  if (channels == 3)
    return {imagenet_bands(), "assumed ImageNet RGB (B04,B03,B02) for a 3-band first layer; set "
                              "model.pretrained_bands when the weights saw other bands"};
  if (channels == static_cast<std::int64_t>(run_bands.size()))
    return {run_bands, "assumed to be this run's bands in its order; set model.pretrained_bands to "
                       "have them checked"};
  throw Error("model.pretrained_bands", "is not set, and " + takes + " that the weights do not name",
              "list them in the layer's channel order, e.g. pretrained_bands = [\"B02\", \"B03\", ...]");
}

BandAdaptationRecord record_of(const BandAdaptation& adaptation) {
  return {band_adapt_text(adaptation.method), adaptation.layer, adaptation.pretrained_bands,
          adaptation.bands, adaptation.copied, adaptation.filled, adaptation.note, adaptation.summary()};
}

// Rewrites the source's first layer for the run's bands (or, for conv1x1, puts the adapter in
// front of a network made for the source's bands). Returns what was done; nullopt when the
// source has no first layer to fit. `fresh` collects the model tensors that keep their seeded
// start although the source covers the model (they are put into the source as they are).
std::optional<BandAdaptation> fit_first_layer(const RunSpec& spec, const DatasetInfo& info,
                                              const Catalogue& catalogue, StartingModel& start,
                                              WeightsSource& source, std::set<std::string>& fresh) {
  if (info.inputs.empty()) return std::nullopt;
  const std::vector<std::string>& run_bands = info.inputs.front().bands;
  const auto layer = find_input_layer(start.groups, *start.model->module(),
                                      static_cast<std::int64_t>(run_bands.size()));
  if (!layer) return std::nullopt;
  const auto weights = source.tensors.find(layer->name);
  if (weights == source.tensors.end() || weights->second.dim() != 4) return std::nullopt;
  const std::int64_t channels = weights->second.size(1);
  auto [pretrained, note] = pretrained_bands_of(spec, source, *layer, channels, run_bands);
  BandAdaptation adaptation = match_bands(spec.band_adapt, pretrained, run_bands);
  adaptation.layer = layer->name;
  adaptation.note = note;
  switch (spec.band_adapt) {
    case BandAdapt::by_name:
    case BandAdapt::tile:
      weights->second = adapt_first_layer(weights->second, adaptation, "model.band_adapt");
      break;
    case BandAdapt::random:
      fresh.insert(layer->name);
      break;
    case BandAdapt::conv1x1: {
      ModelContext context = model_context_of(info);
      context.inputs.front().bands = pretrained;
      context.inputs.front().shape.at(0) = channels;
      std::shared_ptr<Model> inner = catalogue.make_model(*spec.model, spec.model_params, context);
      start.model = with_band_adapter(std::move(inner), run_bands, pretrained);
      start.groups = checked_groups(*start.model, "model plugin '" + spec.model->name + "'");
      start.new_groups = {kBandAdapterGroup};
      for (const std::string& name : start.groups.front().parameter_names) fresh.insert(name);
      break;
    }
  }
  for (const auto& item : start.model->module()->named_parameters(/*recurse=*/true))
    if (fresh.count(item.key()) != 0) source.tensors[item.key()] = item.value().detach().clone();
  return adaptation;
}

}  // namespace

StartingModel make_starting_model(const RunSpec& spec, const DatasetInfo& info, const Catalogue& catalogue,
                                  const ParentRun* parent, bool copy) {
  StartingModel start;
  start.model = catalogue.make_model(*spec.model, spec.model_params, model_context_of(info));
  start.groups = checked_groups(*start.model, "model plugin '" + spec.model->name + "'");
  std::optional<WeightsSource> source;
  if (parent != nullptr && !parent->checkpoint.empty()) source = parent_source(*parent, info);
  if (!spec.pretrained_file.empty()) source = file_source(spec.pretrained_file, *start.model->module());
  if (!source) return start;
  std::set<std::string> fresh;
  const std::optional<BandAdaptation> adaptation = fit_first_layer(spec, info, catalogue, start, *source, fresh);
  torch::nn::Module& module = *start.model->module();
  const auto shapes = tensor_shapes(module);
  const CheckedGroup& head = start.groups.back();
  const bool reinitialise_head = source->head_reinitialised ? *source->head_reinitialised
                                                            : head_differs(shapes, head, source->tensors);
  PretrainedLoad load = copy ? load_pretrained(module, head, source->tensors, reinitialise_head,
                                               source->subject, source->coverage)
                             : check_pretrained_fits(shapes, head, source->tensors, reinitialise_head,
                                                     source->subject, source->coverage);
  start.lineage = source->lineage;
  Lineage& lineage = *start.lineage;
  lineage.head_reinitialised = load.head_reinitialised;
  lineage.tensors_loaded = static_cast<std::int64_t>(load.tensors_loaded - fresh.size());
  if (lineage.file) {
    lineage.file->missing = load.missing;
    lineage.file->unexpected = load.unexpected;
  }
  if (adaptation) lineage.band_adaptation = record_of(*adaptation);
  return start;
}

}  // namespace eorun
