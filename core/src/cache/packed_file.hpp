// A packed cache file opened for reading: memory-mapped, its preamble, header and small blocks
// checked on open, each sample record checked against its checksum the first time it is read
// (once per process). A file that fails a check is never read from: open() throws
// PackedFileDamaged naming the file and what is wrong. While open, the file holds a shared
// advisory lock (flock) on itself: `eorun cache gc` leaves a file in use alone.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <c10/core/ScalarType.h>
#include <nlohmann/json.hpp>

#include "cache/packed_layout.hpp"
#include "eorun/error.hpp"

namespace eorun {

// The file is not a whole, intact cache of this format (truncated, a flipped byte, another
// format version): it must be rebuilt. Its subject names the file.
class PackedFileDamaged : public Error {
 public:
  using Error::Error;
};

struct PackedGroup {
  std::string name;
  std::vector<std::string> bands;
  std::vector<std::int64_t> shape;  // [C, H, W]
  std::size_t elements = 0;
  packed::StoredType type = packed::StoredType::float32;
  std::size_t offset = 0;  // within a record
};

class PackedFile {
 public:
  // Maps and checks `path`. Throws PackedFileDamaged, or eorun::Error when it cannot be read.
  static std::shared_ptr<const PackedFile> open(const std::filesystem::path& path);
  ~PackedFile();
  PackedFile(const PackedFile&) = delete;
  PackedFile& operator=(const PackedFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const nlohmann::json& header() const { return header_; }
  const std::string& key() const { return key_; }
  const std::string& content_sha256() const { return content_sha256_; }
  std::uint64_t file_size() const { return size_; }
  std::size_t size() const { return samples_; }
  const std::vector<PackedGroup>& groups() const { return groups_; }
  c10::ScalarType target_type() const { return target_type_; }
  const std::vector<std::int64_t>& target_shape() const { return target_shape_; }
  std::size_t target_bytes() const { return target_bytes_; }

  // Sample `index`'s record, its checksum checked the first time (throws PackedFileDamaged).
  const std::uint8_t* record(std::size_t index) const;
  const std::uint8_t* target(std::size_t index) const { return targets_ + index * target_bytes_; }
  std::string_view id(std::size_t index) const;
  // The data manifest the cache was built from, its checksum checked (throws PackedFileDamaged).
  std::string_view manifest_tsv() const;

  // Checks every sample record now (on `threads` threads); returns the indices that fail.
  std::vector<std::size_t> damaged_records(int threads) const;

 private:
  PackedFile() = default;
  std::uint64_t block_offset(const char* name) const;

  std::filesystem::path path_;
  int fd_ = -1;  // kept open for its shared lock
  const std::uint8_t* base_ = nullptr;
  std::uint64_t size_ = 0;
  nlohmann::json header_;
  std::string key_, content_sha256_;
  std::size_t samples_ = 0;
  std::size_t record_bytes_ = 0;
  std::vector<PackedGroup> groups_;
  c10::ScalarType target_type_ = c10::ScalarType::Float;
  std::vector<std::int64_t> target_shape_;
  std::size_t target_bytes_ = 0;
  const std::uint8_t* records_ = nullptr;
  const std::uint8_t* targets_ = nullptr;
  const std::uint64_t* id_offsets_ = nullptr;
  const char* id_text_ = nullptr;
  const std::uint64_t* checksums_ = nullptr;
  std::unique_ptr<std::atomic<bool>[]> checked_;
};

}  // namespace eorun
