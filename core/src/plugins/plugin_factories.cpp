// Catalogue::make_model/make_dataset/make_loss: objects made by a plugin, co-owning its library.
#include <exception>

#include "plugins/catalogue.hpp"

namespace eorun {

namespace {

std::string subject_of(const LoadedPlugin& plugin) {
  return std::string(to_string(plugin.kind)) + " plugin '" + plugin.name + "'";
}

// Deletes an object made by a plugin, then lets go of the plugin's library: the library is
// unloaded (when nothing else holds it) only after the object's destructor, which it defines, ran.
template <typename T>
struct LibraryHoldingDeleter {
  std::shared_ptr<void> library;
  void operator()(T* object) const { delete object; }
};

template <typename T, typename Factory, typename Context>
std::shared_ptr<T> make_object(const LoadedPlugin& plugin, PluginKind kind, Factory factory,
                               const Params& params, const Context& context) {
  if (plugin.kind != kind)
    throw Error(subject_of(plugin), "is not a " + std::string(to_string(kind)) + " plugin",
                "name a " + std::string(to_string(kind)) + " plugin (see `eorun plugins`)");
  const std::string remedy =
      "check its parameters (`eorun plugins show " + plugin.name + "`) or report it to its author";
  T* object = nullptr;
  try {
    object = factory(params, context);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(subject_of(plugin), std::string("failed to make the ") +
                                        std::string(to_string(kind)) + ": " + e.what(), remedy);
  } catch (...) {
    throw Error(subject_of(plugin),
                "failed to make the " + std::string(to_string(kind)) +
                    ": it threw something that is not a std::exception",
                remedy);
  }
  if (object == nullptr)
    throw Error(subject_of(plugin), "its factory returned no object", remedy);
  return std::shared_ptr<T>(object, LibraryHoldingDeleter<T>{plugin.library});
}

}  // namespace

std::shared_ptr<Model> Catalogue::make_model(const LoadedPlugin& plugin, const Params& params,
                                             const ModelContext& context) const {
  return make_object<Model>(plugin, PluginKind::model, plugin.descriptor->create_model, params,
                            context);
}

std::shared_ptr<Dataset> Catalogue::make_dataset(const LoadedPlugin& plugin, const Params& params,
                                                 const DatasetContext& context) const {
  return make_object<Dataset>(plugin, PluginKind::dataset, plugin.descriptor->create_dataset,
                              params, context);
}

std::shared_ptr<Loss> Catalogue::make_loss(const LoadedPlugin& plugin, const Params& params,
                                           const LossContext& context) const {
  return make_object<Loss>(plugin, PluginKind::loss, plugin.descriptor->create_loss, params,
                           context);
}

}  // namespace eorun
