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

// The same for a file another library writes (a GeoTIFF through GDAL): write it under
// temporary_path_for(path), close it, then move_into_place. The temporary name is beside the
// target and unique per process and thread.
std::filesystem::path temporary_path_for(const std::filesystem::path& path);
// Flushes the closed file `temporary` to disk and renames it over `path`. Throws eorun::Error
// naming the file on failure, after removing `temporary`.
void move_into_place(const std::filesystem::path& temporary, const std::filesystem::path& path);

}  // namespace eorun
