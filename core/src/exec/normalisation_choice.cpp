#include "exec/normalisation_choice.hpp"

#include "eorun/error.hpp"

namespace eorun {

const char* normalisation_name(Normalisation method) {
  switch (method) {
    case Normalisation::train_stats: return "train_stats";
    case Normalisation::reference: return "reference";
    case Normalisation::none: return "none";
  }
  return "?";
}

void check_normalisation(Normalisation method, const DatasetInfo& info,
                         const std::string& dataset_name) {
  if (method != Normalisation::reference) return;
  const ReferenceStats& reference = info.reference;
  const std::size_t channels = info.band_names().size();
  std::string bands;
  for (const std::string& band : info.band_names()) bands += (bands.empty() ? "" : ",") + band;
  if (reference.empty())
    throw Error("dataset.normalize",
                "dataset '" + dataset_name + "' publishes no reference statistics for bands " +
                    bands,
                "use normalize = \"train_stats\" (pooled over the train split) or a band "
                "selection with published constants");
  if (reference.mean.size() != channels || reference.std.size() != channels)
    throw Error("dataset plugin '" + dataset_name + "'",
                "its reference statistics have " + std::to_string(reference.mean.size()) +
                    " means and " + std::to_string(reference.std.size()) + " deviations for " +
                    std::to_string(channels) + " channels",
                "report it to the plugin's author; use normalize = \"train_stats\" meanwhile");
  for (double deviation : reference.std)
    if (!(deviation > 0))
      throw Error("dataset plugin '" + dataset_name + "'",
                  "its reference statistics hold a standard deviation that is not positive",
                  "report it to the plugin's author; use normalize = \"train_stats\" meanwhile");
}

RunNormalisation choose_normalisation(Normalisation method, const Dataset& train,
                                      const std::string& dataset_name, const std::string& data_key,
                                      const std::filesystem::path& cache_dir, int threads) {
  const DatasetInfo& info = train.info();
  RunNormalisation out;
  out.method = normalisation_name(method);
  switch (method) {
    case Normalisation::train_stats:
      out.stats = load_or_compute_band_stats(train, data_key, cache_dir, threads);
      out.source = "pooled over every pixel of the " + std::to_string(train.size()) +
                   " train samples (cached as stats/" + data_key + ".json)";
      break;
    case Normalisation::reference:
      check_normalisation(method, info, dataset_name);
      out.stats = {info.reference.mean, info.reference.std};
      out.source = "published constants of " + dataset_name + ": " + info.reference.source;
      break;
    case Normalisation::none:
      out.stats = identity_band_stats(info.band_names().size());
      out.source = "none (mean 0, std 1)";
      break;
  }
  return out;
}

}  // namespace eorun
