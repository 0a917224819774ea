#include "label_map.hpp"

#include <algorithm>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {

const std::array<std::string_view, kClasses43>& clc43_names() {
  static constexpr std::array<std::string_view, kClasses43> names = {
      "Continuous urban fabric",
      "Discontinuous urban fabric",
      "Industrial or commercial units",
      "Road and rail networks and associated land",
      "Port areas",
      "Airports",
      "Mineral extraction sites",
      "Dump sites",
      "Construction sites",
      "Green urban areas",
      "Sport and leisure facilities",
      "Non-irrigated arable land",
      "Permanently irrigated land",
      "Rice fields",
      "Vineyards",
      "Fruit trees and berry plantations",
      "Olive groves",
      "Pastures",
      "Annual crops associated with permanent crops",
      "Complex cultivation patterns",
      "Land principally occupied by agriculture, with significant areas of natural vegetation",
      "Agro-forestry areas",
      "Broad-leaved forest",
      "Coniferous forest",
      "Mixed forest",
      "Natural grassland",
      "Moors and heathland",
      "Sclerophyllous vegetation",
      "Transitional woodland/shrub",
      "Beaches, dunes, sands",
      "Bare rock",
      "Sparsely vegetated areas",
      "Burnt areas",
      "Inland marshes",
      "Peatbogs",
      "Salt marshes",
      "Salines",
      "Intertidal flats",
      "Water courses",
      "Water bodies",
      "Coastal lagoons",
      "Estuaries",
      "Sea and ocean",
  };
  return names;
}

const std::array<std::string_view, kClasses19>& clc19_names() {
  static constexpr std::array<std::string_view, kClasses19> names = {
      "Urban fabric",
      "Industrial or commercial units",
      "Arable land",
      "Permanent crops",
      "Pastures",
      "Complex cultivation patterns",
      "Land principally occupied by agriculture, with significant areas of natural vegetation",
      "Agro-forestry areas",
      "Broad-leaved forest",
      "Coniferous forest",
      "Mixed forest",
      "Natural grassland and sparsely vegetated areas",
      "Moors, heathland and sclerophyllous vegetation",
      "Transitional woodland, shrub",
      "Beaches, dunes, sands",
      "Inland wetlands",
      "Coastal wetlands",
      "Inland waters",
      "Marine waters",
  };
  return names;
}

const std::array<int, kClasses43>& clc43_to_19() {
  constexpr int D = kDropped;
  static constexpr std::array<int, kClasses43> mapping = {
      0,  0,  1,  D,  D,  D,  D,  D,  D,  D,   // 0-9
      D,  2,  2,  2,  3,  3,  3,  4,  3,  5,   // 10-19
      6,  7,  8,  9,  10, 11, 12, 12, 13, 14,  // 20-29
      D,  11, D,  15, 15, 16, 16, D,  17, 17,  // 30-39
      18, 18, 18,                              // 40-42
  };
  return mapping;
}

namespace {

template <std::size_t N>
std::optional<int> index_of(const std::array<std::string_view, N>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<int>(it - names.begin());
}

}  // namespace

std::optional<int> clc43_index(std::string_view name) { return index_of(clc43_names(), name); }

std::optional<int> clc19_index(std::string_view name) { return index_of(clc19_names(), name); }

std::vector<std::string> class_names(int num_classes) {
  if (num_classes == kClasses43) return {clc43_names().begin(), clc43_names().end()};
  if (num_classes == kClasses19) return {clc19_names().begin(), clc19_names().end()};
  throw Error("dataset.classes",
              "BigEarthNet has no " + std::to_string(num_classes) + "-class nomenclature",
              "use 43 (CORINE level 3, as in the label files) or 19 (Sumbul et al. 2020)");
}

std::vector<int> target_indices(const std::vector<int>& indices43, int num_classes) {
  std::vector<int> out;
  for (int index : indices43) {
    int mapped =
        num_classes == kClasses43 ? index : clc43_to_19().at(static_cast<std::size_t>(index));
    if (mapped != kDropped) out.push_back(mapped);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace eorun::bigearthnet
