#include "plugins/catalogue.hpp"

namespace eorun {

std::string_view to_string(PluginKind kind) {
  switch (kind) {
    case PluginKind::model: return "model";
    case PluginKind::dataset: return "dataset";
    case PluginKind::loss: return "loss";
  }
  return "unknown";
}

std::optional<PluginKind> plugin_kind_from_string(std::string_view text) {
  for (PluginKind kind : kAllPluginKinds)
    if (to_string(kind) == text) return kind;
  return std::nullopt;
}

}  // namespace eorun
