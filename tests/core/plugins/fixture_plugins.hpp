// Where the loader tests find the fixture plugins (tests/core/plugins/fixtures/CMakeLists.txt).
#pragma once

#include <filesystem>
#include <string>

namespace eorun::test {

inline std::filesystem::path fixture_plugin_dir() { return EORUN_FIXTURE_PLUGIN_DIR; }

// The fixture library `fixture_<name>.so`, by its canonical path (as the catalogue records it).
inline std::filesystem::path fixture_plugin(const std::string& name) {
  return std::filesystem::canonical(fixture_plugin_dir()) / ("fixture_" + name + ".so");
}

}  // namespace eorun::test
