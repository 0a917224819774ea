#include "synth/patch_painter.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include <gtest/gtest.h>

namespace eorun::bigearthnet {
namespace {

constexpr int kB02 = 1, kB03 = 2, kB04 = 3, kB06 = 5, kB08 = 7, kB11 = 10;

double band_mean(const PaintedPatch& patch, int band) {
  const auto& pixels = patch.bands[static_cast<std::size_t>(band)];
  double sum = 0.0;
  for (std::uint16_t v : pixels) sum += v;
  return sum / static_cast<double>(pixels.size());
}

int class_index(const std::string& name) {
  const auto& classes = synth_classes();
  for (std::size_t i = 0; i < classes.size(); ++i)
    if (classes[i].name == name) return static_cast<int>(i);
  return -1;
}

TEST(SynthBands, CanonicalOrderAndNativeSizes) {
  const char* names[] = {"B01", "B02", "B03", "B04", "B05", "B06",
                         "B07", "B08", "B8A", "B09", "B11", "B12"};
  const int sizes[] = {20, 120, 120, 120, 60, 60, 60, 120, 60, 20, 60, 60};
  ASSERT_EQ(synth_bands().size(), 12u);
  for (std::size_t i = 0; i < 12; ++i) {
    EXPECT_EQ(synth_bands()[i].name, names[i]);
    EXPECT_EQ(synth_bands()[i].size, sizes[i]) << names[i];
  }
}

TEST(SynthClasses, AreBigEarthNetNamesOfDistinct19Classes) {
  // Each of these 43-class names maps to its own 19-class name (see DOMAIN.md), in 43-class order.
  const char* expected[] = {"Discontinuous urban fabric",
                            "Non-irrigated arable land",
                            "Pastures",
                            "Complex cultivation patterns",
                            "Broad-leaved forest",
                            "Coniferous forest",
                            "Transitional woodland/shrub",
                            "Water bodies"};
  ASSERT_EQ(synth_classes().size(), 8u);
  for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(synth_classes()[i].name, expected[i]);
}

TEST(PatchPainter, SameSeedSamePatch) {
  PaintedPatch a = paint_patch(123);
  PaintedPatch b = paint_patch(123);
  EXPECT_EQ(a.classes, b.classes);
  for (std::size_t band = 0; band < a.bands.size(); ++band) EXPECT_EQ(a.bands[band], b.bands[band]);
  PaintedPatch c = paint_patch(124);
  EXPECT_NE(a.bands[kB02], c.bands[kB02]);
}

TEST(PatchPainter, BandSizesAndClassLists) {
  std::map<std::size_t, int> count_histogram;
  std::set<int> seen_classes;
  for (std::uint64_t seed = 0; seed < 300; ++seed) {
    PaintedPatch patch = paint_patch(seed);
    ASSERT_GE(patch.classes.size(), 1u);
    ASSERT_LE(patch.classes.size(), 3u);
    ASSERT_TRUE(std::is_sorted(patch.classes.begin(), patch.classes.end()));
    ASSERT_EQ(std::set<int>(patch.classes.begin(), patch.classes.end()).size(),
              patch.classes.size());
    count_histogram[patch.classes.size()] += 1;
    seen_classes.insert(patch.classes.begin(), patch.classes.end());
    for (std::size_t b = 0; b < 12; ++b) {
      const int size = synth_bands()[b].size;
      ASSERT_EQ(patch.bands[b].size(), static_cast<std::size_t>(size * size));
      ASSERT_GE(*std::min_element(patch.bands[b].begin(), patch.bands[b].end()), 1);
    }
  }
  EXPECT_EQ(count_histogram.size(), 3u);  // 1, 2 and 3 classes all occur
  EXPECT_EQ(seen_classes.size(), 8u);
}

// The cheap learnability check: single-class patches of different classes have clearly different
// spectra, and part of the difference is outside the visible bands.
TEST(PatchPainter, ClassesHaveSeparableSpectraWithSignalOutsideRgb) {
  std::map<int, std::vector<std::array<double, 12>>> means;  // class -> per-patch band means
  for (std::uint64_t seed = 0; seed < 600; ++seed) {
    PaintedPatch patch = paint_patch(seed);
    if (patch.classes.size() != 1) continue;
    std::array<double, 12> m{};
    for (int b = 0; b < 12; ++b) m[static_cast<std::size_t>(b)] = band_mean(patch, b);
    means[patch.classes.front()].push_back(m);
  }
  ASSERT_EQ(means.size(), 8u) << "every class should have single-class patches in 600 seeds";

  auto average = [&](int c) {
    std::array<double, 12> avg{};
    for (const auto& m : means[c])
      for (std::size_t b = 0; b < 12; ++b) avg[b] += m[b] / static_cast<double>(means[c].size());
    return avg;
  };
  // Every pair differs by more than 8 % in some band.
  for (int a = 0; a < 8; ++a) {
    for (int b = a + 1; b < 8; ++b) {
      auto ma = average(a);
      auto mb = average(b);
      double best = 0.0;
      for (std::size_t k = 0; k < 12; ++k)
        best = std::max(best, std::abs(ma[k] - mb[k]) / std::max(ma[k], mb[k]));
      EXPECT_GT(best, 0.08) << synth_classes()[static_cast<std::size_t>(a)].name << " vs "
                            << synth_classes()[static_cast<std::size_t>(b)].name;
    }
  }
  // Broad-leaved vs coniferous forest: small difference in RGB, large in NIR and red edge.
  auto broad = average(class_index("Broad-leaved forest"));
  auto conifer = average(class_index("Coniferous forest"));
  double rgb =
      std::max({std::abs(broad[kB02] - conifer[kB02]), std::abs(broad[kB03] - conifer[kB03]),
                std::abs(broad[kB04] - conifer[kB04])});
  EXPECT_GT(std::abs(broad[kB08] - conifer[kB08]), 5 * rgb);
  EXPECT_GT(std::abs(broad[kB06] - conifer[kB06]), 5 * rgb);
  // Water is dark in NIR and SWIR.
  auto water = average(class_index("Water bodies"));
  EXPECT_LT(water[kB08], 400);
  EXPECT_LT(water[kB11], 300);
  EXPECT_GT(broad[kB08], 3000);
}

}  // namespace
}  // namespace eorun::bigearthnet
