#include "spec/run_spec.hpp"

#include <cctype>
#include <filesystem>
#include <thread>

#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"
#include "train/band_adaptation.hpp"
#include "train/finetune_level.hpp"

namespace eorun {

namespace {

constexpr const char* kSections[] = {"dataset", "model", "loss", "train"};

// Keys the core itself reads in a plugin section, declared like a plugin's.
const std::vector<ParamSpec>& core_keys(PluginKind kind) {
  static const std::vector<ParamSpec> dataset = {
      {"normalize", ParamType::string, "\"train_stats\"",
       "[\"train_stats\", \"reference\", \"none\"]",
       "per-band normalisation by the core: statistics pooled over the train split, the data "
       "set's published constants (\"reference\"), or none"},
      {"cache", ParamType::boolean, "false", nullptr,
       "read each split from its packed cache (built on first use in [paths] cache): the same "
       "samples from one memory-mapped file; changes speed, never results, so it is not part of "
       "the run's identity"},
  };
  static const std::vector<ParamSpec> model = {
      {"pretrained", ParamType::string, "\"\"", nullptr,
       "start from pretrained weights: \"run:<run id or unique prefix>\" (the best checkpoint of "
       "an earlier completed run) or \"file:PATH\" (a torch.save state dict or a .safetensors "
       "file); empty: random initial weights"},
      {"finetune", ParamType::string, "\"\"", nullptr,
       "which module groups train: \"scratch\", \"head\", \"all\" or \"last:K\" (empty: "
       "scratch without pretrained, all with it)"},
      {"pretrained_bands", ParamType::string_list, "[]", nullptr,
       "the bands the pretrained weights' first layer was trained on, in its channel order "
       "(empty: the parent run's bands, a file's eorun metadata, or B04,B03,B02 for a 3-band "
       "first layer)"},
      {"band_adapt", ParamType::string, "\"\"", nullptr,
       "fitting the pretrained first layer to this run's bands: \"by_name\" (the default with "
       "pretrained weights), \"tile\", \"random\" or \"conv1x1\""},
  };
  static const std::vector<ParamSpec> none;
  switch (kind) {
    case PluginKind::dataset: return dataset;
    case PluginKind::model: return model;
    default: return none;
  }
}

constexpr const char* kRunSource = "run:";
constexpr const char* kFileSource = "file:";

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// model.band_adapt and model.pretrained_bands mean something only with pretrained weights: they
// are left out of a spec without (so that such runs keep their identity) and refused there when
// set. With pretrained weights band_adapt defaults to by_name; pretrained_bands cannot be given
// for a parent run, whose bands the registry knows.
void resolve_band_adapt(nlohmann::json& model, const std::string& pretrained, std::vector<Error>& errors) {
  const std::string method = model.at("band_adapt").get<std::string>();
  const bool bands_given = !model.at("pretrained_bands").empty();
  if (pretrained.empty()) {
    if (!method.empty() || bands_given)
      errors.emplace_back(bands_given ? "model.pretrained_bands" : "model.band_adapt",
                          "applies to pretrained weights only, and model.pretrained is not set",
                          "set model.pretrained, or remove the key");
    model.erase("band_adapt");
    model.erase("pretrained_bands");
    return;
  }
  if (bands_given && starts_with(pretrained, kRunSource))
    errors.emplace_back("model.pretrained_bands", "is known from the parent run's record",
                        "remove it; it is for weights files");
  try {
    model["band_adapt"] = band_adapt_text(parse_band_adapt(method.empty() ? "by_name" : method));
  } catch (const Error& e) {
    errors.push_back(e);
  }
}

// model.pretrained must name a run ("run:<hex prefix>") or a file ("file:PATH", made absolute
// here); model.finetune gets its default and must agree with it. The prefix is resolved to a
// full run id by prepare_run (it needs the registry).
void resolve_finetune(nlohmann::json& model, std::vector<Error>& errors) {
  const std::string pretrained = model.at("pretrained").get<std::string>();
  const std::string remedy =
      "write \"run:<run id or unique prefix>\" (see `eorun query`) or \"file:PATH\" (a weights file)";
  if (starts_with(pretrained, kFileSource)) {
    const std::string path = pretrained.substr(std::string(kFileSource).size());
    if (path.empty()) {
      errors.emplace_back("model.pretrained", "'file:' names no file", remedy);
      return;
    }
    model["pretrained"] = kFileSource + std::filesystem::absolute(path).lexically_normal().string();
  } else if (!pretrained.empty()) {
    const std::string id = starts_with(pretrained, kRunSource) ? pretrained.substr(std::string(kRunSource).size()) : "";
    bool hex = !id.empty();
    for (char c : id) hex = hex && std::isxdigit(static_cast<unsigned char>(c)) != 0;
    if (!hex) {
      errors.emplace_back("model.pretrained", "'" + pretrained + "' names neither a run nor a file", remedy);
      return;
    }
  }
  resolve_band_adapt(model, pretrained, errors);
  std::string level = model.at("finetune").get<std::string>();
  if (level.empty()) level = default_finetune_level(!pretrained.empty());
  try {
    const FinetuneLevel parsed = parse_finetune_level(level);
    check_finetune_level(parsed, !pretrained.empty());
    model["finetune"] = parsed.text();
  } catch (const Error& e) {
    errors.push_back(e);
  }
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

nlohmann::json dataset_plugin_values(const nlohmann::json& section) {
  nlohmann::json values = section;
  values.erase("plugin");
  for (const ParamSpec& spec : core_keys(PluginKind::dataset)) values.erase(spec.name);
  return values;
}

DatasetSection resolve_dataset_section(const nlohmann::json& section, const Catalogue& catalogue) {
  std::vector<Error> errors;
  SectionResult result =
      resolve_plugin_section("dataset", PluginKind::dataset, section, catalogue, errors);
  throw_if_any(std::move(errors));
  return {result.plugin, std::move(result.resolved), std::move(result.params)};
}

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
  if (model.plugin != nullptr && errors.empty()) resolve_finetune(model.resolved, errors);
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
  const std::string pretrained = model.resolved.at("pretrained").get<std::string>();
  if (starts_with(pretrained, kRunSource)) spec.pretrained_run = pretrained.substr(std::string(kRunSource).size());
  if (starts_with(pretrained, kFileSource)) spec.pretrained_file = pretrained.substr(std::string(kFileSource).size());
  spec.finetune = parse_finetune_level(model.resolved.at("finetune").get<std::string>());
  if (!pretrained.empty()) {
    spec.band_adapt = parse_band_adapt(model.resolved.at("band_adapt").get<std::string>());
    spec.pretrained_bands = model.resolved.at("pretrained_bands").get<std::vector<std::string>>();
  }
  // dataset.cache changes how fast samples arrive, never which: it stays out of the spec (and so
  // out of the run's identity); the run records the caches it read instead.
  spec.data_cache = dataset.resolved.at("cache").get<bool>();
  spec.json["dataset"].erase("cache");
  const std::string normalize = dataset.resolved.at("normalize").get<std::string>();
  spec.normalisation = normalize == "none"        ? Normalisation::none
                       : normalize == "reference" ? Normalisation::reference
                                                  : Normalisation::train_stats;
  return spec;
}

}  // namespace eorun
