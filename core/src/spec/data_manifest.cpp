#include "spec/data_manifest.hpp"

#include <algorithm>
#include <sstream>

#include "eorun/error.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

std::filesystem::path common_folder(const std::vector<std::filesystem::path>& paths) {
  if (paths.empty()) return {};
  std::filesystem::path common = paths.front().parent_path();
  for (const auto& p : paths) {
    std::filesystem::path folder = p.parent_path();
    auto mismatch = std::mismatch(common.begin(), common.end(), folder.begin(), folder.end());
    std::filesystem::path shared;
    for (auto it = common.begin(); it != mismatch.first; ++it) shared /= *it;
    common = shared;
  }
  return common;
}

}  // namespace

std::string DataManifest::to_tsv() const {
  std::string out;
  out.reserve(entries.size() * 120);
  for (const auto& e : entries) {
    out += e.sha256;
    out += '\t';
    out += std::to_string(e.size);
    out += '\t';
    out += e.path;
    out += '\n';
  }
  return out;
}

DataManifest build_data_manifest(const std::vector<std::string>& files, FileHashCache& cache,
                                 int threads) {
  std::vector<std::filesystem::path> paths;
  paths.reserve(files.size());
  for (const auto& f : files) paths.emplace_back(std::filesystem::path(f).lexically_normal());
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());

  DataManifest manifest;
  manifest.base = common_folder(paths);
  std::vector<FileDigest> digests = cache.digest(paths, threads);
  manifest.entries.reserve(digests.size());
  for (const FileDigest& d : digests) {
    manifest.entries.push_back({d.path.lexically_relative(manifest.base).string(), d.size, d.sha256});
    manifest.byte_count += d.size;
  }
  std::sort(manifest.entries.begin(), manifest.entries.end(),
            [](const ManifestEntry& a, const ManifestEntry& b) { return a.path < b.path; });
  manifest.sha256 = sha256_hex(manifest.to_tsv());
  return manifest;
}

DataManifest parse_data_manifest(const std::string& tsv, const std::filesystem::path& base) {
  DataManifest manifest;
  manifest.base = base;
  std::istringstream in(tsv);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto tab1 = line.find('\t');
    auto tab2 = tab1 == std::string::npos ? std::string::npos : line.find('\t', tab1 + 1);
    if (tab2 == std::string::npos)
      throw Error("manifest line " + std::to_string(number), "expected sha256<TAB>size<TAB>path",
                  "the bundle's manifest.tsv is damaged; re-run the run");
    ManifestEntry e{line.substr(tab2 + 1), std::stoull(line.substr(tab1 + 1, tab2 - tab1 - 1)),
                    line.substr(0, tab1)};
    manifest.byte_count += e.size;
    manifest.entries.push_back(std::move(e));
  }
  manifest.sha256 = sha256_hex(tsv);
  return manifest;
}

}  // namespace eorun
