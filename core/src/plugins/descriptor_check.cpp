#include "plugins/descriptor_check.hpp"

#include "plugins/catalogue.hpp"
#include "plugins/param_spec_check.hpp"
#include "plugins/plugin_name.hpp"

namespace eorun {

namespace {

constexpr const char* kRebuild = "rebuild the plugin against this eorun SDK";

bool is_known_kind(PluginKind kind) {
  for (PluginKind known : kAllPluginKinds)
    if (kind == known) return true;
  return false;
}

std::string known_kinds() {
  std::string out;
  for (PluginKind kind : kAllPluginKinds) {
    if (!out.empty()) out += ", ";
    out += std::string(to_string(kind)) + " (" + std::to_string(static_cast<std::uint32_t>(kind)) +
           ")";
  }
  return out;
}

}  // namespace

std::string_view torch_major_minor(std::string_view version) {
  const std::size_t first = version.find('.');
  if (first == std::string_view::npos) return version;
  return version.substr(0, version.find('.', first + 1));
}

std::optional<Refusal> check_descriptor(const PluginDescriptor& d) {
  if (d.abi_version != kAbiVersion)
    return Refusal{"wrong ABI version: got " + std::to_string(d.abi_version) +
                       ", this eorun supports " + std::to_string(kAbiVersion),
                   kRebuild};
  if (d.descriptor_size != sizeof(PluginDescriptor))
    return Refusal{"wrong descriptor size: got " + std::to_string(d.descriptor_size) +
                       " bytes, this eorun expects " + std::to_string(sizeof(PluginDescriptor)) +
                       " (same ABI version, different SDK headers)",
                   kRebuild};

  const std::string_view ours = TORCH_VERSION;
  if (d.torch_version == nullptr)
    return Refusal{"declares no LibTorch version, this eorun uses LibTorch " + std::string(ours),
                   kRebuild};
  if (torch_major_minor(d.torch_version) != torch_major_minor(ours))
    return Refusal{"built against LibTorch " + std::string(d.torch_version) +
                       ", this eorun uses LibTorch " + std::string(ours) +
                       " (major.minor must match)",
                   "rebuild the plugin against LibTorch " + std::string(torch_major_minor(ours))};

  if (!is_known_kind(d.kind))
    return Refusal{"unknown kind " + std::to_string(static_cast<std::uint32_t>(d.kind)) +
                       ", expected one of " + known_kinds(),
                   kRebuild};
  if (d.name == nullptr)
    return Refusal{"declares no name", "set `name` in the descriptor ([a-z0-9_]+)"};
  if (!is_valid_plugin_name(d.name))
    return Refusal{"invalid name '" + std::string(d.name) +
                       "': a plugin name uses only a-z, 0-9 and _",
                   "rename the plugin"};
  if (d.version == nullptr || *d.version == '\0')
    return Refusal{"declares no version", "set `version` in the descriptor, e.g. \"1.0.0\""};
  if (auto problem = check_param_specs(d.params, d.param_count))
    return Refusal{"broken parameter schema: " + *problem, "fix the plugin's ParamSpec array"};
  if (d.kind != PluginKind::dataset && (d.synthesize != nullptr || d.synth_param_count > 0))
    return Refusal{"declares a synth hook but is a " + std::string(to_string(d.kind)) +
                       " plugin (only datasets write synthetic copies)",
                   "remove with_synth(...) from the descriptor"};
  if (d.synthesize == nullptr && d.synth_param_count > 0)
    return Refusal{"declares synth parameters but no synth function",
                   "pass the synth function to with_synth(...)"};
  if (auto problem = check_param_specs(d.synth_params, d.synth_param_count))
    return Refusal{"broken synth parameter schema: " + *problem,
                   "fix the ParamSpec array given to with_synth(...)"};
  return std::nullopt;
}

std::optional<Refusal> check_factory(const PluginDescriptor& d) {
  const char* factory = nullptr;
  bool present = false;
  switch (d.kind) {
    case PluginKind::model: factory = "create_model"; present = d.create_model != nullptr; break;
    case PluginKind::dataset:
      factory = "create_dataset";
      present = d.create_dataset != nullptr;
      break;
    case PluginKind::loss: factory = "create_loss"; present = d.create_loss != nullptr; break;
  }
  if (present) return std::nullopt;
  return Refusal{"declares kind " + std::string(to_string(d.kind)) + " but its " + factory +
                     " factory is null",
                 std::string("set ") + factory + " in the descriptor"};
}

}  // namespace eorun
