// The order in which one epoch visits a split. It depends only on (seed, epoch) and the split size,
// never on the number of loader threads, the machine or the standard library: the shuffle is a
// Fisher-Yates pass driven by std::mt19937_64 (whose output the C++ standard fixes) with our own
// unbiased bounded draw (std::uniform_int_distribution and std::shuffle differ between libraries).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace eorun {

// A 64-bit seed for one epoch from the run's seed and the epoch number (splitmix64 finaliser of
// both), so neighbouring seeds and epochs give unrelated streams.
std::uint64_t epoch_seed(std::uint64_t seed, std::uint64_t epoch);

// A permutation of 0..size-1: shuffled for training, 0, 1, 2, ... when `shuffle` is false
// (validation and test are read in dataset order).
std::vector<std::size_t> epoch_order(std::size_t size, std::uint64_t seed, std::uint64_t epoch,
                                     bool shuffle);

}  // namespace eorun
