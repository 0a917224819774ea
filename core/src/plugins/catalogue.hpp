// The in-process plugin catalogue: every plugin found on the search path, loaded and checked.
//
// The catalogue owns each loaded library; every object a plugin makes co-owns its library
// (a shared_ptr aliasing the library handle), so no object outlives the code that defines it.
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

std::string_view to_string(PluginKind kind);
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
  // (the build tree), `<prefix>/lib/eorun/plugins` (an install), every entry of
  // EORUN_PLUGIN_PATH (colon-separated), then `extra` (from --plugin-path).
  static std::vector<std::filesystem::path> default_search_path(
      const std::vector<std::filesystem::path>& extra);

  // Loads every `*.so` in the given folders (a path naming a file loads that file). A refused
  // library is recorded in refused() and does not stop the others.
  static Catalogue discover(const std::vector<std::filesystem::path>& search_path);

  // Loads one library through every check; on refusal returns the reason (nothing is added).
  std::optional<RefusedPlugin> load(const std::filesystem::path& path);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  const std::vector<RefusedPlugin>& refused() const { return refused_; }

  // Null when absent.
  const LoadedPlugin* find(PluginKind kind, std::string_view name) const;
  // Throws eorun::Error "unknown <kind> plugin 'x'; available: a, b" when absent.
  const LoadedPlugin& require(PluginKind kind, std::string_view name) const;
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
