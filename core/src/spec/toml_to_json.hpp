// Reading a TOML file into JSON, the form every spec takes inside eorun.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

namespace eorun {

// Parses `path`; a syntax error is an eorun::Error naming "path:line:column". Dates and times are
// refused (no key of eorun takes one).
nlohmann::json load_toml_as_json(const std::filesystem::path& path);

}  // namespace eorun
