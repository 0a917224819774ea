#include "plugins/search_path.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>
#include <system_error>

#include "plugins/catalogue.hpp"

namespace eorun {

namespace {

constexpr const char* kPluginPathVariable = "EORUN_PLUGIN_PATH";
constexpr const char* kPluginExtension = ".so";

// EORUN_PLUGIN_DIR_FROM_BINDIR is set by CMake: the install's plugin folder relative to its bin
// folder (usually "../lib/eorun/plugins").
#ifndef EORUN_PLUGIN_DIR_FROM_BINDIR
#define EORUN_PLUGIN_DIR_FROM_BINDIR "../lib/eorun/plugins"
#endif

void append_colon_separated(std::string_view list, std::vector<std::filesystem::path>& out) {
  while (!list.empty()) {
    std::size_t colon = list.find(':');
    std::string_view entry = list.substr(0, colon);
    if (!entry.empty()) out.emplace_back(std::string(entry));
    if (colon == std::string_view::npos) break;
    list.remove_prefix(colon + 1);
  }
}

}  // namespace

std::filesystem::path executable_dir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

std::vector<std::filesystem::path> Catalogue::default_search_path(
    const std::vector<std::filesystem::path>& extra) {
  std::vector<std::filesystem::path> path;
  const std::filesystem::path exe_dir = executable_dir();
  if (!exe_dir.empty()) {
    path.push_back(exe_dir / "plugins");
    path.push_back((exe_dir / EORUN_PLUGIN_DIR_FROM_BINDIR).lexically_normal());
  }
  if (const char* variable = std::getenv(kPluginPathVariable))
    append_colon_separated(variable, path);
  for (const std::filesystem::path& entry : extra)
    if (!entry.empty()) path.push_back(entry);
  return path;
}

std::vector<std::filesystem::path> plugin_files(const std::filesystem::path& entry) {
  std::error_code ec;
  if (std::filesystem::is_directory(entry, ec)) {
    std::vector<std::filesystem::path> files;
    for (const auto& item : std::filesystem::directory_iterator(entry, ec)) {
      std::error_code type_ec;
      if (item.path().extension() == kPluginExtension && item.is_regular_file(type_ec))
        files.push_back(item.path());
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
      return a.filename().native() < b.filename().native();
    });
    return files;
  }
  if (std::filesystem::exists(entry, ec) || entry.extension() == kPluginExtension) return {entry};
  return {};
}

}  // namespace eorun
