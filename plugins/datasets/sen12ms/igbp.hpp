// IGBP land-cover classes of SEN12MS and the scene labels derived from an lc patch.
//
// Band 1 of an lc file holds one IGBP class (1..17) per pixel. A patch's label is the fraction of
// its pixels in each class, counted over the pixels whose value is a valid class (other values
// are ignored; a patch without any valid pixel has no label). The 17 classes may be merged into
// the 10 simplified ones (fractions of merged classes summed). Multi-label: every class whose
// fraction reaches the threshold. Single-label: the class of largest fraction, ties to the lower
// class index (numpy's argmax).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace eorun::sen12ms {

inline constexpr int kIgbpClasses = 17;
inline constexpr int kSimplifiedClasses = 10;

enum class Nomenclature {
  full,        // the 17 IGBP classes, index = IGBP code - 1
  simplified,  // 10 classes: Forest (IGBP 1-5), Shrubland (6-7), Savanna (8-9), Grassland (10),
               // Wetlands (11), Croplands (12, 14), Urban (13), Snow/Ice (15), Barren (16),
               // Water (17)
};

enum class LabelType { multi, single };

// Class names in target order.
const std::vector<std::string>& class_names(Nomenclature nomenclature);

// The simplified class index (0..9) of IGBP code `igbp` (1..17).
int simplified_index(int igbp);

// Pixels per IGBP class of one lc patch (counts[k] = pixels of code k + 1) and their sum.
struct ClassCounts {
  std::array<std::int32_t, kIgbpClasses> counts{};
  std::int64_t valid = 0;
};

// Counts `values` (lc band 1 as read); a value is a class when it is a whole number in 1..17.
ClassCounts count_classes(const float* values, std::size_t count);

// Fraction per class of `nomenclature` (17 or 10 values summing to 1). Requires counts.valid > 0.
std::vector<double> class_fractions(const ClassCounts& counts, Nomenclature nomenclature);

// Indices of the classes whose fraction is >= threshold, ascending.
std::vector<int> multi_label(const std::vector<double>& fractions, double threshold);

// Index of the largest fraction; ties go to the lowest index.
int single_label(const std::vector<double>& fractions);

}  // namespace eorun::sen12ms
