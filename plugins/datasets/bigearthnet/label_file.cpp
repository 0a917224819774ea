#include "label_file.hpp"

#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "label_map.hpp"

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

}  // namespace

std::vector<int> read_label_file(const std::filesystem::path& path, const std::string& patch) {
  const std::string subject = "bigearthnet patch '" + patch + "'";
  const std::string file = "label file '" + path.string() + "'";
  std::string text;
  if (!slurp(path, text)) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      throw Error(subject, file + " does not exist",
                  "check dataset.root and dataset.s2_folder, or remove the patch from the split "
                  "file");
    throw Error(subject, file + " cannot be read", "check its permissions");
  }
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded())
    throw Error(subject, file + " is not valid JSON", "restore the file from the archive");
  auto labels = json.find("labels");
  if (!json.is_object() || labels == json.end() || !labels->is_array())
    throw Error(subject, file + " has no \"labels\" list",
                "restore the file from the archive (BigEarthNet v1.0 label files hold "
                "\"labels\": [43-class names])");

  std::vector<int> indices;
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
    indices.push_back(*index);
  }
  return indices;
}

}  // namespace eorun::bigearthnet
