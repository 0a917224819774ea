// eorun plugin SDK: the plugin descriptor and the one exported entry point.
//
// A plugin library exports exactly one symbol, `eorun_plugin_entry` (a Boost.DLL alias), naming a
// function that returns a pointer to a static PluginDescriptor. The loader reads `abi_version` and
// `descriptor_size` first and reads nothing else unless they match this header, then checks the
// LibTorch version, the kind, the name, the parameter schemas, and finally runs `init` (if any)
// inside try/catch. A refused plugin is reported, never crashes the runtime.
//
// Declaring a plugin takes one line after its factory (see README, "Writing a plugin"):
//
//   EORUN_DECLARE_PLUGIN(eorun::model_plugin("mynet", "0.1.0", "what it is", kParams, &create))
//
// and for a dataset with a one-time set-up and a synthetic-copy hook:
//
//   EORUN_DECLARE_PLUGIN(eorun::dataset_plugin("mydata", "1.0.0", "...", kParams, &create)
//                            .with_init(&setup)
//                            .with_synth(&write_copy, kSynthParams))
//
// When kAbiVersion is bumped: any change to the layout or meaning of PluginDescriptor, ParamSpec,
// ParamType, BoundKind, Params, ParamValue, Sample, InputGroup, DatasetInfo, DatasetContext,
// Dataset, ModelContext, ModuleGroup, Model, LossContext, Loss, SynthRequest, SynthResult or
// SynthFunction (a field, a virtual function, an enumerator, their order or type). Adding a new
// SDK header that changes none of these, or an inline helper function, does not bump it.
// History: 1 = the first SDK; 2 = module groups, bounded and list parameters, input groups with
// band names and resolution, train-split counts for losses, the synth hook; 3 = published
// reference statistics and reader notes in DatasetInfo, Dataset::sample_id and Dataset::group.
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
#include "eorun/synth.hpp"

namespace eorun {

inline constexpr std::uint32_t kAbiVersion = 3;

enum class PluginKind : std::uint32_t { model = 1, dataset = 2, loss = 3 };

// Factories return an object made with `new`; the core owns it and keeps the library loaded for
// as long as the object lives.
using ModelFactory = Model* (*)(const Params& params, const ModelContext& context);
using DatasetFactory = Dataset* (*)(const Params& params, const DatasetContext& context);
using LossFactory = Loss* (*)(const Params& params, const LossContext& context);

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
  // Exactly the factory of `kind` is set; the others are null.
  ModelFactory create_model;
  DatasetFactory create_dataset;
  LossFactory create_loss;
  // Dataset plugins only, optional: writes a synthetic copy of the plugin's on-disk layout
  // (see synth.hpp), with its own declared parameters.
  SynthFunction synthesize;
  const ParamSpec* synth_params;
  std::size_t synth_param_count;

  constexpr PluginDescriptor with_init(void (*function)()) const {
    PluginDescriptor d = *this;
    d.init = function;
    return d;
  }
  constexpr PluginDescriptor with_synth(SynthFunction function, const ParamSpec* synth_specs,
                                        std::size_t count) const {
    PluginDescriptor d = *this;
    d.synthesize = function;
    d.synth_params = synth_specs;
    d.synth_param_count = count;
    return d;
  }
  template <std::size_t N>
  constexpr PluginDescriptor with_synth(SynthFunction function,
                                        const ParamSpec (&synth_specs)[N]) const {
    return with_synth(function, synth_specs, N);
  }
  constexpr PluginDescriptor with_synth(SynthFunction function) const {
    return with_synth(function, nullptr, 0);
  }
};

// The descriptor of a plugin with the fields that must match this SDK filled in and no factory.
constexpr PluginDescriptor make_descriptor(PluginKind kind, const char* name, const char* version,
                                           const char* summary, const ParamSpec* params,
                                           std::size_t param_count) {
  return PluginDescriptor{kAbiVersion, sizeof(PluginDescriptor), kind, name, version,
                          TORCH_VERSION, summary, params, param_count, nullptr,
                          nullptr, nullptr, nullptr, nullptr, nullptr, 0};
}

// A model, dataset or loss plugin's descriptor, its factory set. Parameters as a static array
// (or none).
constexpr PluginDescriptor model_plugin(const char* name, const char* version, const char* summary,
                                        const ParamSpec* params, std::size_t count,
                                        ModelFactory create) {
  PluginDescriptor d = make_descriptor(PluginKind::model, name, version, summary, params, count);
  d.create_model = create;
  return d;
}
template <std::size_t N>
constexpr PluginDescriptor model_plugin(const char* name, const char* version, const char* summary,
                                        const ParamSpec (&params)[N], ModelFactory create) {
  return model_plugin(name, version, summary, params, N, create);
}
constexpr PluginDescriptor model_plugin(const char* name, const char* version, const char* summary,
                                        ModelFactory create) {
  return model_plugin(name, version, summary, nullptr, 0, create);
}

constexpr PluginDescriptor dataset_plugin(const char* name, const char* version,
                                          const char* summary, const ParamSpec* params,
                                          std::size_t count, DatasetFactory create) {
  PluginDescriptor d = make_descriptor(PluginKind::dataset, name, version, summary, params, count);
  d.create_dataset = create;
  return d;
}
template <std::size_t N>
constexpr PluginDescriptor dataset_plugin(const char* name, const char* version,
                                          const char* summary, const ParamSpec (&params)[N],
                                          DatasetFactory create) {
  return dataset_plugin(name, version, summary, params, N, create);
}
constexpr PluginDescriptor dataset_plugin(const char* name, const char* version,
                                          const char* summary, DatasetFactory create) {
  return dataset_plugin(name, version, summary, nullptr, 0, create);
}

constexpr PluginDescriptor loss_plugin(const char* name, const char* version, const char* summary,
                                       const ParamSpec* params, std::size_t count,
                                       LossFactory create) {
  PluginDescriptor d = make_descriptor(PluginKind::loss, name, version, summary, params, count);
  d.create_loss = create;
  return d;
}
template <std::size_t N>
constexpr PluginDescriptor loss_plugin(const char* name, const char* version, const char* summary,
                                       const ParamSpec (&params)[N], LossFactory create) {
  return loss_plugin(name, version, summary, params, N, create);
}
constexpr PluginDescriptor loss_plugin(const char* name, const char* version, const char* summary,
                                       LossFactory create) {
  return loss_plugin(name, version, summary, nullptr, 0, create);
}

using PluginEntry = const PluginDescriptor*();

}  // namespace eorun

// Name of the exported alias the loader looks up.
#define EORUN_PLUGIN_ENTRY_SYMBOL "eorun_plugin_entry"

// Export `function` (a `const eorun::PluginDescriptor* function()`) as the plugin's entry point.
// Use it once per plugin library, at global namespace scope.
#define EORUN_PLUGIN(function) BOOST_DLL_ALIAS(function, eorun_plugin_entry)

// Declares the plugin of this library from a descriptor expression (model_plugin(...),
// dataset_plugin(...), loss_plugin(...), optionally with .with_init(...) / .with_synth(...)) and
// exports its entry point. Use it once per plugin library, at global namespace scope.
#define EORUN_DECLARE_PLUGIN(...)                                        \
  namespace {                                                            \
  const ::eorun::PluginDescriptor eorun_declared_plugin_ = __VA_ARGS__;  \
  const ::eorun::PluginDescriptor* eorun_declared_plugin_entry_() {      \
    return &eorun_declared_plugin_;                                      \
  }                                                                      \
  }                                                                      \
  EORUN_PLUGIN(eorun_declared_plugin_entry_)
