// Identities in the registry: run ids and sweep ids are SHA-256 digests in lower-case hex.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace eorun::registry {

inline constexpr std::size_t kHexIdLength = 64;

// A lower-case hex digit.
inline bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// 64 lower-case hex digits.
inline bool is_hex_id(std::string_view text) {
  if (text.size() != kHexIdLength) return false;
  for (char c : text)
    if (!is_hex_digit(c)) return false;
  return true;
}

// `text` in lower case when it is hex digits of any case; "" otherwise.
inline std::string lower_hex(std::string_view text) {
  std::string lower;
  for (char c : text) {
    const char l = (c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c;
    if (!is_hex_digit(l)) return {};
    lower += l;
  }
  return lower;
}

}  // namespace eorun::registry
