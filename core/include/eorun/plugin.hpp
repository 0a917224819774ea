// eorun plugin SDK: the plugin descriptor and the one exported entry point.
//
// A plugin library exports exactly one symbol, `eorun_plugin_entry` (a Boost.DLL alias made by
// EORUN_PLUGIN), naming a function that returns a pointer to a static PluginDescriptor.
// The loader reads `abi_version` and `descriptor_size` first and reads nothing else unless they
// match this header, then checks the LibTorch version, the kind, the name, and finally runs
// `init` (if any) inside try/catch. A refused plugin is reported, never crashes the runtime.
//
// When kAbiVersion is bumped: any change to PluginDescriptor, ParamSpec, ParamType, Params,
// Sample, DatasetInfo, DatasetContext, Dataset, ModelContext, ParameterGroup, Model, LossContext
// or Loss (a field, a virtual function, an enumerator, their order). Adding a new SDK header that
// changes none of these does not bump it.
#pragma once

#include <cstddef>
#include <cstdint>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <torch/version.h>

#include "eorun/dataset.hpp"
#include "eorun/loss.hpp"
#include "eorun/model.hpp"
#include "eorun/params.hpp"

namespace eorun {

inline constexpr std::uint32_t kAbiVersion = 1;

enum class PluginKind : std::uint32_t { model = 1, dataset = 2, loss = 3 };

struct PluginDescriptor {
  std::uint32_t abi_version;      // kAbiVersion the plugin was built with
  std::uint32_t descriptor_size;  // sizeof(PluginDescriptor) the plugin was built with
  PluginKind kind;
  const char* name;           // unique within its kind, [a-z0-9_]+
  const char* version;        // the plugin's own version, e.g. "1.0.0"
  const char* torch_version;  // TORCH_VERSION the plugin was compiled against
  const char* summary;        // one line, shown by `eorun plugins`
  const ParamSpec* params;    // declared parameters (may be null when param_count is 0)
  std::size_t param_count;
  // Optional one-time set-up, run once at load inside try/catch. Null when not needed.
  void (*init)();
  // Exactly the factory of `kind` is set; the others are null. Each returns an object made with
  // `new`; the core owns it and keeps the library loaded for as long as the object lives.
  Model* (*create_model)(const Params& params, const ModelContext& context);
  Dataset* (*create_dataset)(const Params& params, const DatasetContext& context);
  Loss* (*create_loss)(const Params& params, const LossContext& context);
};

// The descriptor of a plugin with the fields that must match this SDK filled in.
constexpr PluginDescriptor make_descriptor(PluginKind kind, const char* name, const char* version,
                                           const char* summary, const ParamSpec* params,
                                           std::size_t param_count) {
  return PluginDescriptor{kAbiVersion, sizeof(PluginDescriptor), kind, name, version,
                          TORCH_VERSION, summary, params, param_count, nullptr,
                          nullptr, nullptr, nullptr};
}

using PluginEntry = const PluginDescriptor*();

}  // namespace eorun

// Name of the exported alias the loader looks up.
#define EORUN_PLUGIN_ENTRY_SYMBOL "eorun_plugin_entry"

// Export `function` (a `const eorun::PluginDescriptor* function()`) as the plugin's entry point.
// Use it once per plugin library, at namespace scope.
#define EORUN_PLUGIN(function) BOOST_DLL_ALIAS(function, eorun_plugin_entry)
