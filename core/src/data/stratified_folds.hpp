// Assigning samples to K folds so that every class spreads over the folds as evenly as its
// count allows: iterative stratification (Sechidis, Tsoumakas and Vlahavas, "On the
// stratification of multi-label data", ECML PKDD 2011). The rarest class is placed first, each of
// its samples going to the fold that still lacks most of that class; for single-label data this
// is a stratified split. With groups (scenes, tiles) the unit placed is a whole group, its class
// counts summed, so that no group spans two folds; larger groups are placed first, each in the
// fold where it adds least to the squared shortfalls and excesses of all its classes and of the
// fold size (relative to their shares), so no class is sacrificed to the rarest one.
//
// Deterministic: the result depends on the labels, groups, K and the seed only (ties between
// folds are broken by a seeded std::mt19937_64 with our own bounded draw).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace eorun {

struct FoldRequest {
  std::vector<std::vector<std::int64_t>> labels;  // per sample: its class indices (may be empty)
  std::vector<std::string> groups;  // per sample: its group, or empty for one group per sample
  std::size_t classes = 0;          // class indices are in [0, classes)
  int folds = 5;                    // K >= 2
  std::uint64_t seed = 0;
};

// The fold (0..K-1) of each sample. Throws eorun::Error for K < 2, a class index out of range,
// a groups list of another length than labels, or fewer groups than folds.
std::vector<int> stratified_folds(const FoldRequest& request);

// Per fold and class, the number of samples: counts[fold][class].
std::vector<std::vector<std::int64_t>> fold_class_counts(const FoldRequest& request,
                                                         const std::vector<int>& folds);

}  // namespace eorun
