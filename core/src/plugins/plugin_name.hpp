// The rule for plugin and parameter names: [a-z0-9_]+.
#pragma once

#include <string_view>

namespace eorun {

bool is_valid_plugin_name(std::string_view name);

}  // namespace eorun
