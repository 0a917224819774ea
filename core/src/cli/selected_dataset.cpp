#include "cli/selected_dataset.hpp"

#include <exception>

#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "spec/toml_to_json.hpp"
#include "sweep/sweep_plan.hpp"

namespace eorun {

namespace {

// The user's [dataset] section: the config's, then --dataset, --root and --set over it.
nlohmann::json user_section(const DatasetSelection& selection) {
  nlohmann::json section = nlohmann::json::object();
  if (!selection.config.empty()) {
    const nlohmann::json config = load_toml_as_json(selection.config);
    auto it = config.find("dataset");
    if (it == config.end() || !it->is_object())
      throw Error("--config", "'" + selection.config + "' has no [dataset] section",
                  "give a run config with a [dataset] table, or --dataset NAME");
    section = *it;
  }
  if (!selection.dataset.empty()) section["plugin"] = selection.dataset;
  if (!section.contains("plugin"))
    throw Error("--dataset", "no dataset plugin given",
                "name one with --dataset NAME (see `eorun plugins`) or give --config RUN.toml");
  if (!selection.root.empty()) section["root"] = selection.root;
  const nlohmann::json overrides = parse_overrides(selection.params);
  for (const auto& [key, value] : overrides.items()) section[key] = value;
  return section;
}

}  // namespace

SelectedDataset::SelectedDataset(const DatasetSelection& selection, const AppContext& context)
    : catalogue_(context.load_catalogue()) {
  const nlohmann::json section = user_section(selection);
  section_ = resolve_dataset_section(section, catalogue_);
}

std::shared_ptr<Dataset> SelectedDataset::open(const std::string& split) const {
  try {
    return catalogue_.make_dataset(*section_.plugin, section_.params, DatasetContext{split});
  } catch (...) {
    rethrow_as_own_error();
  }
}

void SelectedDataset::rethrow_as_own_error() const {
  try {
    throw;
  } catch (const ErrorList& e) {
    throw ErrorList(e);
  } catch (const Error& e) {
    throw Error(e.subject(), e.problem(), e.remedy());
  } catch (const std::exception& e) {
    throw Error("dataset plugin '" + name() + "'", e.what(), "report it to its author");
  }
}

}  // namespace eorun
