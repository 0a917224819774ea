// The labels of one patch, from `<patch>_labels_metadata.json` (key "labels": 43-class names).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace eorun::bigearthnet {

// 43-class indices of the names under "labels", in file order. Throws eorun::Error naming the
// patch and the file when the file is missing, is not JSON, has no "labels" list, or holds a name
// that is not one of the 43 (byte-exact).
std::vector<int> read_label_file(const std::filesystem::path& path, const std::string& patch);

}  // namespace eorun::bigearthnet
