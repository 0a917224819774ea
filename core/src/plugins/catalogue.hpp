// The in-process plugin catalogue: every plugin found on the search path, loaded and checked.
//
// The catalogue owns each loaded library; every object a plugin makes co-owns its library
// (its shared_ptr's deleter holds the library handle), so no object outlives the code that
// defines it.
// This is the only global-ish state of eorun, and it is an ordinary object: tests make their own.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eorun/plugin.hpp"

namespace eorun {

inline constexpr PluginKind kAllPluginKinds[] = {PluginKind::model, PluginKind::dataset,
                                                  PluginKind::loss};

std::string_view to_string(PluginKind kind);  // "model", "dataset", "loss"
std::optional<PluginKind> plugin_kind_from_string(std::string_view text);

// A plugin that passed every check of the plugin contract.
struct LoadedPlugin {
  PluginKind kind;
  std::string name;
  std::string version;
  std::string summary;
  std::string torch_version;
  std::filesystem::path path;  // absolute, canonical
  std::string sha256;          // of the .so, computed once at load
  std::vector<ParamSpec> params;
  std::vector<ParamSpec> synth_params;  // datasets with a synth hook: its declared options
  const PluginDescriptor* descriptor = nullptr;
  std::shared_ptr<void> library;  // the boost::dll::shared_library, type-erased
};

// A library that was found but refused; `message` is one sentence naming the file, what was
// found and what was expected.
struct RefusedPlugin {
  std::filesystem::path path;
  std::string message;
};

class Catalogue {
 public:
  // The default search path, in order: the `plugins/` folder next to the running executable
  // (the build tree), the install's plugin folder relative to the executable (usually
  // `<exe_dir>/../lib/eorun/plugins`), every entry of EORUN_PLUGIN_PATH (colon-separated), then
  // `extra` (from --plugin-path). Folders that do not exist are kept here and skipped by discover.
  static std::vector<std::filesystem::path> default_search_path(
      const std::vector<std::filesystem::path>& extra);

  // Loads every `*.so` in the given folders, each folder's files sorted by name (a path naming a
  // file loads that file; a missing folder is skipped silently). A refused library is recorded in
  // refused() and does not stop the others; of two plugins with the same kind and name, the one
  // found first wins.
  static Catalogue discover(const std::vector<std::filesystem::path>& search_path);

  // Loads one library through every check, in order: file exists, loads, entry symbol present,
  // ABI version and descriptor size, LibTorch major.minor, kind known, name valid, version set,
  // parameter schema sound, name not taken by a plugin of the same kind, init does not throw,
  // factory of the kind set. On refusal returns the reason, also recorded in refused(); nothing
  // is added to plugins(). Loading a library that is already in is a no-op.
  std::optional<RefusedPlugin> load(const std::filesystem::path& path);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  const std::vector<RefusedPlugin>& refused() const { return refused_; }

  // Null when absent.
  const LoadedPlugin* find(PluginKind kind, std::string_view name) const;
  // Every plugin of that name, whatever its kind (in load order).
  std::vector<const LoadedPlugin*> find_any_kind(std::string_view name) const;
  // Throws eorun::Error when absent:
  //   "<kind> plugin 'x': not found; available: a, b; see `eorun plugins`".
  const LoadedPlugin& require(PluginKind kind, std::string_view name) const;
  // Names of the loaded plugins of `kind`, sorted.
  std::vector<std::string> names(PluginKind kind) const;

  // Make objects through the plugin's factory. Exceptions of the factory propagate (eorun::Error
  // as is; anything else wrapped into eorun::Error naming the plugin). Each object keeps its
  // library loaded.
  std::shared_ptr<Model> make_model(const LoadedPlugin& plugin, const Params& params,
                                    const ModelContext& context) const;
  std::shared_ptr<Dataset> make_dataset(const LoadedPlugin& plugin, const Params& params,
                                        const DatasetContext& context) const;
  std::shared_ptr<Loss> make_loss(const LoadedPlugin& plugin, const Params& params,
                                  const LossContext& context) const;

 private:
  std::vector<LoadedPlugin> plugins_;
  std::vector<RefusedPlugin> refused_;
};

}  // namespace eorun
