// Catalogue::load: one library through every check of the plugin contract, in order.
#include <dlfcn.h>

#include <exception>
#include <system_error>

#include <boost/dll/shared_library.hpp>

#include "plugins/catalogue.hpp"
#include "plugins/descriptor_check.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

using Library = boost::dll::shared_library;

constexpr const char* kCheckSearchPath =
    "check the path given to --plugin-path or EORUN_PLUGIN_PATH";

std::string dlopen_error() {
  const char* text = dlerror();
  return text != nullptr ? text : "the dynamic loader gave no reason";
}

// Calls the entry point; null (with `problem` set) when it throws or returns nothing.
const PluginDescriptor* call_entry(PluginEntry& entry, std::string& problem) {
  try {
    const PluginDescriptor* descriptor = entry();
    if (descriptor == nullptr) problem = "its entry point returned no descriptor";
    return descriptor;
  } catch (const std::exception& e) {
    problem = std::string("its entry point threw: ") + e.what();
  } catch (...) {
    problem = "its entry point threw something that is not a std::exception";
  }
  return nullptr;
}

// Runs the plugin's one-time set-up; the problem when it throws.
std::optional<std::string> run_init(void (*init)()) {
  if (init == nullptr) return std::nullopt;
  try {
    init();
  } catch (const std::exception& e) {
    return std::string("init failed: ") + e.what();
  } catch (...) {
    return std::string("init failed: it threw something that is not a std::exception");
  }
  return std::nullopt;
}

}  // namespace

std::optional<RefusedPlugin> Catalogue::load(const std::filesystem::path& requested) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(requested, ec).lexically_normal();
  auto refuse = [&](const std::string& problem, const std::string& remedy) {
    refused_.push_back(
        RefusedPlugin{path, Error("plugin " + path.string(), problem, remedy).what()});
    return std::optional<RefusedPlugin>(refused_.back());
  };

  // File exists.
  if (!std::filesystem::exists(path, ec)) return refuse("file not found", kCheckSearchPath);
  if (!std::filesystem::is_regular_file(path, ec))
    return refuse("is not a file", "name a plugin library (*.so) or a folder of them");
  if (std::filesystem::path canonical = std::filesystem::canonical(path, ec); !ec)
    path = std::move(canonical);
  for (const LoadedPlugin& loaded : plugins_)
    if (loaded.path == path) return std::nullopt;  // the same library, already in

  // Loads. RTLD_NOW: a missing symbol is reported here, not as a crash at first use.
  // RTLD_NODELETE: a plugin's code stays mapped until the process ends, so nothing made by it
  // (an exception unwinding past the catalogue, a vtable, a static) can outlive its code.
  auto library = std::make_shared<Library>();
  boost::dll::fs::error_code load_ec;
  const auto mode = static_cast<boost::dll::load_mode::type>(RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
  library->load(boost::dll::fs::path(path.string()), load_ec, mode);
  if (load_ec)
    return refuse("cannot be loaded: " + dlopen_error(),
                  "check that it is a shared library built for this system and that its "
                  "dependencies are installed (ldd " + path.string() + ")");

  // Symbol present.
  if (!library->has(EORUN_PLUGIN_ENTRY_SYMBOL))
    return refuse(std::string("no entry point: symbol `") + EORUN_PLUGIN_ENTRY_SYMBOL +
                      "` not found (is this an eorun plugin?)",
                  "export the descriptor with EORUN_PLUGIN(...) from eorun/plugin.hpp");
  std::string entry_problem;
  const PluginDescriptor* descriptor =
      call_entry(library->get_alias<PluginEntry>(EORUN_PLUGIN_ENTRY_SYMBOL), entry_problem);
  if (descriptor == nullptr) return refuse(entry_problem, "fix the plugin's entry point");

  // ABI version, descriptor size, LibTorch version, kind, name, version, parameter schema.
  if (auto refusal = check_descriptor(*descriptor))
    return refuse(refusal->problem, refusal->remedy);

  // Name not taken by another plugin of the same kind.
  if (const LoadedPlugin* other = find(descriptor->kind, descriptor->name))
    return refuse(std::string(to_string(descriptor->kind)) + " name '" + descriptor->name +
                      "' is already taken by " + other->path.string(),
                  "remove one of the two from the search path, or rename one");

  // Init does not throw; afterwards the declared factory is really there.
  if (auto problem = run_init(descriptor->init))
    return refuse(*problem, "fix the plugin, or remove it from the search path");
  if (auto refusal = check_factory(*descriptor)) return refuse(refusal->problem, refusal->remedy);

  std::string sha256;
  try {
    sha256 = sha256_file(path);
  } catch (const Error& e) {
    return refuse("cannot be hashed: " + e.problem(), e.remedy());
  }

  LoadedPlugin plugin;
  plugin.kind = descriptor->kind;
  plugin.name = descriptor->name;
  plugin.version = descriptor->version;
  plugin.summary = descriptor->summary != nullptr ? descriptor->summary : "";
  plugin.torch_version = descriptor->torch_version;
  plugin.path = path;
  plugin.sha256 = std::move(sha256);
  if (descriptor->param_count > 0)
    plugin.params.assign(descriptor->params, descriptor->params + descriptor->param_count);
  if (descriptor->synth_param_count > 0)
    plugin.synth_params.assign(descriptor->synth_params,
                               descriptor->synth_params + descriptor->synth_param_count);
  plugin.descriptor = descriptor;
  plugin.library = std::move(library);
  plugins_.push_back(std::move(plugin));
  return std::nullopt;
}

}  // namespace eorun
