#include "cache/packed_layout.hpp"

#include <cmath>

#include <xxhash.h>

#include "eorun/error.hpp"

namespace eorun::packed {

std::size_t byte_size(StoredType type) {
  switch (type) {
    case StoredType::uint8: return 1;
    case StoredType::int16:
    case StoredType::uint16: return 2;
    case StoredType::float32: return 4;
  }
  return 4;
}

const char* type_name(StoredType type) {
  switch (type) {
    case StoredType::uint8: return "uint8";
    case StoredType::int16: return "int16";
    case StoredType::uint16: return "uint16";
    case StoredType::float32: return "float32";
  }
  return "float32";
}

StoredType parse_type(const std::string& name) {
  for (StoredType type : {StoredType::uint8, StoredType::int16, StoredType::uint16, StoredType::float32})
    if (name == type_name(type)) return type;
  throw Error("packed cache", "unknown stored type '" + name + "'", "rebuild the cache with this eorun");
}

StoredType join(StoredType a, StoredType b) {
  if (a == b) return a;
  if (a == StoredType::uint8) return b;
  if (b == StoredType::uint8) return a;
  return StoredType::float32;  // int16 with uint16, or anything with float32
}

StoredType narrowest_type(const float* values, std::size_t count) {
  bool fits_uint8 = true, fits_uint16 = true, fits_int16 = true;
  for (std::size_t i = 0; i < count; ++i) {
    const float v = values[i];
    if (!(v == std::nearbyint(v)) || std::signbit(v) != (v < 0)) return StoredType::float32;
    if (v < -32768.0f || v > 65535.0f) return StoredType::float32;
    fits_uint8 = fits_uint8 && v >= 0 && v <= 255;
    fits_uint16 = fits_uint16 && v >= 0;
    fits_int16 = fits_int16 && v <= 32767;
  }
  if (fits_uint8) return StoredType::uint8;
  if (fits_uint16) return StoredType::uint16;
  if (fits_int16) return StoredType::int16;
  return StoredType::float32;
}

std::uint64_t checksum(const void* data, std::size_t bytes) { return XXH3_64bits(data, bytes); }

const char* target_type_name(c10::ScalarType type) {
  switch (type) {
    case c10::ScalarType::Float: return "float32";
    case c10::ScalarType::Long: return "int64";
    case c10::ScalarType::Int: return "int32";
    case c10::ScalarType::Short: return "int16";
    case c10::ScalarType::Byte: return "uint8";
    case c10::ScalarType::Bool: return "bool";
    default: return "";
  }
}

c10::ScalarType parse_target_type(const std::string& name) {
  for (c10::ScalarType type : {c10::ScalarType::Float, c10::ScalarType::Long, c10::ScalarType::Int,
                               c10::ScalarType::Short, c10::ScalarType::Byte, c10::ScalarType::Bool})
    if (name == target_type_name(type)) return type;
  throw Error("packed cache", "unknown target type '" + name + "'", "rebuild the cache with this eorun");
}

}  // namespace eorun::packed
