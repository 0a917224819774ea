#include "label_file.hpp"

#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "label_map.hpp"
#include "patch_names.hpp"

namespace eorun::bigearthnet {

namespace {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

// The whole file, or false when it cannot be opened or read.
bool slurp(const std::filesystem::path& path, std::string& text) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return false;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) text.append(buffer, n);
  return std::ferror(file.get()) == 0;
}

// The JSON object of a label file; throws naming `subject` and the file.
nlohmann::json read_json(const std::filesystem::path& path, const std::string& subject,
                         const std::string& missing_remedy) {
  const std::string file = "label file '" + path.string() + "'";
  std::string text;
  if (!slurp(path, text)) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw Error(subject, file + " does not exist", missing_remedy);
    throw Error(subject, file + " cannot be read", "check its permissions");
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object())
    throw Error(subject, file + " is not valid JSON", "restore the file from the archive");
  return json;
}

}  // namespace

PatchLabels read_label_file(const std::filesystem::path& path, const std::string& patch) {
  const std::string subject = "bigearthnet patch '" + patch + "'";
  const std::string file = "label file '" + path.string() + "'";
  const nlohmann::json json = read_json(
      path, subject,
      "check dataset.root and dataset.s2_folder, or remove the patch from the split file");
  auto labels = json.find("labels");
  if (labels == json.end() || !labels->is_array())
    throw Error(subject, file + " has no \"labels\" list",
                "restore the file from the archive (BigEarthNet v1.0 label files hold "
                "\"labels\": [43-class names])");

  PatchLabels out;
  for (const auto& label : *labels) {
    if (!label.is_string())
      throw Error(subject, file + " has a non-text label " + label.dump(),
                  "labels are CORINE level-3 names");
    const std::string& name = label.get_ref<const std::string&>();
    std::optional<int> index = clc43_index(name);
    if (!index)
      throw Error(
          subject,
          file + " has label '" + name + "', which is not one of the 43 BigEarthNet classes",
          "use the exact CORINE level-3 names of BigEarthNet v1.0 (case and punctuation "
          "matter), e.g. 'Non-irrigated arable land'");
    out.indices43.push_back(*index);
  }
  auto source = json.find("tile_source");
  if (source != json.end() && source->is_string())
    out.tile = find_mgrs_tile(source->get_ref<const std::string&>());
  return out;
}

std::string read_corresponding_s2_patch(const std::filesystem::path& path,
                                        const std::string& s1_patch) {
  const std::string subject = "bigearthnet S1 patch '" + s1_patch + "'";
  const nlohmann::json json =
      read_json(path, subject, "restore the S1 patch from the BigEarthNet-S1 archive");
  auto s2 = json.find("corresponding_s2_patch");
  if (s2 == json.end() || !s2->is_string() || s2->get_ref<const std::string&>().empty())
    throw Error(subject,
                "label file '" + path.string() + "' has no \"corresponding_s2_patch\" text",
                "restore the file from the BigEarthNet-S1 v1.0 archive, or give the S1 patch "
                "names in the split file's second column");
  return s2->get<std::string>();
}

}  // namespace eorun::bigearthnet
