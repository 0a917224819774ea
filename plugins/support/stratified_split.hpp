// A seeded stratified split of a data set into train, val and test, for readers whose data set
// has no official split (or whose user asks for a new one): every stratum (class, or label set)
// is spread over the three splits in the proportions asked for, as closely as whole samples allow.
//
// Deterministic: the result follows from the strata, their order and the seed alone (one
// support::Random stream per stratum; no threads), the same on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace eorun::support {

enum class SplitName { train = 0, val = 1, test = 2 };

// "train", "val" or "test".
const char* split_name(SplitName split);

struct StratifiedSplitOptions {
  std::uint64_t seed = 0;
  double val_fraction = 0.2;   // [0, 1)
  double test_fraction = 0.2;  // [0, 1); val_fraction + test_fraction < 1
};

// The split of each item, given each item's stratum (any numbers; items of one stratum keep
// their relative order before the seeded shuffle, so give them in a stable order, e.g. sorted by
// name). The split sizes are round(n * fraction) over all n items (test first, then val); each
// split takes from each stratum its share n_s * fraction rounded down, and the samples left
// over go to the strata with the largest remainders (ties in a seeded order of the strata),
// leaving every stratum at least one training sample where the totals allow it.
// Inside a stratum the samples that go to test and val are drawn by a seeded shuffle. A
// stratum's draws depend on the seed and its own number only.
// Throws eorun::Error (subject `subject`) when the fractions are out of range or leave no
// sample for training.
std::vector<SplitName> stratified_split(const std::vector<std::size_t>& strata,
                                        const StratifiedSplitOptions& options,
                                        const std::string& subject);

}  // namespace eorun::support
