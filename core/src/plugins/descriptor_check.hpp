// The checks the plugin contract makes on a descriptor's own fields, one at a time, in order.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "eorun/plugin.hpp"

namespace eorun {

// Why a plugin is refused: what was found and what was expected, and what to do about it.
struct Refusal {
  std::string problem;
  std::string remedy;
};

// "major.minor" of a LibTorch version string ("1.13.1" -> "1.13"); the whole text when it has
// no second dot.
std::string_view torch_major_minor(std::string_view version);

// ABI version, descriptor size, LibTorch version, kind, name, version text, parameter schema.
// Fields after `abi_version` and `descriptor_size` are read only when those two match.
std::optional<Refusal> check_descriptor(const PluginDescriptor& descriptor);

// After init: the factory of the declared kind is set.
std::optional<Refusal> check_factory(const PluginDescriptor& descriptor);

}  // namespace eorun
