#include "data/band_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <optional>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

namespace {

// Samples per unit of work. Fixed (not derived from the thread count) so that the partition,
// and with it every floating-point operation, is the same for any number of threads.
constexpr std::size_t kSamplesPerChunk = 16;
constexpr int kCacheFormat = 1;

// Count, mean and sum of squared deviations of one channel; merged with Chan et al.'s formula,
// which is exact in exact arithmetic and stable in floating point (no sum-of-squares
// cancellation).
struct Moments {
  double count = 0;
  double mean = 0;
  double m2 = 0;

  void merge(const Moments& other) {
    if (other.count == 0) return;
    if (count == 0) {
      *this = other;
      return;
    }
    const double total = count + other.count;
    const double delta = other.mean - mean;
    mean += delta * (other.count / total);
    m2 += other.m2 + delta * delta * (count * other.count / total);
    count = total;
  }
};

Moments moments_of(const float* values, std::size_t n) {
  Moments result;
  if (n == 0) return result;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += values[i];
  const double mean = sum / static_cast<double>(n);
  double m2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double d = values[i] - mean;
    m2 += d * d;
  }
  result.count = static_cast<double>(n);
  result.mean = mean;
  result.m2 = m2;
  return result;
}

std::size_t channel_count(const DatasetInfo& info) { return info.band_names().size(); }

void add_sample(const Sample& sample, std::vector<Moments>& channels) {
  std::size_t channel = 0;
  for (const at::Tensor& group : sample.inputs) {
    if (!group.defined() || group.dim() != 3)
      throw Error("sample '" + sample.id + "'", "has an input that is not a [C, H, W] tensor",
                  "the dataset plugin must return [C, H, W] inputs");
    const at::Tensor values = group.to(at::kFloat).contiguous();
    const auto pixels = static_cast<std::size_t>(values.size(1) * values.size(2));
    const float* data = values.data_ptr<float>();
    for (std::int64_t c = 0; c < values.size(0); ++c, ++channel) {
      if (channel >= channels.size())
        throw Error("sample '" + sample.id + "'",
                    "has more input channels than the " + std::to_string(channels.size()) +
                        " the dataset declares",
                    "the dataset plugin must return tensors of the declared shapes");
      channels[channel].merge(moments_of(data + c * pixels, pixels));
    }
  }
  if (channel != channels.size())
    throw Error("sample '" + sample.id + "'",
                "has " + std::to_string(channel) + " input channels, the dataset declares " +
                    std::to_string(channels.size()),
                "the dataset plugin must return tensors of the declared shapes");
}

BandStats to_band_stats(const std::vector<Moments>& channels) {
  BandStats stats;
  for (const Moments& m : channels) {
    stats.mean.push_back(m.mean);
    stats.std.push_back(m.count > 0 ? std::sqrt(m.m2 / m.count) : 0.0);
  }
  return stats;
}

std::filesystem::path cache_file(const std::filesystem::path& cache_dir,
                                 const std::string& data_hash) {
  return cache_dir / "stats" / (data_hash + ".json");
}

// The cached statistics when the file exists, parses and fits the dataset; nothing otherwise
// (a damaged or foreign cache file is recomputed and replaced, never trusted).
std::optional<BandStats> read_cache(const std::filesystem::path& path, const DatasetInfo& info) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    if (json.at("format").get<int>() != kCacheFormat) return std::nullopt;
    if (json.at("band_names").get<std::vector<std::string>>() != info.band_names())
      return std::nullopt;
    BandStats stats;
    stats.mean = json.at("mean").get<std::vector<double>>();
    stats.std = json.at("std").get<std::vector<double>>();
    const std::size_t channels = channel_count(info);
    if (stats.mean.size() != channels || stats.std.size() != channels) return std::nullopt;
    for (std::size_t c = 0; c < channels; ++c)
      if (!std::isfinite(stats.mean[c]) || !std::isfinite(stats.std[c]) || stats.std[c] < 0)
        return std::nullopt;
    return stats;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

BandStats compute_band_stats(const Dataset& train, int threads) {
  const std::size_t size = train.size();
  if (size == 0)
    throw Error("band statistics", "the train split has no samples",
                "check the dataset's split definition");
  const std::size_t channels = channel_count(train.info());
  if (channels == 0)
    throw Error("band statistics", "the dataset declares no input channels",
                "the dataset plugin must fill DatasetInfo::inputs");

  const std::size_t chunk_count = (size + kSamplesPerChunk - 1) / kSamplesPerChunk;
  std::vector<std::vector<Moments>> chunk_moments(chunk_count,
                                                  std::vector<Moments>(channels));
  parallel_for(chunk_count, std::max(1, threads), [&](std::size_t chunk) {
    const std::size_t end = std::min(size, (chunk + 1) * kSamplesPerChunk);
    for (std::size_t i = chunk * kSamplesPerChunk; i < end; ++i)
      add_sample(train.get(i), chunk_moments[chunk]);
  });

  // Reduce in chunk order: the same sequence of operations for any thread count.
  std::vector<Moments> total(channels);
  for (const auto& chunk : chunk_moments)
    for (std::size_t c = 0; c < channels; ++c) total[c].merge(chunk[c]);
  return to_band_stats(total);
}

BandStats load_or_compute_band_stats(const Dataset& train, const std::string& data_hash,
                                     const std::filesystem::path& cache_dir, int threads) {
  const std::filesystem::path path = cache_file(cache_dir, data_hash);
  if (auto cached = read_cache(path, train.info())) return *cached;

  BandStats stats = compute_band_stats(train, threads);
  nlohmann::json json;
  json["format"] = kCacheFormat;
  json["data_hash"] = data_hash;
  json["samples"] = train.size();
  json["band_names"] = train.info().band_names();
  json["mean"] = stats.mean;  // doubles are written with 17 significant digits: exact round trip
  json["std"] = stats.std;
  write_file_atomically(path, json.dump(2) + "\n");
  return stats;
}

BandStats identity_band_stats(std::size_t channels) {
  BandStats stats;
  stats.mean.assign(channels, 0.0);
  stats.std.assign(channels, 1.0);
  return stats;
}

}  // namespace eorun
