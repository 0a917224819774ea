// BigEarthNet split files: CSV without a header, one patch per line, `S2_patch,S1_patch`.
// The S2-only splits of the original release have one column, as have eorun's split lists (one
// sample id, the S2 patch name, per line); both forms are accepted.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace eorun::bigearthnet {

struct SplitEntry {
  std::string s2_patch;
  std::string s1_patch;  // empty for one-column split files
};

// The patches of a split file, in file order. Blank lines and surrounding spaces (and the \r of
// Windows line ends) are ignored. Throws eorun::Error naming the file (and the line) when it is
// missing, unreadable, empty, has more than two columns or lists a patch twice.
std::vector<SplitEntry> read_split_file(const std::filesystem::path& path);

}  // namespace eorun::bigearthnet
