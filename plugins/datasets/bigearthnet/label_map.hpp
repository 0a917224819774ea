// BigEarthNet class nomenclatures: the 43 CORINE Land Cover level-3 names as they appear in the
// label JSON files (byte-exact, in the official order, which is not alphabetical), the 19-class
// nomenclature of Sumbul et al. (2020), and the mapping from 43 to 19 classes.
//
// Eleven of the 43 classes have no 19-class counterpart ("dropped"): Road and rail networks,
// Port areas, Airports, Mineral extraction sites, Dump sites, Construction sites, Green urban
// areas, Sport and leisure facilities, Bare rock, Burnt areas and Intertidal flats. With 19
// classes a patch whose labels are all dropped gets an all-zero target (it stays in the split).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eorun::bigearthnet {

inline constexpr int kClasses43 = 43;
inline constexpr int kClasses19 = 19;
inline constexpr int kDropped = -1;  // a 43-class index with no 19-class counterpart

// The 43 names, index = class index.
const std::array<std::string_view, kClasses43>& clc43_names();
// The 19 names, index = class index.
const std::array<std::string_view, kClasses19>& clc19_names();
// 19-class index of each 43-class index, or kDropped.
const std::array<int, kClasses43>& clc43_to_19();

// Index of a 43-class name (exact, case-sensitive match), or nullopt.
std::optional<int> clc43_index(std::string_view name);
// Index of a 19-class name (exact, case-sensitive match; BigEarthNet v2 labels), or nullopt.
std::optional<int> clc19_index(std::string_view name);

// Class names for `num_classes` (43 or 19). Throws eorun::Error (subject "dataset.classes") else.
std::vector<std::string> class_names(int num_classes);

// Target indices (sorted, unique) of a patch labelled with 43-class `indices43`, in the
// `num_classes` nomenclature. Dropped classes vanish, so the result may be empty.
std::vector<int> target_indices(const std::vector<int>& indices43, int num_classes);

}  // namespace eorun::bigearthnet
