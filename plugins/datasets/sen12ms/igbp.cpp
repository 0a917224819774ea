#include "igbp.hpp"

#include <cmath>

namespace eorun::sen12ms {

namespace {

// Simplified class of IGBP codes 1..17 (index code - 1).
constexpr std::array<int, kIgbpClasses> kSimplified = {0, 0, 0, 0, 0, 1, 1, 2, 2,
                                                       3, 4, 5, 6, 5, 7, 8, 9};

}  // namespace

const std::vector<std::string>& class_names(Nomenclature nomenclature) {
  static const std::vector<std::string> full = {
      "Evergreen Needleleaf Forests",
      "Evergreen Broadleaf Forests",
      "Deciduous Needleleaf Forests",
      "Deciduous Broadleaf Forests",
      "Mixed Forests",
      "Closed (Dense) Shrublands",
      "Open (Sparse) Shrublands",
      "Woody Savannas",
      "Savannas",
      "Grasslands",
      "Permanent Wetlands",
      "Croplands",
      "Urban and Built-Up Lands",
      "Cropland/Natural Vegetation Mosaics",
      "Permanent Snow and Ice",
      "Barren",
      "Water Bodies",
  };
  static const std::vector<std::string> simplified = {
      "Forest", "Shrubland", "Savanna", "Grassland", "Wetlands",
      "Croplands", "Urban", "Snow/Ice", "Barren", "Water",
  };
  return nomenclature == Nomenclature::full ? full : simplified;
}

int simplified_index(int igbp) { return kSimplified.at(static_cast<std::size_t>(igbp - 1)); }

ClassCounts count_classes(const float* values, std::size_t count) {
  ClassCounts counts;
  for (std::size_t i = 0; i < count; ++i) {
    const float value = values[i];
    // NaN fails both comparisons; 2.5 is not a class.
    if (!(value >= 1.0f && value <= static_cast<float>(kIgbpClasses)) ||
        value != std::floor(value))
      continue;
    ++counts.counts[static_cast<std::size_t>(value) - 1];
    ++counts.valid;
  }
  return counts;
}

std::vector<double> class_fractions(const ClassCounts& counts, Nomenclature nomenclature) {
  // Merged classes are summed as counts, then divided once: no rounding between the two.
  std::vector<std::int64_t> merged(
      nomenclature == Nomenclature::full ? kIgbpClasses : kSimplifiedClasses, 0);
  for (int code = 1; code <= kIgbpClasses; ++code) {
    const auto k = static_cast<std::size_t>(
        nomenclature == Nomenclature::full ? code - 1 : simplified_index(code));
    merged[k] += counts.counts[static_cast<std::size_t>(code - 1)];
  }
  std::vector<double> fractions(merged.size());
  for (std::size_t k = 0; k < merged.size(); ++k)
    fractions[k] = static_cast<double>(merged[k]) / static_cast<double>(counts.valid);
  return fractions;
}

std::vector<int> multi_label(const std::vector<double>& fractions, double threshold) {
  std::vector<int> indices;
  for (std::size_t k = 0; k < fractions.size(); ++k)
    if (fractions[k] >= threshold) indices.push_back(static_cast<int>(k));
  return indices;
}

int single_label(const std::vector<double>& fractions) {
  std::size_t best = 0;
  for (std::size_t k = 1; k < fractions.size(); ++k)
    if (fractions[k] > fractions[best]) best = k;
  return static_cast<int>(best);
}

}  // namespace eorun::sen12ms
