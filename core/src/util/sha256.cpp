#include "util/sha256.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <openssl/evp.h>

#include "eorun/error.hpp"

namespace eorun {

struct Sha256::State {
  EVP_MD_CTX* ctx = nullptr;
  ~State() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {
  state_->ctx = EVP_MD_CTX_new();
  if (state_->ctx == nullptr || EVP_DigestInit_ex(state_->ctx, EVP_sha256(), nullptr) != 1)
    throw Error("sha256", "OpenSSL could not initialise a SHA-256 context",
                "check the OpenSSL installation");
}

Sha256::~Sha256() = default;

Sha256& Sha256::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(state_->ctx, data, size);
  return *this;
}

std::string Sha256::hex_digest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(state_->ctx, digest.data(), &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(length) * 2, '0');
  for (unsigned int i = 0; i < length; ++i) {
    out[2 * i] = kHex[digest[i] >> 4];
    out[2 * i + 1] = kHex[digest[i] & 0x0f];
  }
  return out;
}

std::string sha256_hex(std::string_view text) { return Sha256().update(text).hex_digest(); }

std::string sha256_file(const std::filesystem::path& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr)
    throw Error(path.string(), std::string("cannot open for hashing: ") + std::strerror(errno),
                "check that the file exists and is readable");
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> guard(file, &std::fclose);
  Sha256 hash;
  constexpr std::size_t kChunk = 1 << 20;
  std::unique_ptr<char[]> buffer(new char[kChunk]);
  for (;;) {
    std::size_t n = std::fread(buffer.get(), 1, kChunk, file);
    if (n > 0) hash.update(buffer.get(), n);
    if (n < kChunk) {
      if (std::ferror(file))
        throw Error(path.string(), "read error while hashing", "check the disk and the file");
      break;
    }
  }
  return hash.hex_digest();
}

}  // namespace eorun
