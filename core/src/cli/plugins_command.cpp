// eorun plugins [--format table|json]
// eorun plugins show NAME [--kind K] [--format table|json]
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "eorun/error.hpp"
#include "plugins/param_bounds.hpp"
#include "spec/param_schema.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

constexpr std::size_t kShortHash = 12;  // hex characters of sha256 shown in the table

// Plugins ordered for people: by kind (model, dataset, loss), then by name.
std::vector<const LoadedPlugin*> sorted_plugins(const Catalogue& catalogue) {
  std::vector<const LoadedPlugin*> plugins;
  for (const LoadedPlugin& plugin : catalogue.plugins()) plugins.push_back(&plugin);
  std::sort(plugins.begin(), plugins.end(), [](const LoadedPlugin* a, const LoadedPlugin* b) {
    if (a->kind != b->kind) return a->kind < b->kind;
    return a->name < b->name;
  });
  return plugins;
}

// Keys in the order people read them (name first), not sorted.
using OrderedJson = nlohmann::ordered_json;

OrderedJson summary_json(const LoadedPlugin& plugin) {
  return {{"name", plugin.name},
          {"kind", std::string(to_string(plugin.kind))},
          {"version", plugin.version},
          {"summary", plugin.summary},
          {"torch_version", plugin.torch_version},
          {"sha256", plugin.sha256},
          {"path", plugin.path.string()}};
}

// Where plugins were looked for, for the note printed when none was found.
std::string searched(const AppContext& context) {
  std::vector<std::filesystem::path> extra(context.plugin_paths.begin(),
                                           context.plugin_paths.end());
  std::string out;
  for (const auto& folder : Catalogue::default_search_path(extra))
    out += (out.empty() ? "" : ":") + folder.string();
  return out;
}

void list_plugins(const AppContext& context, const PluginsArgs& options) {
  const Catalogue catalogue = context.load_catalogue();
  const std::vector<const LoadedPlugin*> plugins = sorted_plugins(catalogue);
  if (plugins.empty())
    std::cerr << "eorun: no plugins found in " << searched(context)
              << "; build them, or point --plugin-path or EORUN_PLUGIN_PATH at a folder of "
                 "plugins\n";
  if (options.format == "json") {
    OrderedJson out = OrderedJson::array();
    for (const LoadedPlugin* plugin : plugins) out.push_back(summary_json(*plugin));
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (plugins.empty()) return;
  TextTable table({"name", "kind", "version", "sha256", "path"});
  for (const LoadedPlugin* plugin : plugins)
    table.add_row({plugin->name, std::string(to_string(plugin->kind)), plugin->version,
                   plugin->sha256.substr(0, kShortHash), plugin->path.string()});
  table.print(std::cout);
}

// "a (model), b (loss)", or "none".
std::string available_plugins(const Catalogue& catalogue) {
  std::string out;
  for (const LoadedPlugin* plugin : sorted_plugins(catalogue))
    out += (out.empty() ? "" : ", ") + plugin->name + " (" +
           std::string(to_string(plugin->kind)) + ")";
  return out.empty() ? "none" : out;
}

const LoadedPlugin& find_plugin(const Catalogue& catalogue, const PluginsArgs& options) {
  if (!options.kind.empty())
    return catalogue.require(*plugin_kind_from_string(options.kind), options.name);
  const std::vector<const LoadedPlugin*> found = catalogue.find_any_kind(options.name);
  const std::string subject = "plugin '" + options.name + "'";
  if (found.empty())
    throw Error(subject, "not found",
                "available: " + available_plugins(catalogue) + "; see `eorun plugins`");
  if (found.size() > 1) {
    std::string kinds;
    for (const LoadedPlugin* plugin : found)
      kinds += (kinds.empty() ? "--kind " : " or --kind ") + std::string(to_string(plugin->kind));
    throw Error(subject, "names plugins of several kinds", "pass " + kinds);
  }
  return *found.front();
}

// A schema value for people: the JSON text, "-" for none.
std::string allowed_text(const nlohmann::json& allowed) {
  if (allowed.empty()) return "-";
  std::string out;
  for (const auto& value : allowed) out += (out.empty() ? "" : ", ") + value.dump();
  return out;
}

OrderedJson bound_json(BoundKind kind, double value) {
  if (kind == BoundKind::none) return OrderedJson();
  return {{"value", value}, {"inclusive", kind == BoundKind::inclusive}};
}

OrderedJson params_json(const std::vector<ParamSpec>& specs) {
  OrderedJson out = OrderedJson::array();
  for (const ParamSpec& spec : specs) {
    const nlohmann::json allowed = param_allowed(spec);
    out.push_back({{"name", spec.name},
                   {"type", std::string(to_string(spec.type))},
                   {"default", OrderedJson(param_default(spec))},
                   {"allowed", allowed.empty() ? OrderedJson() : OrderedJson(allowed)},
                   {"min", bound_json(spec.min_kind, spec.min)},
                   {"max", bound_json(spec.max_kind, spec.max)},
                   {"doc", spec.doc != nullptr ? spec.doc : ""}});
  }
  return out;
}

void print_params(const std::vector<ParamSpec>& specs) {
  TextTable table({"parameter", "type", "default", "allowed", "range", "doc"});
  for (const ParamSpec& spec : specs) {
    const std::string range = bounds_text(spec);
    table.add_row({spec.name, std::string(to_string(spec.type)), param_default(spec).dump(),
                   allowed_text(param_allowed(spec)), range.empty() ? "-" : range,
                   spec.doc != nullptr ? spec.doc : ""});
  }
  table.print(std::cout);
}

void show_plugin(const AppContext& context, const PluginsArgs& options) {
  const Catalogue catalogue = context.load_catalogue();
  const LoadedPlugin& plugin = find_plugin(catalogue, options);
  const bool synth = plugin.descriptor->synthesize != nullptr;
  if (options.format == "json") {
    OrderedJson out = summary_json(plugin);
    out["params"] = params_json(plugin.params);
    if (plugin.kind == PluginKind::dataset) {
      out["synth"] = synth;
      out["synth_params"] = params_json(plugin.synth_params);
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << plugin.name << " (" << to_string(plugin.kind) << ") " << plugin.version;
  if (!plugin.summary.empty()) std::cout << ": " << plugin.summary;
  std::cout << "\n  path:     " << plugin.path.string() << "\n  sha256:   " << plugin.sha256
            << "\n  libtorch: " << plugin.torch_version << "\n";
  if (plugin.kind == PluginKind::dataset)
    std::cout << "  synth:    "
              << (synth ? "yes (eorun data synth --dataset " + plugin.name + " --out DIR)"
                        : std::string("no"))
              << "\n";
  std::cout << "\n";
  if (plugin.params.empty())
    std::cout << "(no parameters)\n";
  else
    print_params(plugin.params);
  if (!plugin.synth_params.empty()) {
    std::cout << "\nsynth parameters (eorun data synth --dataset " << plugin.name
              << " --set KEY=VALUE):\n";
    print_params(plugin.synth_params);
  }
}

}  // namespace

void execute(const PluginsArgs& args, AppContext& context) {
  switch (args.action) {
    case PluginsArgs::Action::list: list_plugins(context, args); break;
    case PluginsArgs::Action::show: show_plugin(context, args); break;
  }
}

}  // namespace eorun
