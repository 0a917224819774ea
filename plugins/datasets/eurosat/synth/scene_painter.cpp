#include "synth/scene_painter.hpp"

#include <algorithm>
#include <cmath>

#include "eurosat_bands.hpp"
#include "eurosat_layout.hpp"
#include "support/synth_random.hpp"

namespace eorun::eurosat {

namespace {

using support::Random;

constexpr double kPi = 3.141592653589793;
constexpr double kRgbFullScale = 2800.0;  // DN shown as 255 in the RGB layout
constexpr double kNoiseRelative = 0.01;   // sensor noise, share of the signal
constexpr double kNoiseFloor = 3.0;       // DN
constexpr int kPixels = kPatchSize * kPatchSize;
constexpr int kBlockGrid = kPatchSize / 8;  // blocks are at least 8 px

enum class Pattern {
  smooth,   // nearly uniform (pixel noise at a low amplitude)
  canopy,   // mild pixel-scale variation
  grain,    // strong pixel-scale variation (built-up areas)
  stripes,  // field furrows in one direction
  dots,     // rows of trees (orchards, vineyards)
  blocks,   // large buildings and yards
  road,     // a straight road across the background class
  river,    // a winding river through the background class
};

struct SceneClass {
  std::array<double, kSynthBands> signature;  // canonical band order, DN
  Pattern pattern;
  double amplitude;  // relative strength of the pattern
  int background;    // class painted around a road or river (-1: none)
};

// Signatures loosely follow Sentinel-2 L1C spectra. Pasture and HerbaceousVegetation share
// B02-B04 (and AnnualCrop and PermanentCrop too) and differ in B06-B8A, B11 and B12.
const std::array<SceneClass, kClassCount>& scene_classes() {
  // clang-format off
  static const std::array<SceneClass, kClassCount> classes = {{
      //  B01   B02   B03   B04   B05   B06   B07   B08   B8A   B09  B10  B11   B12
      {{1300, 1100, 1050, 1000, 1350, 1900, 2200, 2100, 2400,  800, 18, 2300, 1500}, Pattern::stripes, 0.15, -1},  // AnnualCrop
      {{1250,  950,  850,  650,  950, 2000, 2400, 2300, 2600,  850, 12, 1300,  650}, Pattern::canopy,  0.08, -1},  // Forest
      {{1280, 1050, 1000,  900, 1250, 2100, 2500, 2400, 2700,  900, 15, 1900, 1150}, Pattern::smooth,  0.03, -1},  // HerbaceousVegetation
      {{1400, 1300, 1300, 1350, 1450, 1500, 1550, 1550, 1600,  700, 20, 2300, 2000}, Pattern::road,    0.03,  2},  // Highway
      {{1500, 1450, 1450, 1500, 1600, 1700, 1800, 1750, 1900,  800, 22, 2400, 2100}, Pattern::blocks,  0.25, -1},  // Industrial
      {{1280, 1050, 1000,  900, 1250, 2500, 3000, 2900, 3200, 1000, 15, 1600,  900}, Pattern::smooth,  0.03, -1},  // Pasture
      {{1300, 1100, 1050, 1000, 1350, 1700, 1900, 1800, 2050,  750, 18, 2600, 1800}, Pattern::dots,    0.15, -1},  // PermanentCrop
      {{1420, 1300, 1250, 1250, 1450, 1800, 2000, 1950, 2150,  800, 20, 2200, 1800}, Pattern::grain,   0.30, -1},  // Residential
      {{1200, 1000,  900,  700,  600,  500,  450,  400,  380,  200,  8,  200,  150}, Pattern::river,   0.08,  1},  // River
      {{1200, 1000,  900,  700,  600,  500,  450,  400,  380,  200,  8,  200,  150}, Pattern::smooth,  0.02, -1},  // SeaLake
  }};
  // clang-format on
  return classes;
}

// Per-scene drawn geometry of every pattern.
struct Geometry {
  double cos_angle = 1.0, sin_angle = 0.0;  // direction of stripes, road, river
  double period = 7.0;                      // stripes, dots, river meanders (scaled)
  double phase_x = 0.0, phase_y = 0.0;
  double offset = 0.0;      // road / river distance from the centre
  double half_width = 1.5;  // road / river
  double meander = 6.0;     // river amplitude in px
  int block = 8;
  std::array<double, kBlockGrid * kBlockGrid> block_level{};

  explicit Geometry(Random& random) {
    const double angle = random.uniform(0.0, kPi);
    cos_angle = std::cos(angle);
    sin_angle = std::sin(angle);
    period = random.uniform(5.0, 9.0);
    phase_x = random.uniform(0.0, 2.0 * kPi);
    phase_y = random.uniform(0.0, 2.0 * kPi);
    offset = random.uniform(-14.0, 14.0);
    half_width = random.uniform(1.0, 2.5);
    meander = random.uniform(3.0, 9.0);
    block = 8 + static_cast<int>(random.below(9));  // 8..16 px
    for (double& level : block_level) level = random.uniform(-1.0, 1.0);
  }

  // Coordinates of pixel (x, y) along (u) and across (v) the scene's direction, from the centre.
  double along(int x, int y) const {
    return (x + 0.5 - kPatchSize / 2.0) * cos_angle + (y + 0.5 - kPatchSize / 2.0) * sin_angle;
  }
  double across(int x, int y) const {
    return -(x + 0.5 - kPatchSize / 2.0) * sin_angle + (y + 0.5 - kPatchSize / 2.0) * cos_angle;
  }
};

// The pattern value in [-1, 1] at (x, y), or whether the pixel is on the road or river.
double pattern_at(Pattern pattern, const Geometry& g, int x, int y, double pixel_noise) {
  switch (pattern) {
    case Pattern::stripes:
      return std::sin(2.0 * kPi * g.along(x, y) / g.period + g.phase_x);
    case Pattern::dots:
      return std::cos(2.0 * kPi * x / (g.period - 1.0) + g.phase_x) *
             std::cos(2.0 * kPi * y / (g.period - 1.0) + g.phase_y);
    case Pattern::blocks:
      return g.block_level[static_cast<std::size_t>((y / g.block) * kBlockGrid + x / g.block)];
    default:
      return pixel_noise;
  }
}

bool on_feature(Pattern pattern, const Geometry& g, int x, int y) {
  const double v = g.across(x, y) - g.offset;
  if (pattern == Pattern::road) return std::abs(v) < g.half_width;
  const double centre =
      g.meander * std::sin(2.0 * kPi * g.along(x, y) / (g.period * 5.0) + g.phase_x);
  return std::abs(v - centre) < g.half_width * 1.6;
}

}  // namespace

std::uint8_t to_rgb_byte(double dn) {
  return static_cast<std::uint8_t>(std::clamp(std::round(dn * 255.0 / kRgbFullScale), 0.0, 255.0));
}

const std::array<double, kSynthBands>& class_signature(int class_index) {
  return scene_classes()[static_cast<std::size_t>(class_index)].signature;
}

PaintedScene paint_scene(int class_index, std::uint64_t seed) {
  Random random(seed);
  const SceneClass& scene = scene_classes()[static_cast<std::size_t>(class_index)];
  const double brightness = random.uniform(0.9, 1.1);
  const Geometry geometry(random);
  const bool linear = scene.pattern == Pattern::road || scene.pattern == Pattern::river;

  // Where each canonical band goes in the file (B8A last).
  std::array<int, kSynthBands> file_index{};
  for (int b = 0; b < kSynthBands; ++b)
    file_index[static_cast<std::size_t>(b)] =
        file_band(Format::ms, canonical_bands()[static_cast<std::size_t>(b)]) - 1;

  PaintedScene out;
  out.ms.resize(static_cast<std::size_t>(kSynthBands) * kPixels);
  for (int y = 0; y < kPatchSize; ++y) {
    for (int x = 0; x < kPatchSize; ++x) {
      const double pixel_noise = random.uniform(-1.0, 1.0);
      const SceneClass* cover = &scene;
      double factor = 1.0;
      if (linear && !on_feature(scene.pattern, geometry, x, y)) {
        cover = &scene_classes()[static_cast<std::size_t>(scene.background)];
        factor = 1.0 + cover->amplitude * pattern_at(cover->pattern, geometry, x, y, pixel_noise);
      } else {
        factor = 1.0 + scene.amplitude * pattern_at(scene.pattern, geometry, x, y, pixel_noise);
      }
      for (int b = 0; b < kSynthBands; ++b) {
        double value = cover->signature[static_cast<std::size_t>(b)] * brightness * factor;
        value += (kNoiseRelative * value + kNoiseFloor) * random.approx_normal();
        value = std::clamp(std::round(value), 1.0, 65535.0);
        out.ms[static_cast<std::size_t>(file_index[static_cast<std::size_t>(b)]) * kPixels +
               static_cast<std::size_t>(y * kPatchSize + x)] = static_cast<std::uint16_t>(value);
      }
    }
  }
  out.rgb.resize(static_cast<std::size_t>(kRgbFileBands) * kPixels);
  for (int c = 0; c < kRgbFileBands; ++c) {
    const int band =
        file_band(Format::ms, file_bands(Format::rgb)[static_cast<std::size_t>(c)]) - 1;
    for (int p = 0; p < kPixels; ++p)
      out.rgb[static_cast<std::size_t>(c * kPixels + p)] =
          to_rgb_byte(out.ms[static_cast<std::size_t>(band * kPixels + p)]);
  }
  return out;
}

}  // namespace eorun::eurosat
