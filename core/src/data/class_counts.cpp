#include "data/class_counts.hpp"

#include <algorithm>
#include <fstream>
#include <optional>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

namespace {

constexpr std::size_t kSamplesPerChunk = 256;
constexpr int kCacheFormat = 1;

std::string sample_subject(std::size_t index) {
  return "train sample #" + std::to_string(index);
}

}  // namespace

std::vector<std::int64_t> target_classes(const at::Tensor& target, Task task,
                                         std::int64_t classes, const std::string& subject) {
  if (!target.defined())
    throw Error(subject, "has no target", "the dataset plugin must set a target");
  if (task == Task::single_label) {
    if (target.numel() != 1 || at::isFloatingType(target.scalar_type()))
      throw Error(subject,
                  "has a target of shape " + c10::str(target.sizes()) + " and type " +
                      std::string(c10::toString(target.scalar_type())) +
                      "; a single-label target is one integer class index",
                  "fix the dataset plugin's targets");
    const std::int64_t k = target.reshape({}).item<std::int64_t>();
    if (k < 0 || k >= classes)
      throw Error(subject,
                  "has class index " + std::to_string(k) + ", the dataset has " +
                      std::to_string(classes) + " classes",
                  "fix the dataset plugin's targets");
    return {k};
  }
  if (target.dim() != 1 || target.size(0) != classes)
    throw Error(subject,
                "has a target of shape " + c10::str(target.sizes()) + ", the dataset has " +
                    std::to_string(classes) + " classes",
                "a multi-label target is a [num_classes] vector of 0/1");
  const at::Tensor values = target.to(at::kFloat).contiguous();
  const float* data = values.data_ptr<float>();
  std::vector<std::int64_t> present;
  for (std::int64_t k = 0; k < classes; ++k) {
    if (data[k] != 0.0f && data[k] != 1.0f)
      throw Error(subject,
                  "has target value " + std::to_string(data[k]) + " for class " +
                      std::to_string(k) + "; multi-label targets are 0 or 1",
                  "fix the dataset plugin's targets");
    if (data[k] == 1.0f) present.push_back(k);
  }
  return present;
}

namespace {

// Adds one target to `counts`: a [C] vector of 0/1 (multi-label) or a class index (single-label).
void add_target(const at::Tensor& target, std::size_t index, Task task,
                std::vector<std::int64_t>& counts) {
  for (std::int64_t k : target_classes(target, task, static_cast<std::int64_t>(counts.size()),
                                       sample_subject(index)))
    ++counts[static_cast<std::size_t>(k)];
}

std::filesystem::path cache_file(const std::filesystem::path& cache_dir,
                                 const std::string& data_hash) {
  return cache_dir / "class-counts" / (data_hash + ".json");
}

std::optional<ClassCounts> read_cache(const std::filesystem::path& path, const Dataset& train) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    if (json.at("format").get<int>() != kCacheFormat) return std::nullopt;
    if (json.at("class_names").get<std::vector<std::string>>() != train.info().class_names)
      return std::nullopt;
    ClassCounts counts;
    counts.samples = json.at("samples").get<std::int64_t>();
    counts.per_class = json.at("per_class").get<std::vector<std::int64_t>>();
    if (counts.samples != static_cast<std::int64_t>(train.size()) ||
        counts.per_class.size() != train.info().class_names.size())
      return std::nullopt;
    for (std::int64_t count : counts.per_class)
      if (count < 0 || count > counts.samples) return std::nullopt;
    return counts;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

ClassCounts compute_class_counts(const Dataset& train, int threads) {
  const DatasetInfo& info = train.info();
  const std::size_t size = train.size();
  const std::size_t chunks = (size + kSamplesPerChunk - 1) / kSamplesPerChunk;
  std::vector<std::vector<std::int64_t>> chunk_counts(
      chunks, std::vector<std::int64_t>(info.class_names.size(), 0));
  parallel_for(chunks, std::max(1, threads), [&](std::size_t chunk) {
    const std::size_t end = std::min(size, (chunk + 1) * kSamplesPerChunk);
    for (std::size_t i = chunk * kSamplesPerChunk; i < end; ++i)
      add_target(train.target(i), i, info.task, chunk_counts[chunk]);
  });
  ClassCounts counts;
  counts.samples = static_cast<std::int64_t>(size);
  counts.per_class.assign(info.class_names.size(), 0);
  for (const auto& chunk : chunk_counts)
    for (std::size_t k = 0; k < chunk.size(); ++k) counts.per_class[k] += chunk[k];
  return counts;
}

ClassCounts load_or_compute_class_counts(const Dataset& train, const std::string& data_hash,
                                         const std::filesystem::path& cache_dir, int threads) {
  const std::filesystem::path path = cache_file(cache_dir, data_hash);
  if (auto cached = read_cache(path, train)) return *cached;
  ClassCounts counts = compute_class_counts(train, threads);
  nlohmann::json json;
  json["format"] = kCacheFormat;
  json["data_hash"] = data_hash;
  json["class_names"] = train.info().class_names;
  json["samples"] = counts.samples;
  json["per_class"] = counts.per_class;
  write_file_atomically(path, json.dump(2) + "\n");
  return counts;
}

}  // namespace eorun
