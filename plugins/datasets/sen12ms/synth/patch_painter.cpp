#include "synth/patch_painter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "band_set.hpp"
#include "igbp.hpp"
#include "support/synth_random.hpp"
#include "synth/synth_look.hpp"

namespace eorun::sen12ms {

namespace {

constexpr std::uint64_t kMaxClasses = 3;
constexpr std::uint64_t kExtraPoints = 3;     // seed points beyond one per class: 0..2
constexpr double kBrightnessSpread = 0.16;    // per-patch class brightness 0.92..1.08
constexpr double kTexture = 0.03;             // relative pixel variation of s2
constexpr double kS2NoiseDn = 10.0;
constexpr double kSpeckleDb = 1.5;
constexpr std::uint64_t kMaxNanPixels = 3;    // 1..3 NaN pixels per s1 file
constexpr int kLccsStep = 10;                 // lc bands 2-4 placeholders: code*10 + 10/20/30

struct SeedPoint {
  double x, y;
  std::size_t cls;  // index into the patch's classes
};

}  // namespace

PaintedTriplet paint_triplet(std::uint64_t seed, int size, const std::vector<int>& palette) {
  support::Random random(seed);
  std::vector<int> classes = palette;
  random.shuffle(classes);
  classes.resize(1 + random.below(std::min<std::uint64_t>(kMaxClasses, palette.size())));

  std::vector<SeedPoint> points;
  const std::size_t point_count = classes.size() + random.below(kExtraPoints);
  for (std::size_t p = 0; p < point_count; ++p)
    points.push_back({random.uniform(0, size), random.uniform(0, size),
                      p < classes.size() ? p : random.below(classes.size())});
  std::vector<double> brightness(classes.size());
  for (double& b : brightness) b = 1.0 - kBrightnessSpread / 2 + kBrightnessSpread * random.uniform();
  std::vector<SynthLook> looks;
  for (int code : classes) looks.push_back(synth_look(code));

  const auto pixels = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
  PaintedTriplet triplet;
  triplet.lc.resize(pixels * kLcBands);
  triplet.s2.resize(pixels * kS2Bands);
  triplet.s1.resize(pixels * kS1Bands);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * static_cast<std::size_t>(size) +
                            static_cast<std::size_t>(x);
      std::size_t cls = 0;
      double nearest = std::numeric_limits<double>::max();
      for (const SeedPoint& point : points) {
        const double d = (point.x - x - 0.5) * (point.x - x - 0.5) +
                         (point.y - y - 0.5) * (point.y - y - 0.5);
        if (d < nearest) {
          nearest = d;
          cls = point.cls;
        }
      }
      const int code = classes[cls];
      for (int band = 0; band < kLcBands; ++band)
        triplet.lc[static_cast<std::size_t>(band) * pixels + i] =
            static_cast<std::uint16_t>(band == 0 ? code : code * kLccsStep + band * kLccsStep);
      const SynthLook& look = looks[cls];
      for (int band = 0; band < kS2Bands; ++band) {
        const double value = look.s2[static_cast<std::size_t>(band)] * brightness[cls] *
                                 (1.0 + kTexture * random.approx_normal()) +
                             kS2NoiseDn * random.approx_normal();
        triplet.s2[static_cast<std::size_t>(band) * pixels + i] =
            static_cast<std::uint16_t>(std::clamp(std::lround(value), 1L, 65535L));
      }
      triplet.s1[i] = static_cast<float>(look.vv_db + kSpeckleDb * random.approx_normal());
      triplet.s1[pixels + i] = static_cast<float>(look.vh_db + kSpeckleDb * random.approx_normal());
    }
  }
  const std::uint64_t nan_pixels = 1 + random.below(kMaxNanPixels);
  for (std::uint64_t n = 0; n < nan_pixels; ++n)
    triplet.s1[random.below(triplet.s1.size())] = std::numeric_limits<float>::quiet_NaN();
  return triplet;
}

}  // namespace eorun::sen12ms
