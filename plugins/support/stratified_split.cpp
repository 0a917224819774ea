#include "stratified_split.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "eorun/error.hpp"
#include "support/synth_random.hpp"

namespace eorun::support {

namespace {

constexpr std::uint64_t kShuffleStream = 0x5354524154ULL;  // "STRAT"
constexpr std::uint64_t kTieStream = 0x544945ULL;          // "TIE"
constexpr double kTolerance = 1e-9;  // n * fraction meant as a whole number stays whole

// Whole shares of `total` for each stratum, near `exact[k]`: the rounded-down shares first,
// then one more each to the strata with the largest remainders (ties in the seeded order
// `tie_key`) until the total is reached (largest remainder method). Shares stay within
// `keep_one[k]` (what leaves the stratum a training sample) while that reaches the total, and
// within `capacity[k]` always.
std::vector<std::size_t> apportion(const std::vector<double>& exact,
                                   const std::vector<std::size_t>& keep_one,
                                   const std::vector<std::size_t>& capacity,
                                   const std::vector<std::uint64_t>& tie_key, std::size_t total) {
  const std::size_t count = exact.size();
  std::vector<std::size_t> share(count);
  std::size_t assigned = 0;
  for (std::size_t k = 0; k < count; ++k) {
    share[k] = std::min(keep_one[k], static_cast<std::size_t>(std::floor(exact[k] + kTolerance)));
    assigned += share[k];
  }
  // Remainders in units of kTolerance, so that equal shares compare equal exactly.
  std::vector<long long> remainder(count);
  for (std::size_t k = 0; k < count; ++k)
    remainder[k] = std::llround((exact[k] - std::floor(exact[k] + kTolerance)) / kTolerance);
  std::vector<std::size_t> order(count);
  for (std::size_t k = 0; k < count; ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
    return tie_key[a] != tie_key[b] ? tie_key[a] < tie_key[b] : a < b;
  });
  for (const std::vector<std::size_t>* limit : {&keep_one, &capacity}) {
    for (bool gave = true; gave && assigned < total;) {
      gave = false;
      for (std::size_t k : order) {
        if (assigned == total) break;
        if (share[k] < (*limit)[k]) {
          ++share[k];
          ++assigned;
          gave = true;
        }
      }
    }
  }
  return share;
}

void check_fraction(double fraction, const std::string& subject, const char* name) {
  if (!(fraction >= 0.0 && fraction < 1.0))
    throw Error(subject, std::string(name) + " " + std::to_string(fraction) + " is not in [0, 1)",
                "give a share between 0 and 1");
}

}  // namespace

const char* split_name(SplitName split) {
  switch (split) {
    case SplitName::train:
      return "train";
    case SplitName::val:
      return "val";
    case SplitName::test:
      return "test";
  }
  return "train";
}

std::vector<SplitName> stratified_split(const std::vector<std::size_t>& strata,
                                        const StratifiedSplitOptions& options,
                                        const std::string& subject) {
  check_fraction(options.val_fraction, subject, "val_fraction");
  check_fraction(options.test_fraction, subject, "test_fraction");
  const std::size_t n = strata.size();
  const auto test_total =
      static_cast<std::size_t>(std::llround(static_cast<double>(n) * options.test_fraction));
  const auto val_total =
      static_cast<std::size_t>(std::llround(static_cast<double>(n) * options.val_fraction));
  if (n == 0 || test_total + val_total >= n)
    throw Error(subject,
                "a split of " + std::to_string(n) + " samples with val_fraction " +
                    std::to_string(options.val_fraction) + " and test_fraction " +
                    std::to_string(options.test_fraction) + " leaves no sample for training (" +
                    std::to_string(val_total) + " val, " + std::to_string(test_total) + " test)",
                "lower the fractions or use more samples");

  std::map<std::size_t, std::vector<std::size_t>> members;  // stratum -> items, in input order
  for (std::size_t i = 0; i < n; ++i) members[strata[i]].push_back(i);
  std::vector<double> test_exact, val_exact;
  std::vector<std::size_t> sizes;
  std::vector<std::uint64_t> tie_key;
  for (const auto& [stratum, items] : members) {
    sizes.push_back(items.size());
    tie_key.push_back(derive_seed(options.seed, kTieStream, stratum));
    test_exact.push_back(static_cast<double>(items.size()) * options.test_fraction);
    val_exact.push_back(static_cast<double>(items.size()) * options.val_fraction);
  }
  // Each split leaves a stratum one training sample where the totals allow it.
  std::vector<std::size_t> keep_one(sizes.size());
  for (std::size_t k = 0; k < sizes.size(); ++k) keep_one[k] = sizes[k] - 1;
  const std::vector<std::size_t> test_share =
      apportion(test_exact, keep_one, sizes, tie_key, test_total);
  std::vector<std::size_t> left(sizes.size());
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    left[k] = sizes[k] - test_share[k];
    keep_one[k] = left[k] == 0 ? 0 : left[k] - 1;
  }
  const std::vector<std::size_t> val_share =
      apportion(val_exact, keep_one, left, tie_key, val_total);

  std::vector<SplitName> splits(n, SplitName::train);
  std::size_t k = 0;
  for (const auto& [stratum, items] : members) {
    std::vector<std::size_t> order = items;
    Random random(derive_seed(options.seed, kShuffleStream, stratum));
    random.shuffle(order);
    for (std::size_t j = 0; j < test_share[k]; ++j) splits[order[j]] = SplitName::test;
    for (std::size_t j = test_share[k]; j < test_share[k] + val_share[k]; ++j)
      splits[order[j]] = SplitName::val;
    ++k;
  }
  return splits;
}

}  // namespace eorun::support
