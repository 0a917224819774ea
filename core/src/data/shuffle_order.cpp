#include "data/shuffle_order.hpp"

#include <numeric>
#include <random>
#include <utility>

namespace eorun {

namespace {

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Uniform in [0, bound) without modulo bias: reject draws from the incomplete last block.
std::uint64_t bounded(std::mt19937_64& engine, std::uint64_t bound) {
  const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
  std::uint64_t draw = engine();
  while (draw >= limit) draw = engine();
  return draw % bound;
}

}  // namespace

std::uint64_t epoch_seed(std::uint64_t seed, std::uint64_t epoch) {
  return splitmix64(splitmix64(seed) ^ epoch);
}

std::vector<std::size_t> epoch_order(std::size_t size, std::uint64_t seed, std::uint64_t epoch,
                                     bool shuffle) {
  std::vector<std::size_t> order(size);
  std::iota(order.begin(), order.end(), std::size_t{0});
  if (!shuffle || size < 2) return order;
  std::mt19937_64 engine(epoch_seed(seed, epoch));
  for (std::size_t i = size - 1; i > 0; --i) {
    const auto j = static_cast<std::size_t>(bounded(engine, i + 1));
    std::swap(order[i], order[j]);
  }
  return order;
}

}  // namespace eorun
