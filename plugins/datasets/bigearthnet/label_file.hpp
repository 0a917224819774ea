// BigEarthNet v1.0 per-patch label files, `<patch>_labels_metadata.json`: the S2 file holds
// "labels" (43-class names) and "tile_source" (the Level-1C product, which names the MGRS tile);
// the S1 file also holds "corresponding_s2_patch".
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace eorun::bigearthnet {

struct PatchLabels {
  std::vector<int> indices43;  // 43-class indices of "labels", in file order
  std::string tile;            // MGRS tile id of "tile_source" ("T33UUP"), "" when absent
};

// The labels of S2 patch `patch`. Throws eorun::Error naming the patch and the file when the file
// is missing, is not JSON, has no "labels" list, or holds a name that is not one of the 43
// (byte-exact).
PatchLabels read_label_file(const std::filesystem::path& path, const std::string& patch);

// "corresponding_s2_patch" of the S1 label file of `s1_patch`. Throws eorun::Error naming the S1
// patch and the file when the file is missing, is not JSON or has no such text.
std::string read_corresponding_s2_patch(const std::filesystem::path& path,
                                        const std::string& s1_patch);

}  // namespace eorun::bigearthnet
