#include "plugins/catalogue.hpp"

#include <algorithm>
#include <set>
#include <system_error>

#include "plugins/search_path.hpp"

namespace eorun {

Catalogue Catalogue::discover(const std::vector<std::filesystem::path>& search_path) {
  Catalogue catalogue;
  std::set<std::filesystem::path> seen;  // a folder listed twice loads (and warns) once
  for (const std::filesystem::path& entry : search_path) {
    for (const std::filesystem::path& file : plugin_files(entry)) {
      std::error_code ec;
      if (!seen.insert(std::filesystem::weakly_canonical(file, ec)).second) continue;
      catalogue.load(file);
    }
  }
  return catalogue;
}

const LoadedPlugin* Catalogue::find(PluginKind kind, std::string_view name) const {
  for (const LoadedPlugin& plugin : plugins_)
    if (plugin.kind == kind && plugin.name == name) return &plugin;
  return nullptr;
}

std::vector<const LoadedPlugin*> Catalogue::find_any_kind(std::string_view name) const {
  std::vector<const LoadedPlugin*> found;
  for (const LoadedPlugin& plugin : plugins_)
    if (plugin.name == name) found.push_back(&plugin);
  return found;
}

const LoadedPlugin& Catalogue::require(PluginKind kind, std::string_view name) const {
  if (const LoadedPlugin* plugin = find(kind, name)) return *plugin;
  std::string available;
  for (const std::string& other : names(kind)) available += (available.empty() ? "" : ", ") + other;
  throw Error(std::string(to_string(kind)) + " plugin '" + std::string(name) + "'", "not found",
              "available: " + (available.empty() ? std::string("none") : available) +
                  "; see `eorun plugins`");
}

std::vector<std::string> Catalogue::names(PluginKind kind) const {
  std::vector<std::string> out;
  for (const LoadedPlugin& plugin : plugins_)
    if (plugin.kind == kind) out.push_back(plugin.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace eorun
