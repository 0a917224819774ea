// The packed cache file format (version 1): one split of one dataset reading, decoded once and
// laid out for memory mapping.
//
//   [preamble, 4096 bytes]  magic "EORUNPAK", format version, file size, where the header is and
//                           its checksum, and a checksum of the preamble itself
//   [samples]               N fixed-size records; record i holds every input group of sample i
//                           in the group's stored type, each group 64-byte aligned
//   [targets]               N targets as the batch loader delivers them (float32 or an integer type)
//   [id offsets]            N + 1 little-endian uint64 offsets into [id text]
//   [id text]               the sample ids, UTF-8, back to back
//   [checksums]             N uint64: XXH3-64 of each sample record
//   [manifest]              the split's data manifest (DataManifest::to_tsv) the cache was built from
//   [header]                JSON: what was cached (plugin, parameters, split, key), the groups' bands,
//                           shapes and stored types, every block's offset, size and checksum
//
// Every block starts 64-byte aligned. A reader checks the preamble, the header and every block
// but the samples when it opens a file, and each sample record the first time it reads it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <c10/core/ScalarType.h>

namespace eorun::packed {

inline constexpr char kMagic[8] = {'E', 'O', 'R', 'U', 'N', 'P', 'A', 'K'};
inline constexpr std::uint32_t kFormatVersion = 1;
inline constexpr std::size_t kPreambleBytes = 4096;
inline constexpr std::size_t kAlignment = 64;
inline constexpr const char* kFileSuffix = ".pack";

struct Preamble {
  char magic[8];
  std::uint32_t format_version;
  std::uint32_t reserved;
  std::uint64_t file_size;
  std::uint64_t header_offset;
  std::uint64_t header_bytes;
  std::uint64_t header_checksum;    // XXH3-64 of the header's bytes
  std::uint64_t preamble_checksum;  // XXH3-64 of the 48 bytes above
};
static_assert(sizeof(Preamble) == 56, "the preamble is 56 bytes, no padding");

// How a group's values are stored. Values are kept exactly: a group is stored narrower than
// float32 only when every value of every sample is an integer in the narrower type's range.
enum class StoredType : std::uint8_t { uint8, int16, uint16, float32 };

std::size_t byte_size(StoredType type);
const char* type_name(StoredType type);
// Throws eorun::Error for an unknown name (a file written by a newer eorun).
StoredType parse_type(const std::string& name);
// The narrowest type that holds `a` and `b` exactly.
StoredType join(StoredType a, StoredType b);
// The narrowest type that holds every one of `count` float32 values exactly (a NaN, an infinity,
// a fraction or -0.0 needs float32).
StoredType narrowest_type(const float* values, std::size_t count);

std::uint64_t checksum(const void* data, std::size_t bytes);
inline std::uint64_t aligned(std::uint64_t offset) {
  return (offset + kAlignment - 1) / kAlignment * kAlignment;
}

// Target types the file stores: floating targets as float32, integer ones as they come.
const char* target_type_name(c10::ScalarType type);
c10::ScalarType parse_target_type(const std::string& name);

}  // namespace eorun::packed
