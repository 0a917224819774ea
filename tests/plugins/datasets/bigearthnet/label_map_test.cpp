// The class tables, checked row by row against DOMAIN.md (typed in here independently).
#include "label_map.hpp"

#include <set>

#include <gtest/gtest.h>

#include "eorun/error.hpp"

namespace eorun::bigearthnet {
namespace {

struct Row {
  int index43;
  const char* name43;
  int index19;  // -1: dropped
};

// DOMAIN.md, "43 classes (this order; NOT alphabetical) and the 19-class mapping".
const Row kTable[] = {
    {0, "Continuous urban fabric", 0},
    {1, "Discontinuous urban fabric", 0},
    {2, "Industrial or commercial units", 1},
    {3, "Road and rail networks and associated land", -1},
    {4, "Port areas", -1},
    {5, "Airports", -1},
    {6, "Mineral extraction sites", -1},
    {7, "Dump sites", -1},
    {8, "Construction sites", -1},
    {9, "Green urban areas", -1},
    {10, "Sport and leisure facilities", -1},
    {11, "Non-irrigated arable land", 2},
    {12, "Permanently irrigated land", 2},
    {13, "Rice fields", 2},
    {14, "Vineyards", 3},
    {15, "Fruit trees and berry plantations", 3},
    {16, "Olive groves", 3},
    {17, "Pastures", 4},
    {18, "Annual crops associated with permanent crops", 3},
    {19, "Complex cultivation patterns", 5},
    {20, "Land principally occupied by agriculture, with significant areas of natural vegetation",
     6},
    {21, "Agro-forestry areas", 7},
    {22, "Broad-leaved forest", 8},
    {23, "Coniferous forest", 9},
    {24, "Mixed forest", 10},
    {25, "Natural grassland", 11},
    {26, "Moors and heathland", 12},
    {27, "Sclerophyllous vegetation", 12},
    {28, "Transitional woodland/shrub", 13},
    {29, "Beaches, dunes, sands", 14},
    {30, "Bare rock", -1},
    {31, "Sparsely vegetated areas", 11},
    {32, "Burnt areas", -1},
    {33, "Inland marshes", 15},
    {34, "Peatbogs", 15},
    {35, "Salt marshes", 16},
    {36, "Salines", 16},
    {37, "Intertidal flats", -1},
    {38, "Water courses", 17},
    {39, "Water bodies", 17},
    {40, "Coastal lagoons", 18},
    {41, "Estuaries", 18},
    {42, "Sea and ocean", 18},
};

const char* const k19Names[] = {
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

class Clc43Row : public ::testing::TestWithParam<Row> {};

// One test per row of the table: name byte-exact at its index, lookup by name, 19-class target.
TEST_P(Clc43Row, NameIndexAndNineteenClassMapping) {
  const Row& row = GetParam();
  const auto i = static_cast<std::size_t>(row.index43);
  EXPECT_EQ(clc43_names()[i], row.name43);
  ASSERT_TRUE(clc43_index(row.name43).has_value());
  EXPECT_EQ(*clc43_index(row.name43), row.index43);
  EXPECT_EQ(clc43_to_19()[i], row.index19 < 0 ? kDropped : row.index19);
  std::vector<int> target = target_indices({row.index43}, 19);
  if (row.index19 < 0) {
    EXPECT_TRUE(target.empty());
  } else {
    EXPECT_EQ(target, std::vector<int>{row.index19});
  }
  EXPECT_EQ(target_indices({row.index43}, 43), std::vector<int>{row.index43});
}

INSTANTIATE_TEST_SUITE_P(AllFortyThree, Clc43Row, ::testing::ValuesIn(kTable),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           return "class" + std::to_string(info.param.index43);
                         });

TEST(LabelMap, TableHasFortyThreeRowsInOrder) {
  ASSERT_EQ(std::size(kTable), 43u);
  for (std::size_t i = 0; i < std::size(kTable); ++i)
    EXPECT_EQ(kTable[i].index43, static_cast<int>(i));
  EXPECT_EQ(clc43_names().size(), 43u);
}

TEST(LabelMap, NineteenNamesAreExact) {
  ASSERT_EQ(clc19_names().size(), 19u);
  for (std::size_t i = 0; i < 19; ++i) EXPECT_EQ(clc19_names()[i], k19Names[i]) << i;
}

TEST(LabelMap, ElevenClassesAreDroppedAndEveryNineteenClassIsReached) {
  int dropped = 0;
  std::set<int> reached;
  for (int mapped : clc43_to_19()) {
    if (mapped == kDropped) {
      ++dropped;
    } else {
      ASSERT_GE(mapped, 0);
      ASSERT_LT(mapped, 19);
      reached.insert(mapped);
    }
  }
  EXPECT_EQ(dropped, 11);
  EXPECT_EQ(reached.size(), 19u);
}

TEST(LabelMap, NamesAreUnique) {
  std::set<std::string_view> names(clc43_names().begin(), clc43_names().end());
  EXPECT_EQ(names.size(), 43u);
}

TEST(LabelMap, LookupIsExact) {
  EXPECT_FALSE(clc43_index("pastures").has_value());
  EXPECT_FALSE(clc43_index("Pastures ").has_value());
  EXPECT_FALSE(clc43_index("Transitional woodland, shrub").has_value());  // a 19-class name
  EXPECT_FALSE(clc43_index("").has_value());
}

TEST(LabelMap, TargetsMergeSortAndDropDuplicates) {
  // Continuous + discontinuous urban fabric -> one "Urban fabric"; Airports vanish.
  EXPECT_EQ(target_indices({1, 0, 5, 39, 38}, 19), (std::vector<int>{0, 17}));
  EXPECT_EQ(target_indices({39, 11, 1}, 43), (std::vector<int>{1, 11, 39}));
  EXPECT_TRUE(target_indices({3, 4, 30, 32, 37}, 19).empty());  // all dropped: all-zero target
  EXPECT_TRUE(target_indices({}, 19).empty());
}

TEST(LabelMap, ClassNamesForBothNomenclatures) {
  auto names43 = class_names(43);
  auto names19 = class_names(19);
  ASSERT_EQ(names43.size(), 43u);
  ASSERT_EQ(names19.size(), 19u);
  EXPECT_EQ(names43[17], "Pastures");
  EXPECT_EQ(names19[0], "Urban fabric");
  try {
    class_names(10);
    FAIL() << "10 classes must be refused";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("dataset.classes"), std::string::npos) << e.what();
  }
}

TEST(LabelMap, NineteenClassNamesAreFoundByteExactly) {
  for (int k = 0; k < 19; ++k)
    EXPECT_EQ(clc19_index(clc19_names()[static_cast<std::size_t>(k)]), k);
  EXPECT_EQ(clc19_index("Transitional woodland, shrub"), 13);
  EXPECT_EQ(clc19_index("Transitional woodland/shrub"), std::nullopt) << "the 43-class spelling";
  EXPECT_EQ(clc19_index("urban fabric"), std::nullopt);
  EXPECT_EQ(clc19_index("Inland waters "), std::nullopt);
}

}  // namespace
}  // namespace eorun::bigearthnet
