// SEN12MS split lists and the validation split carved from the train list.
//
// The official lists (train_list.txt, test_list.txt) hold one s2 file name per line
// (`ROIs1158_spring_s2_1_p30.tif`); eorun's own split lists hold sample ids (the same name
// without `.tif`). Both are read here, and s1 names as the SEN12MS toolbox allows.
// SEN12MS publishes no validation split: carve_validation takes whole scenes out of the train
// list, so no scene is in both.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "patch_name.hpp"

namespace eorun::sen12ms {

struct ListedPatch {
  PatchName name;
  std::size_t line = 0;  // 1-based line of the list
};

// The patches of a split list in file order. Blank lines and surrounding spaces (and the \r of
// Windows line ends) are ignored. Throws eorun::Error naming the file (and the line) when it is
// missing, unreadable, lists no patch, holds a line that is no SEN12MS patch name, or names a
// patch twice.
std::vector<ListedPatch> read_split_list(const std::filesystem::path& path);

// Which patches of `train` go to the validation split: the scenes of `train`, sorted by name, are
// put in a random order drawn from `seed`, and whole scenes are taken in that order until they
// hold at least `fraction` of the patches, never every scene (at least one stays for training).
// `fraction` 0 takes none. Same arguments, same result, on every platform.
struct Carving {
  std::vector<bool> in_val;  // one per patch of `train`
  std::size_t scenes = 0;      // scenes in `train`
  std::size_t val_scenes = 0;  // of them taken for validation
  std::size_t val_patches = 0;
};
Carving carve_validation(const std::vector<ListedPatch>& train, double fraction,
                         std::uint64_t seed);

}  // namespace eorun::sen12ms
