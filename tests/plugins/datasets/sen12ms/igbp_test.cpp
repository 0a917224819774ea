// IGBP classes: the 17 -> 10 mapping for every code, fractions over valid pixels only, the
// threshold boundary, merging before thresholding, and argmax ties.
#include "igbp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace eorun::sen12ms {
namespace {

ClassCounts counts_of(const std::vector<float>& values) {
  return count_classes(values.data(), values.size());
}

// `n` pixels of `value` appended to `values`.
void add(std::vector<float>& values, float value, int n) { values.insert(values.end(), n, value); }

TEST(Sen12msIgbp, EveryCodeMapsToItsSimplifiedClass) {
  // DOMAIN.md: Forest = 1-5, Shrubland = 6-7, Savanna = 8-9, Grassland = 10, Wetlands = 11,
  // Croplands = 12 + 14, Urban = 13, Snow/Ice = 15, Barren = 16, Water = 17.
  const int expected[kIgbpClasses] = {0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 5, 7, 8, 9};
  for (int code = 1; code <= kIgbpClasses; ++code)
    EXPECT_EQ(simplified_index(code), expected[code - 1]) << "IGBP " << code;
  EXPECT_EQ(class_names(Nomenclature::simplified),
            (std::vector<std::string>{"Forest", "Shrubland", "Savanna", "Grassland", "Wetlands",
                                      "Croplands", "Urban", "Snow/Ice", "Barren", "Water"}));
  const auto& full = class_names(Nomenclature::full);
  ASSERT_EQ(full.size(), 17u);
  EXPECT_EQ(full[0], "Evergreen Needleleaf Forests");
  EXPECT_EQ(full[12], "Urban and Built-Up Lands");
  EXPECT_EQ(full[13], "Cropland/Natural Vegetation Mosaics");
  EXPECT_EQ(full[16], "Water Bodies");
}

TEST(Sen12msIgbp, FractionsCountOnlyValidClassPixels) {
  std::vector<float> values;
  add(values, 1, 40);
  add(values, 12, 10);
  add(values, 14, 10);
  add(values, 17, 20);
  // Not classes: 0 (no data), 18 and 255 (out of range), 2.5, -1, NaN.
  for (float invalid : {0.0f, 18.0f, 255.0f, 2.5f, -1.0f, std::numeric_limits<float>::quiet_NaN()})
    add(values, invalid, 3);
  add(values, 0, 2);
  const ClassCounts counts = counts_of(values);
  EXPECT_EQ(counts.valid, 80);
  std::vector<double> full(17, 0.0);
  full[0] = 0.5;
  full[11] = 0.125;
  full[13] = 0.125;
  full[16] = 0.25;
  EXPECT_EQ(class_fractions(counts, Nomenclature::full), full);
  std::vector<double> simplified(10, 0.0);
  simplified[0] = 0.5;   // Forest
  simplified[5] = 0.25;  // Croplands = 12 + 14
  simplified[9] = 0.25;  // Water
  EXPECT_EQ(class_fractions(counts, Nomenclature::simplified), simplified);
}

TEST(Sen12msIgbp, NoValidPixelMeansNoCount) {
  std::vector<float> values;
  add(values, 0, 50);
  add(values, 255, 50);
  EXPECT_EQ(counts_of(values).valid, 0);
}

TEST(Sen12msIgbp, ThresholdIncludesItsBoundary) {
  std::vector<float> values;
  add(values, 10, 10);  // exactly 0.1
  add(values, 11, 9);   // 0.09
  add(values, 1, 81);
  const auto fractions = class_fractions(counts_of(values), Nomenclature::full);
  EXPECT_EQ(multi_label(fractions, 0.1), (std::vector<int>{0, 9}));
  EXPECT_EQ(multi_label(fractions, 0.09), (std::vector<int>{0, 9, 10}));
  EXPECT_EQ(multi_label(fractions, 0.11), (std::vector<int>{0}));
}

TEST(Sen12msIgbp, ThresholdAppliesAfterSimplification) {
  std::vector<float> values;
  add(values, 12, 6);  // 0.06 each: below 0.1 alone, Croplands 0.12 together
  add(values, 14, 6);
  add(values, 5, 88);
  const ClassCounts counts = counts_of(values);
  EXPECT_EQ(multi_label(class_fractions(counts, Nomenclature::full), 0.1),
            (std::vector<int>{4}));
  EXPECT_EQ(multi_label(class_fractions(counts, Nomenclature::simplified), 0.1),
            (std::vector<int>{0, 5}));
}

TEST(Sen12msIgbp, SingleLabelTiesGoToTheLowerClass) {
  std::vector<float> values;
  add(values, 4, 50);
  add(values, 2, 50);
  EXPECT_EQ(single_label(class_fractions(counts_of(values), Nomenclature::full)), 1);
  values.clear();
  add(values, 17, 50);
  add(values, 10, 50);
  EXPECT_EQ(single_label(class_fractions(counts_of(values), Nomenclature::full)), 9);
  EXPECT_EQ(single_label(class_fractions(counts_of(values), Nomenclature::simplified)), 3);
  values.clear();
  add(values, 6, 30);   // Shrubland 0.3 + 0.3 after merging beats Water's 0.4
  add(values, 7, 30);
  add(values, 17, 40);
  EXPECT_EQ(single_label(class_fractions(counts_of(values), Nomenclature::full)), 16);
  EXPECT_EQ(single_label(class_fractions(counts_of(values), Nomenclature::simplified)), 1);
}

}  // namespace
}  // namespace eorun::sen12ms
