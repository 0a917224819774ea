// Damaging a file on purpose, as a bad disk or a stray write would, for tests of what notices.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>

namespace eorun::test {

// XORs the byte at `offset` with `mask` in place.
inline void flip_byte(const std::filesystem::path& file, std::uint64_t offset, unsigned char mask = 0x10) {
  std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
  io.seekg(static_cast<std::streamoff>(offset));
  char byte = 0;
  io.read(&byte, 1);
  byte = static_cast<char>(static_cast<unsigned char>(byte) ^ mask);
  io.seekp(static_cast<std::streamoff>(offset));
  io.write(&byte, 1);
}

}  // namespace eorun::test
