// Writing a small file so that a reader sees the old content or the complete new content, never
// a partial one: write a temporary file beside the target, flush it to disk, rename it over the
// target.
#pragma once

#include <filesystem>
#include <string>

namespace eorun {

// Creates the parent folder when needed. Throws eorun::Error naming the file on any failure
// (nothing is left under the final name, and the temporary file is removed).
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace eorun
