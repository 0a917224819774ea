#include "exec/dataset_synth.hpp"

#include <cmath>
#include <filesystem>

#include "eorun/parallel_for.hpp"
#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"

namespace eorun {

namespace {

std::string datasets_with_synth(const Catalogue& catalogue) {
  std::string names;
  for (const std::string& name : catalogue.names(PluginKind::dataset))
    if (catalogue.find(PluginKind::dataset, name)->descriptor->synthesize != nullptr)
      names += (names.empty() ? "" : ", ") + name;
  return names.empty() ? "none is installed" : names;
}

void check_request(const SynthRequest& request) {
  std::vector<Error> errors;
  if (request.out.empty()) errors.emplace_back("--out", "no output folder given", "pass --out DIR");
  if (request.samples < 1)
    errors.emplace_back("--patches", "must be at least 1, got " + std::to_string(request.samples),
                        "e.g. --patches 600");
  auto fraction_ok = [](double f) { return std::isfinite(f) && f >= 0.0 && f < 1.0; };
  if (!fraction_ok(request.val_fraction))
    errors.emplace_back("--val-fraction",
                        "must be in [0, 1), got " + std::to_string(request.val_fraction),
                        "e.g. --val-fraction 0.2");
  if (!fraction_ok(request.test_fraction))
    errors.emplace_back("--test-fraction",
                        "must be in [0, 1), got " + std::to_string(request.test_fraction),
                        "e.g. --test-fraction 0.2");
  if (request.threads < 0)
    errors.emplace_back("--threads",
                        "must be 0 (one per core) or more, got " + std::to_string(request.threads),
                        "e.g. --threads 4");
  throw_if_any(std::move(errors));
}

}  // namespace

SynthResult synthesize_dataset(const Catalogue& catalogue, const std::string& dataset,
                               SynthRequest request, const nlohmann::json& options) {
  const LoadedPlugin& plugin = catalogue.require(PluginKind::dataset, dataset);
  if (plugin.descriptor->synthesize == nullptr)
    throw Error("dataset plugin '" + dataset + "'",
                "cannot write a synthetic copy of its layout (it has no synth hook)",
                "datasets that can: " + datasets_with_synth(catalogue));
  check_request(request);
  std::vector<Error> errors;
  const nlohmann::json resolved = resolve_params("synth", options, plugin.synth_params, errors);
  throw_if_any(std::move(errors));
  const Params params = to_params("synth", resolved, plugin.synth_params);
  request.out = std::filesystem::absolute(request.out).lexically_normal().string();
  request.threads = static_cast<int>(worker_count(request.threads, 1 << 20));
  try {
    return plugin.descriptor->synthesize(request, params);
  } catch (const Error& e) {
    // Copied here: the plugin's exception object must not outlive a use of its library.
    throw Error(e.subject(), e.problem(), e.remedy());
  } catch (const std::exception& e) {
    throw Error("dataset plugin '" + dataset + "'", std::string("synth failed: ") + e.what(),
                "report it to the plugin's author");
  }
}

}  // namespace eorun
