#include "split_list.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <unordered_map>

#include "eorun/error.hpp"
#include "support/synth_random.hpp"

namespace eorun::sen12ms {

namespace {

constexpr std::uint64_t kCarvingStream = 0x5E12;  // the seed's stream for validation scenes

std::string trim(const std::string& text) {
  const char* space = " \t\r\n";
  const std::size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

}  // namespace

std::vector<ListedPatch> read_split_list(const std::filesystem::path& path) {
  const std::string subject = "split list '" + path.string() + "'";
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(subject, "does not exist",
                "put the SEN12MS list there (one s2 file name per line, e.g. "
                "ROIs1158_spring_s2_1_p30.tif), or set dataset.split_train/split_val/split_test "
                "to its name relative to dataset.root");
  std::ifstream in(path);
  if (!in) throw Error(subject, "cannot be opened for reading", "check its permissions");

  std::vector<ListedPatch> patches;
  std::unordered_map<std::string, std::size_t> seen;  // id -> line
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    const std::string text = trim(line);
    if (text.empty()) continue;
    const std::string where = subject + " line " + std::to_string(number);
    std::optional<PatchName> name = parse_patch_name(text);
    if (!name)
      throw Error(where, "'" + text + "' is not a SEN12MS patch name",
                  "list s2 file names such as ROIs1158_spring_s2_1_p30.tif (or their stems), "
                  "one per line");
    auto [it, inserted] = seen.emplace(name->id(), number);
    if (!inserted)
      throw Error(where,
                  "patch '" + name->id() + "' is already listed on line " +
                      std::to_string(it->second),
                  "list each patch once");
    patches.push_back({std::move(*name), number});
  }
  if (in.bad()) throw Error(subject, "could not be read to the end", "check the disk");
  if (patches.empty())
    throw Error(subject, "lists no patches",
                "write one s2 file name per line, e.g. ROIs1158_spring_s2_1_p30.tif");
  return patches;
}

Carving carve_validation(const std::vector<ListedPatch>& train, double fraction,
                         std::uint64_t seed) {
  std::map<std::string, std::size_t> scene_sizes;  // sorted by name
  for (const ListedPatch& patch : train) ++scene_sizes[patch.name.scene_key()];
  std::vector<std::string> scenes;
  for (const auto& [scene, size] : scene_sizes) scenes.push_back(scene);
  support::Random random(support::derive_seed(seed, kCarvingStream, 0));
  random.shuffle(scenes);

  Carving carving;
  carving.scenes = scenes.size();
  carving.in_val.assign(train.size(), false);
  const double target = fraction * static_cast<double>(train.size());
  std::set<std::string> taken;
  for (const std::string& scene : scenes) {
    if (static_cast<double>(carving.val_patches) >= target ||
        carving.val_scenes + 1 >= scenes.size())
      break;
    taken.insert(scene);
    carving.val_patches += scene_sizes[scene];
    ++carving.val_scenes;
  }
  for (std::size_t i = 0; i < train.size(); ++i)
    carving.in_val[i] = taken.count(train[i].name.scene_key()) != 0;
  return carving;
}

}  // namespace eorun::sen12ms
