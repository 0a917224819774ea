// Where plugins are looked for, and which files in a folder count as plugins.
#pragma once

#include <filesystem>
#include <vector>

namespace eorun {

// The folder of the running executable (from /proc/self/exe); empty when it cannot be read.
std::filesystem::path executable_dir();

// The libraries one search-path entry stands for: every `*.so` of a folder, sorted by file name
// (so the load order, and which of two same-named plugins wins, is deterministic); the entry
// itself when it names a file, or a `.so` that does not exist (the loader then says so); nothing
// for a folder that does not exist.
std::vector<std::filesystem::path> plugin_files(const std::filesystem::path& entry);

}  // namespace eorun
