#include "cli/app_context.hpp"

#include <iostream>

namespace eorun {

Catalogue AppContext::load_catalogue() const {
  std::vector<std::filesystem::path> extra(plugin_paths.begin(), plugin_paths.end());
  Catalogue catalogue = Catalogue::discover(Catalogue::default_search_path(extra));
  for (const RefusedPlugin& refused : catalogue.refused())
    std::cerr << "eorun: warning: " << refused.message << "\n";
  return catalogue;
}

}  // namespace eorun
