#include "s1_index.hpp"

#include <algorithm>
#include <vector>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "label_file.hpp"
#include "layout.hpp"

namespace eorun::bigearthnet {

std::unordered_map<std::string, std::string> index_s1_patches(const Layout& layout, int threads) {
  std::vector<std::string> s1_patches;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(layout.s1_root(), ec), end; !ec && it != end;
       it.increment(ec))
    if (it->is_directory(ec)) s1_patches.push_back(it->path().filename().string());
  if (ec)
    throw Error("S1 folder '" + layout.s1_root().string() + "'",
                "cannot be listed: " + ec.message(), "check its permissions");
  std::sort(s1_patches.begin(), s1_patches.end());  // errors do not depend on listing order

  std::vector<std::string> s2_of(s1_patches.size());
  parallel_for(s1_patches.size(), threads, [&](std::size_t i) {
    s2_of[i] = read_corresponding_s2_patch(layout.s1_label_file(s1_patches[i]), s1_patches[i]);
  });
  std::unordered_map<std::string, std::string> index;
  index.reserve(s1_patches.size());
  for (std::size_t i = 0; i < s1_patches.size(); ++i) {
    auto [it, inserted] = index.emplace(s2_of[i], s1_patches[i]);
    if (!inserted)
      throw Error("bigearthnet S1 patch '" + s1_patches[i] + "'",
                  "label file '" + layout.s1_label_file(s1_patches[i]).string() +
                      "' names S2 patch '" + s2_of[i] + "', which S1 patch '" + it->second +
                      "' names too",
                  "remove the duplicate S1 patch, or give the S1 patch names in the split "
                  "file's second column");
  }
  return index;
}

}  // namespace eorun::bigearthnet
