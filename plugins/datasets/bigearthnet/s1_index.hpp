// Pairs Sentinel-1 with Sentinel-2 patches in BigEarthNet v1.0 when the split file does not
// (a one-column split list): every S1 label file names its S2 patch under
// "corresponding_s2_patch".
#pragma once

#include <filesystem>
#include <string>
#include <unordered_map>

namespace eorun::bigearthnet {

class Layout;

// S2 patch name -> S1 patch name, from the label file of every S1 patch folder in
// layout.s1_root() (read on up to `threads` threads; <= 0: one per core). Throws eorun::Error
// naming the file when a label file is missing or has no "corresponding_s2_patch", and naming
// both S1 patches when two claim the same S2 patch.
std::unordered_map<std::string, std::string> index_s1_patches(const Layout& layout, int threads);

}  // namespace eorun::bigearthnet
