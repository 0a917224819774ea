#include "root_layout.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "eorun/error.hpp"
#include "patch_name.hpp"

namespace eorun::sen12ms {

namespace {

constexpr std::size_t kEntriesShown = 8;
constexpr const char* kExpected =
    "a SEN12MS root holds season folders (ROIs1158_spring/, ROIs1868_summer/, ROIs1970_fall/, "
    "ROIs2017_winter/) with s1_<scene>/, s2_<scene>/ and lc_<scene>/ folders inside, and "
    "train_list.txt and test_list.txt";

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// What another layout `names` (entries of one folder) look like, or "".
std::string recognised_layout(const std::vector<std::string>& names) {
  auto has = [&names](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  auto has_prefix = [&names](const std::string& prefix) {
    return std::any_of(names.begin(), names.end(),
                       [&prefix](const std::string& n) { return starts_with(n, prefix); });
  };
  if (has("BigEarthNet-v1.0/") || has("BigEarthNet-S2/") || has("BigEarthNet-S1-v1.0/"))
    return "a BigEarthNet root";
  if (has("EuroSAT_MS/") || has("EuroSAT_RGB/") || has("2750/") || has("ds/"))
    return "a EuroSAT root";
  if (has_prefix("s2_") || has_prefix("s1_") || has_prefix("lc_"))
    return "one SEN12MS season folder (set dataset.root to the folder above it)";
  return "";
}

}  // namespace

void check_root(const std::filesystem::path& root) {
  std::error_code ec;
  if (root.empty() || !std::filesystem::is_directory(root, ec))
    throw Error("dataset.root", "folder '" + root.string() + "' does not exist",
                "set dataset.root to the SEN12MS root (the folder holding ROIs1158_spring/ ... "
                "and train_list.txt); `eorun data synth --dataset sen12ms --out DIR` writes a "
                "synthetic one");
  std::vector<std::string> names;
  for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (it->is_directory(ec) && is_season_folder(name)) return;
    names.push_back(name + (it->is_directory(ec) ? "/" : ""));
  }
  std::sort(names.begin(), names.end());
  std::string found;
  for (std::size_t i = 0; i < names.size() && i < kEntriesShown; ++i)
    found += (found.empty() ? "" : ", ") + names[i];
  if (names.size() > kEntriesShown)
    found += " and " + std::to_string(names.size() - kEntriesShown) + " more";
  if (names.empty()) found = "nothing (it is empty)";
  const std::string layout = recognised_layout(names);
  throw Error("dataset.root",
              "folder '" + root.string() + "' is not a SEN12MS root: it holds " + found +
                  (layout.empty() ? "" : ", which looks like " + layout),
              std::string(kExpected) + "; set dataset.root to that folder");
}

}  // namespace eorun::sen12ms
