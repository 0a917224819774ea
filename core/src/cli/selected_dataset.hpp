// The dataset a data command works on (`eorun data inspect`, `eorun data split`): the selection
// (--dataset/--root/--set or a run config's [dataset] section) resolved exactly as a run's
// [dataset] section, and its splits made through the plugin.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/app_context.hpp"
#include "cli/args/data_args.hpp"
#include "eorun/dataset.hpp"
#include "spec/run_spec.hpp"

namespace eorun {

class SelectedDataset {
 public:
  // Loads the catalogue and resolves the selection; throws eorun::Error (an ErrorList for
  // several bad keys) before any plugin code runs.
  SelectedDataset(const DatasetSelection& selection, const AppContext& context);

  const std::string& name() const { return section_.plugin->name; }
  const LoadedPlugin& plugin() const { return *section_.plugin; }
  // The resolved section: every key with its default, paths absolute, "plugin" included.
  const nlohmann::json& resolved() const { return section_.resolved; }

  // Split `split` ("train", "val" or "test") made by the plugin.
  std::shared_ptr<Dataset> open(const std::string& split) const;

  // Call from a catch (...) block around work that runs plugin code: rethrows the current
  // exception as the core's own eorun::Error. An error object made by a plugin lives in its
  // library's code (vtable, what()), which must not be unloaded while the error unwinds past
  // the catalogue that holds it.
  [[noreturn]] void rethrow_as_own_error() const;

 private:
  Catalogue catalogue_;
  DatasetSection section_;
};

}  // namespace eorun
