#include "spec/run_spec.hpp"

#include <thread>

#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"

namespace eorun {

namespace {

constexpr const char* kSections[] = {"dataset", "model", "loss", "train"};

// Keys the core itself reads in a plugin section, declared like a plugin's.
const std::vector<ParamSpec>& core_keys(PluginKind kind) {
  static const std::vector<ParamSpec> dataset = {
      {"normalize", ParamType::string, "\"train_stats\"", "[\"train_stats\", \"none\"]",
       "per-band normalisation by the core: statistics pooled over the train split, or none"},
  };
  static const std::vector<ParamSpec> none;
  return kind == PluginKind::dataset ? dataset : none;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none found)" : out;
}

struct SectionResult {
  const LoadedPlugin* plugin = nullptr;
  nlohmann::json resolved;
  Params params;
};

SectionResult resolve_plugin_section(const std::string& section, PluginKind kind,
                                     const nlohmann::json& user, const Catalogue& catalogue,
                                     std::vector<Error>& errors) {
  SectionResult result;
  if (!user.is_object()) {
    errors.emplace_back("[" + section + "]", "missing",
                        "add a [" + section + "] table with plugin = \"...\" (available: " +
                            join(catalogue.names(kind)) + ")");
    return result;
  }
  auto plugin_key = user.find("plugin");
  if (plugin_key == user.end() || !plugin_key->is_string()) {
    errors.emplace_back(section + ".plugin", "missing or not a string",
                        "available " + std::string(to_string(kind)) + " plugins: " +
                            join(catalogue.names(kind)));
    return result;
  }
  const std::string name = plugin_key->get<std::string>();
  result.plugin = catalogue.find(kind, name);
  if (result.plugin == nullptr) {
    errors.emplace_back(section + ".plugin", "unknown " + std::string(to_string(kind)) +
                                                 " plugin '" + name + "'",
                        "available: " + join(catalogue.names(kind)) + "; see `eorun plugins`");
    return result;
  }
  nlohmann::json rest = user;
  rest.erase("plugin");
  std::vector<ParamSpec> schema = core_keys(kind);
  schema.insert(schema.end(), result.plugin->params.begin(), result.plugin->params.end());
  result.resolved = resolve_params(section, rest, schema, errors);
  nlohmann::json plugin_values = result.resolved;
  for (const ParamSpec& spec : core_keys(kind)) plugin_values.erase(spec.name);
  if (errors.empty())
    result.params = to_params(section, plugin_values, result.plugin->params);
  result.resolved["plugin"] = name;
  return result;
}

}  // namespace

RunSpec resolve_run_spec(const nlohmann::json& user, const Catalogue& catalogue) {
  std::vector<Error> errors;
  if (!user.is_object()) throw Error("config", "is not a table of sections", "see scripts/quickstart.toml");
  for (const auto& [key, value] : user.items()) {
    bool known = false;
    for (const char* s : kSections) known = known || key == s;
    if (!known)
      errors.emplace_back("[" + key + "]", "unknown section",
                          "valid sections: dataset, model, loss, train");
  }
  auto section = [&](const char* name) {
    auto it = user.find(name);
    return it == user.end() ? nlohmann::json() : *it;
  };
  RunSpec spec;
  SectionResult dataset = resolve_plugin_section("dataset", PluginKind::dataset, section("dataset"), catalogue, errors);
  SectionResult model = resolve_plugin_section("model", PluginKind::model, section("model"), catalogue, errors);
  SectionResult loss = resolve_plugin_section("loss", PluginKind::loss, section("loss"), catalogue, errors);
  nlohmann::json train_user = section("train").is_null() ? nlohmann::json::object() : section("train");
  nlohmann::json train = resolve_params("train", train_user, train_param_specs(), errors);
  if (errors.empty()) {
    if (train.at("threads").get<std::int64_t>() == 0)
      train["threads"] = static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency()));
    try {
      spec.train = train_settings_from(to_params("train", train, train_param_specs()));
    } catch (const Error& e) {
      errors.push_back(e);
    }
  }
  throw_if_any(std::move(errors));
  spec.json = {{"dataset", dataset.resolved}, {"model", model.resolved}, {"loss", loss.resolved},
               {"train", train}};
  spec.dataset = dataset.plugin;
  spec.model = model.plugin;
  spec.loss = loss.plugin;
  spec.dataset_params = dataset.params;
  spec.model_params = model.params;
  spec.loss_params = loss.params;
  spec.normalisation = dataset.resolved.at("normalize") == "none" ? Normalisation::none
                                                                  : Normalisation::train_stats;
  return spec;
}

}  // namespace eorun
