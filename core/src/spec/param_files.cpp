#include "spec/param_files.hpp"

#include <algorithm>
#include <filesystem>

namespace eorun {

namespace {

const char* kind_text(ParamFile::Kind kind) {
  switch (kind) {
    case ParamFile::Kind::file: return "file";
    case ParamFile::Kind::folder: return "folder";
    case ParamFile::Kind::missing: return "missing";
  }
  return "missing";
}

void collect(const char* section, const nlohmann::json& values, const std::vector<ParamSpec>& schema,
             std::vector<ParamFile>& out) {
  for (const ParamSpec& spec : schema) {
    if (spec.type != ParamType::path) continue;
    auto it = values.find(spec.name);
    if (it == values.end() || !it->is_string() || it->get<std::string>().empty()) continue;
    ParamFile file;
    file.key = std::string(section) + "." + spec.name;
    file.path = it->get<std::string>();
    out.push_back(std::move(file));
  }
}

}  // namespace

std::vector<ParamFile> hash_param_files(const RunSpec& spec, FileHashCache& cache, int threads) {
  std::vector<ParamFile> files;
  const std::pair<const char*, const LoadedPlugin*> sections[] = {
      {"dataset", spec.dataset}, {"model", spec.model}, {"loss", spec.loss}};
  for (const auto& [section, plugin] : sections)
    if (plugin != nullptr) collect(section, spec.json.at(section), plugin->params, files);
  collect("train", spec.json.at("train"), train_param_specs(), files);
  if (!spec.pretrained_file.empty()) {
    ParamFile weights;
    weights.key = "model.pretrained";
    weights.path = spec.pretrained_file;
    files.push_back(std::move(weights));
  }
  std::sort(files.begin(), files.end(),
            [](const ParamFile& a, const ParamFile& b) { return a.key < b.key; });

  std::vector<std::filesystem::path> to_hash;
  std::vector<ParamFile*> hashed;
  for (ParamFile& file : files) {
    std::error_code ec;
    const auto status = std::filesystem::status(file.path, ec);
    if (std::filesystem::is_directory(status)) {
      file.kind = ParamFile::Kind::folder;
    } else if (std::filesystem::is_regular_file(status)) {
      to_hash.push_back(file.path);
      hashed.push_back(&file);
    } else {
      file.kind = ParamFile::Kind::missing;  // the plugin says whether it needs it
    }
  }
  const std::vector<FileDigest> digests = cache.digest(to_hash, threads);
  for (std::size_t i = 0; i < digests.size(); ++i) {
    hashed[i]->size = digests[i].size;
    hashed[i]->sha256 = digests[i].sha256;
  }
  return files;
}

nlohmann::json param_files_json(const std::vector<ParamFile>& files) {
  nlohmann::json out = nlohmann::json::object();
  for (const ParamFile& file : files) {
    nlohmann::json entry = {{"path", file.path}, {"kind", kind_text(file.kind)}};
    if (file.kind == ParamFile::Kind::file) {
      entry["size"] = file.size;
      entry["sha256"] = file.sha256;
    }
    out[file.key] = std::move(entry);
  }
  return out;
}

}  // namespace eorun
