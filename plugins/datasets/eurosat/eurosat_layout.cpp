#include "eurosat_layout.hpp"

#include <algorithm>
#include <cstdint>
#include <tuple>

#include "eorun/error.hpp"

namespace eorun::eurosat {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kEntriesShown = 8;  // entries of a wrong root named in the message

std::string describe_format(Format format) {
  return format == Format::ms ? "MS layout (13-band GeoTIFFs)" : "RGB layout (JPEGs)";
}

std::string spelling_list(Format format) {
  std::string out;
  for (const std::string& spelling : folder_spellings(format))
    out += (out.empty() ? "" : " or ") + spelling + "/";
  return out;
}

bool folder_exists(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// What a root without the layout asked for holds, and what to do about it.
struct RootContents {
  std::string holds;  // "it holds ...", "it is empty"
  std::string remedy;
};

RootContents what_root_holds(const fs::path& root, Format format) {
  const Format other = format == Format::ms ? Format::rgb : Format::ms;
  for (const std::string& spelling : folder_spellings(other))
    if (folder_exists(root / spelling))
      return {"it holds the " + describe_format(other) + " instead (" + spelling + "/)",
              std::string("set dataset.format = \"") + format_name(other) +
                  "\" to read it, or point dataset.root at a copy of the " +
                  describe_format(format)};
  for (const std::string& name : class_names())
    if (folder_exists(root / name))
      return {"it holds the class folders themselves (" + name + "/)",
              "set dataset.root to the folder above them, named " + spelling_list(format)};
  const std::string remedy = "set dataset.root to the folder holding " + spelling_list(format) +
                             " and the split files (`eorun data synth --dataset eurosat --out "
                             "DIR` writes a synthetic copy)";
  std::vector<std::string> entries;
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(it->path().filename().string() + (folder_exists(it->path()) ? "/" : ""));
  if (entries.empty()) return {"it is empty", remedy};
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (std::size_t i = 0; i < entries.size() && i < kEntriesShown; ++i)
    out += (out.empty() ? "" : ", ") + entries[i];
  if (entries.size() > kEntriesShown)
    out += " and " + std::to_string(entries.size() - kEntriesShown) + " more";
  return {"it holds " + out, remedy};
}

// Sort key of a sample id within its class: numbered ids by number, then others by name.
std::tuple<int, std::uint64_t, std::string> sample_order(const std::string& id) {
  const std::string number = id.substr(id.rfind('_') + 1);
  const bool numeric =
      !number.empty() && number.size() < 19 &&
      std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
  return {numeric ? 0 : 1, numeric ? std::stoull(number) : 0, id};
}

}  // namespace

const std::vector<std::string>& class_names() {
  static const std::vector<std::string> names = {
      "AnnualCrop", "Forest",        "HerbaceousVegetation", "Highway", "Industrial",
      "Pasture",    "PermanentCrop", "Residential",          "River",   "SeaLake"};
  return names;
}

std::optional<int> class_of_sample(const std::string& id) {
  const std::size_t underscore = id.rfind('_');
  if (underscore == std::string::npos) return std::nullopt;
  const std::string name = id.substr(0, underscore);
  const auto& names = class_names();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<int>(it - names.begin());
}

const std::vector<std::string>& folder_spellings(Format format) {
  static const std::vector<std::string> ms = {
      "ds/images/remote_sensing/otherDatasets/sentinel_2/tif", "EuroSAT_MS"};
  static const std::vector<std::string> rgb = {"EuroSAT_RGB", "2750"};
  return format == Format::ms ? ms : rgb;
}

fs::path Layout::file(const std::string& id) const {
  const int label = class_of_sample(id).value();
  return folder / class_names()[static_cast<std::size_t>(label)] / (id + extension());
}

std::vector<std::string> Layout::list_samples() const {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (folder_exists(it->path()) &&
        std::find(class_names().begin(), class_names().end(), name) == class_names().end())
      throw Error("folder '" + it->path().string() + "'",
                  "is not one of EuroSAT's 10 class folders",
                  "remove it or move it out of '" + folder.string() +
                      "' (classes: AnnualCrop, "
                      "Forest, HerbaceousVegetation, Highway, Industrial, Pasture, PermanentCrop, "
                      "Residential, River, SeaLake)");
  }
  std::vector<std::string> ids;
  for (const std::string& name : class_names()) {
    const fs::path class_folder = folder / name;
    if (!folder_exists(class_folder))
      throw Error("folder '" + class_folder.string() + "'", "does not exist",
                  "restore the class folder from the EuroSAT archive (every class has one)");
    std::vector<std::string> found;
    for (fs::directory_iterator it(class_folder, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& path = it->path();
      if (path.extension() != extension() || path.stem().string().rfind(name + "_", 0) != 0)
        continue;
      found.push_back(path.stem().string());
    }
    if (ec)
      throw Error("folder '" + class_folder.string() + "'", "cannot be listed: " + ec.message(),
                  "check its permissions");
    std::sort(found.begin(), found.end(), [](const std::string& a, const std::string& b) {
      return sample_order(a) < sample_order(b);
    });
    ids.insert(ids.end(), found.begin(), found.end());
  }
  return ids;
}

Layout find_layout(const fs::path& root, Format format) {
  if (root.empty() || !folder_exists(root))
    throw Error("dataset.root", "folder '" + root.string() + "' does not exist",
                "set dataset.root to the folder holding " + spelling_list(format) +
                    " and the split files (`eorun data synth --dataset eurosat --out DIR` writes "
                    "a synthetic copy)");
  Layout layout;
  layout.format = format;
  for (const std::string& spelling : folder_spellings(format)) {
    if (!folder_exists(root / spelling)) continue;
    if (layout.spelling.empty()) {
      layout.spelling = spelling;
      layout.folder = (root / spelling).lexically_normal();
    } else {
      layout.notes.push_back("read " + layout.spelling + "/; " + spelling +
                             "/ is there too and was not read");
    }
  }
  if (!layout.spelling.empty()) return layout;
  const RootContents contents = what_root_holds(root, format);
  throw Error("dataset.root",
              "folder '" + root.string() + "' holds no EuroSAT " + describe_format(format) +
                  ": expected " + spelling_list(format) + " with one folder per class; " +
                  contents.holds,
              contents.remedy);
}

}  // namespace eorun::eurosat
