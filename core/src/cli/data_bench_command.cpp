// eorun data bench: how fast a split reads as training reads it (batches assembled and
// normalised), through the plugin and from the packed cache, against the raw read speed of the
// cache file's bytes. No training, nothing recorded.
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

#include "cache/split_cache.hpp"
#include "cli/data_subcommands.hpp"
#include "cli/selected_dataset.hpp"
#include "data/band_stats.hpp"
#include "data/batch_loader.hpp"
#include "spec/project_config.hpp"
#include "util/quantity_text.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Measurement {
  std::string path;   // "plugin", "cache" or "raw"
  std::string pass;   // "first pass" or the thread count
  int threads = 0;
  double seconds = 0;
  std::size_t samples = 0;
  std::uint64_t bytes = 0;   // read from storage
  std::string method;        // raw: how the bytes were read

  double patches_per_second() const { return seconds > 0 ? static_cast<double>(samples) / seconds : 0; }
  double megabytes_per_second() const { return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0; }
};

// Every batch of one epoch, in the training order of seed 0.
double read_split(const std::shared_ptr<const Dataset>& dataset, int threads, std::size_t batch_size) {
  BatchLoaderOptions options;
  options.batch_size = batch_size;
  options.shuffle = true;
  options.threads = threads;
  const auto start = Clock::now();
  BatchLoader loader(dataset, identity_band_stats(dataset->info().band_names().size()), options);
  while (loader.next()) {
  }
  return seconds_since(start);
}

// read(2) of the whole file into a buffer per thread, each thread its own contiguous range.
double pread_seconds(const std::filesystem::path& file, std::uint64_t bytes, int threads) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("cache file " + file.string(), "cannot open it for the raw read");
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  const std::uint64_t share = (bytes + static_cast<std::uint64_t>(threads) - 1) / static_cast<std::uint64_t>(threads);
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      std::vector<char> buffer(8 << 20);
      std::uint64_t offset = share * static_cast<std::uint64_t>(t);
      const std::uint64_t end = std::min(bytes, offset + share);
      while (offset < end) {
        const ssize_t n = ::pread(fd, buffer.data(), std::min<std::uint64_t>(buffer.size(), end - offset),
                                  static_cast<off_t>(offset));
        if (n <= 0) break;
        offset += static_cast<std::uint64_t>(n);
      }
    });
  for (std::thread& worker : workers) worker.join();
  ::close(fd);
  return seconds_since(start);
}

// Every 8-byte word of a mapping of the file, summed (so that no read is left out).
double scan_seconds(const std::filesystem::path& file, std::uint64_t bytes, int threads) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error("cache file " + file.string(), "cannot open it for the raw read");
  void* mapped = ::mmap(nullptr, bytes, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) throw Error("cache file " + file.string(), "cannot map it for the raw read");
  const auto* words = static_cast<const std::uint64_t*>(mapped);
  const std::uint64_t count = bytes / sizeof(std::uint64_t);
  std::vector<std::uint64_t> sums(static_cast<std::size_t>(threads));
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  const std::uint64_t share = (count + static_cast<std::uint64_t>(threads) - 1) / static_cast<std::uint64_t>(threads);
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      std::uint64_t sum = 0;
      const std::uint64_t end = std::min(count, share * static_cast<std::uint64_t>(t + 1));
      for (std::uint64_t i = share * static_cast<std::uint64_t>(t); i < end; ++i) sum += words[i];
      sums[static_cast<std::size_t>(t)] = sum;
    });
  for (std::thread& worker : workers) worker.join();
  const double seconds = seconds_since(start);
  ::munmap(mapped, bytes);
  volatile std::uint64_t keep = 0;
  for (std::uint64_t sum : sums) keep = keep + sum;
  return seconds;
}

std::uint64_t files_bytes(const Dataset& dataset) {
  std::uint64_t total = 0;
  std::error_code error;
  for (const std::string& file : dataset.manifest()) {
    const auto size = std::filesystem::file_size(file, error);
    if (!error) total += size;
  }
  return total;
}

void print(const std::vector<Measurement>& rows, const nlohmann::json& summary, const BenchArgs& args) {
  auto raw_seconds = [&](int threads) {
    for (const Measurement& m : rows)
      if (m.path == "raw" && m.threads == threads) return m.seconds;
    return 0.0;
  };
  if (args.format == "json") {
    nlohmann::json out = summary;
    out["measurements"] = nlohmann::json::array();
    for (const Measurement& m : rows) {
      nlohmann::json row = {{"path", m.path},       {"pass", m.pass},
                            {"threads", m.threads}, {"seconds", m.seconds},
                            {"samples", m.samples}, {"bytes", m.bytes},
                            {"patches_per_s", m.patches_per_second()},
                            {"mb_per_s", m.megabytes_per_second()}};
      if (!m.method.empty()) row["method"] = m.method;
      if (m.path == "cache" && m.pass != "first pass" && raw_seconds(m.threads) > 0)
        row["time_vs_raw"] = m.seconds / raw_seconds(m.threads);
      out["measurements"].push_back(std::move(row));
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  std::cout << summary.at("dataset").get<std::string>() << " " << args.split << ": "
            << summary.at("samples").get<std::size_t>() << " samples, batch size " << args.batch_size << "\n";
  if (summary.contains("cache")) {
    const nlohmann::json& cache = summary.at("cache");
    std::cout << "cache " << cache.at("key").get<std::string>().substr(0, 12) << ": "
              << format_bytes(cache.at("bytes").get<std::uint64_t>()) << " ("
              << format_bytes(cache.at("source_bytes").get<std::uint64_t>()) << " of source files), "
              << (cache.at("built").get<bool>()
                      ? "built in " + format_number(cache.at("build_seconds").get<double>(), 3) + " s"
                      : std::string("already built"))
              << "\n";
  }
  TextTable table({"path", "threads", "patches/s", "MB/s", "time vs raw"});
  for (const Measurement& m : rows) {
    std::string versus;
    if (m.path == "cache" && m.pass != "first pass" && raw_seconds(m.threads) > 0)
      versus = format_number(m.seconds / raw_seconds(m.threads), 3) + "x";
    table.add_row({m.path + (m.method.empty() ? "" : " (" + m.method + ")"), m.pass,
                   format_number(m.patches_per_second(), 4), format_number(m.megabytes_per_second(), 4), versus});
  }
  table.print(std::cout);
}

}  // namespace

void execute_bench(const BenchArgs& args, const AppContext& context) {
  const SelectedDataset selected(args.selection, context);
  std::shared_ptr<Dataset> dataset;
  std::vector<Measurement> rows;
  nlohmann::json summary = {{"dataset", selected.name()}, {"split", args.split}};
  const int most_threads = *std::max_element(args.threads.begin(), args.threads.end());
  try {
    dataset = selected.open(args.split);
    const std::size_t samples = dataset->size();
    summary["samples"] = samples;
    const std::uint64_t source_bytes = files_bytes(*dataset);
    auto measure = [&](const std::string& path, const std::shared_ptr<const Dataset>& from, std::uint64_t bytes) {
      rows.push_back({path, "first pass", most_threads, read_split(from, most_threads, args.batch_size), samples, bytes, ""});
      for (int threads : args.threads)
        rows.push_back({path, std::to_string(threads), threads, read_split(from, threads, args.batch_size), samples,
                        bytes, ""});
    };
    measure("plugin", dataset, source_bytes);
    if (args.cache) {
      const ProjectConfig project = load_project_config(std::filesystem::current_path());
      PackedStore store(project.cache_dir);
      FileHashCache hash_cache(project.cache_dir);
      const SplitToCache split{&selected.plugin(), dataset_plugin_values(selected.resolved()), args.split, dataset};
      const OpenedCache opened = open_split_cache(split, store, hash_cache, most_threads);
      const PackedFile& file = opened.dataset->file();
      const std::uint64_t sample_bytes =
          file.header().at("blocks").at("samples").at("bytes").get<std::uint64_t>();
      summary["cache"] = {{"key", opened.key},
                          {"file", opened.file.string()},
                          {"bytes", file.file_size()},
                          {"source_bytes", source_bytes},
                          {"built", opened.build.has_value()},
                          {"build_seconds", opened.build ? opened.build->seconds : 0.0}};
      measure("cache", opened.dataset, sample_bytes);
      pread_seconds(opened.file, file.file_size(), most_threads);  // into the page cache
      for (int threads : args.threads) {
        const double by_read = pread_seconds(opened.file, sample_bytes, threads);
        const double by_scan = scan_seconds(opened.file, sample_bytes, threads);
        rows.push_back({"raw", std::to_string(threads), threads, std::min(by_read, by_scan), samples, sample_bytes,
                        by_read <= by_scan ? "read(2)" : "mapped scan"});
      }
    }
  } catch (...) {
    selected.rethrow_as_own_error();
  }
  print(rows, summary, args);
}

}  // namespace eorun
