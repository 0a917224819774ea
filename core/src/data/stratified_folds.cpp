#include "data/stratified_folds.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <random>

#include "eorun/error.hpp"

namespace eorun {

namespace {

// The unit placed in one fold: one sample, or every sample of one group.
struct Unit {
  std::vector<std::size_t> samples;
  std::map<std::int64_t, std::int64_t> class_counts;  // class -> samples of the unit with it
  bool placed = false;
};

// Uniform in [0, n): the high 64 bits of a 128-bit product (bias below n / 2^64).
std::size_t draw_below(std::mt19937_64& engine, std::size_t n) {
  return static_cast<std::size_t>((static_cast<unsigned __int128>(engine()) * n) >> 64);
}

std::vector<Unit> make_units(const FoldRequest& request) {
  const std::size_t n = request.labels.size();
  std::vector<Unit> units;
  std::map<std::string, std::size_t> by_group;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t u = units.size();
    if (!request.groups.empty()) {
      auto [it, inserted] = by_group.emplace(request.groups[i], units.size());
      u = it->second;
      if (!inserted) {
        units[u].samples.push_back(i);
      } else {
        units.push_back({{i}, {}, false});
      }
    } else {
      units.push_back({{i}, {}, false});
    }
    for (std::int64_t k : request.labels[i]) {
      if (k < 0 || static_cast<std::size_t>(k) >= request.classes)
        throw Error("stratified folds", "sample " + std::to_string(i) + " has class index " +
                                            std::to_string(k) + ", outside 0.." +
                                            std::to_string(request.classes - 1),
                    "this is a bug in the dataset plugin's targets");
      ++units[u].class_counts[k];
    }
  }
  return units;
}

}  // namespace

std::vector<int> stratified_folds(const FoldRequest& request) {
  const std::size_t k_folds = static_cast<std::size_t>(std::max(request.folds, 0));
  if (request.folds < 2)
    throw Error("--folds", "must be at least 2, got " + std::to_string(request.folds),
                "ask for 2 or more folds");
  if (!request.groups.empty() && request.groups.size() != request.labels.size())
    throw Error("stratified folds", "groups and labels differ in length",
                "give one group per sample, or none");
  std::vector<Unit> units = make_units(request);
  if (units.size() < k_folds)
    throw Error("--folds", std::to_string(request.folds) + " folds need at least as many " +
                               (request.groups.empty() ? "samples" : "groups") + ", the data has " +
                               std::to_string(units.size()),
                "ask for fewer folds" +
                    std::string(request.groups.empty() ? "" : ", or split without --group-by"));

  std::mt19937_64 engine(request.seed);
  // Visiting order of the units: seeded shuffle, then the largest first (stable).
  std::vector<std::size_t> order(units.size());
  for (std::size_t u = 0; u < order.size(); ++u) order[u] = u;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[draw_below(engine, i)]);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return units[a].samples.size() > units[b].samples.size();
  });

  // What each fold still lacks: samples overall and per class.
  const double share = 1.0 / static_cast<double>(k_folds);
  std::vector<double> wanted(k_folds, static_cast<double>(request.labels.size()) * share);
  std::vector<std::int64_t> remaining(request.classes, 0);  // unplaced samples per class
  for (const Unit& unit : units)
    for (const auto& [k, count] : unit.class_counts) remaining[static_cast<std::size_t>(k)] += count;
  std::vector<std::vector<double>> wanted_class(k_folds, std::vector<double>(request.classes));
  for (std::size_t j = 0; j < k_folds; ++j)
    for (std::size_t k = 0; k < request.classes; ++k)
      wanted_class[j][k] = static_cast<double>(remaining[k]) * share;

  // The desired count of each class in one fold, for weighing a unit's classes by how much of
  // their share each fold still lacks.
  std::vector<double> desired_class(request.classes);
  for (std::size_t k = 0; k < request.classes; ++k)
    desired_class[k] = std::max(1.0, static_cast<double>(remaining[k]) * share);

  std::vector<int> fold_of(request.labels.size(), -1);
  std::vector<std::size_t> tied;
  // Places `unit` in a fold. A single sample follows the paper: the fold lacking most of the
  // `rarest` class, then most samples. A group of several samples goes where it adds least to
  // the squared shortfalls and excesses of its classes and of the fold size, each relative to
  // its share (a chi-square-like cost), so that no class is sacrificed to the rarest one. Ties
  // are drawn with the seeded generator.
  const double desired_size = static_cast<double>(request.labels.size()) * share;
  auto place = [&](Unit& unit, std::optional<std::size_t> rarest) {
    const bool single = unit.samples.size() == 1;
    auto score = [&](std::size_t j) -> std::pair<double, double> {
      if (single)
        return {rarest ? wanted_class[j][*rarest] : wanted[j], wanted[j]};
      const double w = static_cast<double>(unit.samples.size());
      double cost = w * (w - 2 * wanted[j]) / desired_size;
      for (const auto& [k, count] : unit.class_counts) {
        const auto c = static_cast<std::size_t>(k);
        const double n = static_cast<double>(count);
        cost += n * (n - 2 * wanted_class[j][c]) / desired_class[c];
      }
      return {-cost, wanted[j]};
    };
    tied.clear();
    std::pair<double, double> best{0, 0};
    for (std::size_t j = 0; j < k_folds; ++j) {
      const auto current = score(j);
      if (tied.empty() || current > best) {
        tied.assign(1, j);
        best = current;
      } else if (current == best) {
        tied.push_back(j);
      }
    }
    const std::size_t j = tied.size() == 1 ? tied.front() : tied[draw_below(engine, tied.size())];
    unit.placed = true;
    for (std::size_t i : unit.samples) fold_of[i] = static_cast<int>(j);
    wanted[j] -= static_cast<double>(unit.samples.size());
    for (const auto& [k, count] : unit.class_counts) {
      wanted_class[j][static_cast<std::size_t>(k)] -= static_cast<double>(count);
      remaining[static_cast<std::size_t>(k)] -= count;
    }
  };

  for (;;) {
    // The class with the fewest unplaced samples (lowest index on ties).
    std::size_t rarest = request.classes;
    for (std::size_t k = 0; k < request.classes; ++k)
      if (remaining[k] > 0 && (rarest == request.classes || remaining[k] < remaining[rarest]))
        rarest = k;
    if (rarest == request.classes) break;
    for (std::size_t u : order) {
      Unit& unit = units[u];
      if (unit.placed || unit.class_counts.count(static_cast<std::int64_t>(rarest)) == 0) continue;
      place(unit, rarest);
    }
  }
  for (std::size_t u : order)
    if (!units[u].placed) place(units[u], std::nullopt);
  return fold_of;
}

std::vector<std::vector<std::int64_t>> fold_class_counts(const FoldRequest& request,
                                                         const std::vector<int>& folds) {
  std::vector<std::vector<std::int64_t>> counts(
      static_cast<std::size_t>(std::max(request.folds, 0)),
      std::vector<std::int64_t>(request.classes, 0));
  for (std::size_t i = 0; i < folds.size() && i < request.labels.size(); ++i)
    for (std::int64_t k : request.labels[i])
      ++counts.at(static_cast<std::size_t>(folds[i])).at(static_cast<std::size_t>(k));
  return counts;
}

}  // namespace eorun
