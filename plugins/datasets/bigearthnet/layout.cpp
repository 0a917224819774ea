#include "layout.hpp"

#include "band_set.hpp"
#include "eorun/error.hpp"
#include "patch_names.hpp"

namespace eorun::bigearthnet {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kEntriesShown = 5;  // of an unrecognised root, in messages

bool is_folder(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// Whether `folder` is an S2 patch folder (it holds <name>_B02.tif).
bool is_patch_folder(const fs::path& folder) {
  std::error_code ec;
  const std::string name = folder.filename().string();
  return fs::is_regular_file(folder / (name + "_B02.tif"), ec);
}

// The first entries of `folder` (at most kEntriesShown), for a look at what it holds.
std::vector<fs::path> first_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end && entries.size() < kEntriesShown;
       it.increment(ec))
    entries.push_back(it->path());
  return entries;
}

// What `root` holds, in words, for a message about a root of the wrong layout.
std::string describe_root(const fs::path& root) {
  if (is_folder(root / default_s2_folder(kVersion2)))
    return "found a BigEarthNet v2 (reBEN) tree (" + std::string(default_s2_folder(kVersion2)) +
           "/)";
  if (is_folder(root / default_s2_folder(kVersion1)))
    return "found a BigEarthNet v1.0 tree (" + std::string(default_s2_folder(kVersion1)) + "/)";
  const std::vector<fs::path> entries = first_entries(root);
  if (entries.empty()) return "the folder is empty";
  for (const fs::path& entry : entries) {
    if (is_patch_folder(entry))
      return "found S2 patch folders directly in it (a BigEarthNet v1.0 S2 folder, not the root "
             "above it)";
    for (const fs::path& inner : first_entries(entry))
      if (is_patch_folder(inner))
        return "found tile folders of S2 patches directly in it (a BigEarthNet v2 S2 folder, "
               "not the root above it)";
  }
  std::string names;
  for (const fs::path& entry : entries)
    names += (names.empty() ? "" : ", ") + entry.filename().string();
  return "found neither " + std::string(default_s2_folder(kVersion1)) + "/ nor " +
         default_s2_folder(kVersion2) + "/ (it holds " + names +
         (entries.size() == kEntriesShown ? ", ..." : "") + ")";
}

std::string expected_tree(int version) {
  return version == kVersion1
             ? "BigEarthNet-v1.0/<patch>/ and bigearthnet-{train,val,test}.csv"
             : "BigEarthNet-S2/<tile>/<patch>/ and metadata.csv";
}

}  // namespace

const char* default_s2_folder(int version) {
  return version == kVersion2 ? "BigEarthNet-S2" : "BigEarthNet-v1.0";
}

const char* default_s1_folder(int version) {
  return version == kVersion2 ? "BigEarthNet-S1" : "BigEarthNet-S1-v1.0";
}

std::string version_name(int version) {
  return version == kVersion2 ? "BigEarthNet v2 (reBEN)" : "BigEarthNet v1.0";
}

Layout::Layout(const fs::path& root, int version, const std::string& s2_folder,
               const std::string& s1_folder, bool radar)
    : version_(version) {
  if (root.empty() || !is_folder(root))
    throw Error("dataset.root", "folder '" + root.string() + "' does not exist",
                "set dataset.root to the folder holding " + expected_tree(version) +
                    " (`eorun data synth --out DIR` writes a synthetic one)");
  root_ = fs::absolute(root).lexically_normal();
  s2_root_ = root_ / (s2_folder.empty() ? default_s2_folder(version) : s2_folder);
  s1_root_ = root_ / (s1_folder.empty() ? default_s1_folder(version) : s1_folder);
  if (!is_folder(s2_root_)) {
    const int other = version == kVersion1 ? kVersion2 : kVersion1;
    const bool is_other = s2_folder.empty() && is_folder(root_ / default_s2_folder(other));
    throw Error(s2_folder.empty() ? "dataset.root" : "dataset.s2_folder",
                "'" + root_.string() + "' is not a " + version_name(version) + " root (" +
                    expected_tree(version) + "): folder '" + s2_root_.string() +
                    "' does not exist; " + describe_root(root_),
                is_other ? "set dataset.version = " + std::to_string(other)
                         : "set dataset.root to the folder holding " + expected_tree(version) +
                               ", or dataset.s2_folder to the name of its S2 folder");
  }
  if (radar && !is_folder(s1_root_))
    throw Error(s1_folder.empty() ? "dataset.root" : "dataset.s1_folder",
                "folder '" + s1_root_.string() + "' does not exist, and the Sentinel-1 bands " +
                    "(VV, VH) of dataset.bands are read from it",
                std::string("extract the ") + version_name(version) +
                    " Sentinel-1 archive into dataset.root, set dataset.s1_folder to its name, or "
                    "select Sentinel-2 bands only");
}

fs::path Layout::s2_patch_folder(const std::string& s2_patch) const {
  if (version_ == kVersion2) return s2_root_ / s2_product_of(s2_patch) / s2_patch;
  return s2_root_ / s2_patch;
}

fs::path Layout::s1_patch_folder(const std::string& s1_patch) const {
  if (version_ == kVersion2) return s1_root_ / s1_tile_folder_of(s1_patch) / s1_patch;
  return s1_root_ / s1_patch;
}

fs::path Layout::band_file(const std::string& s2_patch, const std::string& s1_patch,
                           const std::string& band) const {
  if (is_radar(band)) return s1_patch_folder(s1_patch) / (s1_patch + "_" + band + ".tif");
  return s2_patch_folder(s2_patch) / (s2_patch + "_" + band + ".tif");
}

fs::path Layout::s2_label_file(const std::string& s2_patch) const {
  return s2_patch_folder(s2_patch) / (s2_patch + "_labels_metadata.json");
}

fs::path Layout::s1_label_file(const std::string& s1_patch) const {
  return s1_patch_folder(s1_patch) / (s1_patch + "_labels_metadata.json");
}

fs::path Layout::misplaced_s2_patch(const std::string& s2_patch) const {
  fs::path other;
  if (version_ == kVersion2) {
    other = s2_root_ / s2_patch;
  } else {
    try {
      other = s2_root_ / s2_product_of(s2_patch) / s2_patch;
    } catch (const Error&) {
      return {};
    }
  }
  return is_folder(other) ? other : fs::path();
}

}  // namespace eorun::bigearthnet
