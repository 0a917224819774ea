#include "synth/patch_painter.hpp"

#include <algorithm>
#include <cmath>

#include "support/synth_random.hpp"

namespace eorun::bigearthnet {

using support::Random;

namespace {

constexpr int kMaxClassesPerPatch = 3;
constexpr int kMaxSeedsPerClass = 3;
constexpr int kParcelGrid = 16;          // parcels per side at most (cell >= 8 px)
constexpr double kNoiseRelative = 0.02;  // sensor noise, share of the signal
constexpr double kNoiseFloor = 15.0;     // sensor noise floor in DN
constexpr double kPi = 3.141592653589793;

struct SeedPoint {
  double x;
  double y;
  int class_index;
};

// How many classes a patch has: 1 (35 %), 2 (40 %) or 3 (25 %).
int draw_class_count(Random& random) {
  double u = random.uniform();
  return u < 0.35 ? 1 : (u < 0.75 ? 2 : kMaxClassesPerPatch);
}

// Per-patch parameters of the textures.
struct TextureField {
  double stripe_cos = 1.0;
  double stripe_sin = 0.0;
  double stripe_period = 8.0;
  int parcel_cell = 12;
  std::array<double, kParcelGrid * kParcelGrid> parcel_level{};

  explicit TextureField(Random& random) {
    double angle = random.uniform(0.0, kPi);
    stripe_cos = std::cos(angle);
    stripe_sin = std::sin(angle);
    stripe_period = random.uniform(5.0, 11.0);
    parcel_cell = 8 + static_cast<int>(random.below(9));  // 8..16 px
    for (double& level : parcel_level) level = random.uniform(-1.0, 1.0);
  }

  // Texture value in [-1, 1] of `texture` at pixel (x, y); `pixel_noise` is uniform [-1, 1].
  double at(Texture texture, int x, int y, double pixel_noise) const {
    switch (texture) {
      case Texture::smooth:
        return pixel_noise;
      case Texture::stripes:
        return std::sin(2.0 * kPi * (x * stripe_cos + y * stripe_sin) / stripe_period);
      case Texture::parcels:
        return parcel_level[static_cast<std::size_t>((y / parcel_cell) * kParcelGrid +
                                                     x / parcel_cell)];
      case Texture::grain:
        return pixel_noise;
      case Texture::canopy:
        return pixel_noise;
    }
    return 0.0;
  }
};

}  // namespace

PaintedPatch paint_patch(std::uint64_t seed) {
  Random random(seed);
  const auto& classes = synth_classes();
  const auto& bands = synth_bands();

  PaintedPatch patch;
  std::vector<int> order(kSynthClassCount);
  for (int i = 0; i < kSynthClassCount; ++i) order[static_cast<std::size_t>(i)] = i;
  random.shuffle(order);
  patch.classes.assign(order.begin(), order.begin() + draw_class_count(random));
  std::sort(patch.classes.begin(), patch.classes.end());

  std::vector<SeedPoint> seeds;
  std::array<double, kSynthClassCount> brightness{};
  for (int c : patch.classes) {
    brightness[static_cast<std::size_t>(c)] = random.uniform(0.9, 1.1);
    int count = 1 + static_cast<int>(random.below(kMaxSeedsPerClass));
    for (int s = 0; s < count; ++s)
      seeds.push_back({random.uniform(0.0, kFineSize), random.uniform(0.0, kFineSize), c});
  }
  const TextureField field(random);

  // The 10 m scene, band-major: fine[b][y * 120 + x].
  constexpr int kFinePixels = kFineSize * kFineSize;
  std::vector<float> fine(static_cast<std::size_t>(kSynthBands) * kFinePixels);
  patch.cover.resize(kFinePixels);
  for (int y = 0; y < kFineSize; ++y) {
    for (int x = 0; x < kFineSize; ++x) {
      const SeedPoint* nearest = &seeds.front();
      double best = 1e300;
      for (const SeedPoint& point : seeds) {
        double dx = point.x - (x + 0.5);
        double dy = point.y - (y + 0.5);
        double d = dx * dx + dy * dy;
        if (d < best) {
          best = d;
          nearest = &point;
        }
      }
      const SynthClass& cover = classes[static_cast<std::size_t>(nearest->class_index)];
      patch.cover[static_cast<std::size_t>(y * kFineSize + x)] =
          static_cast<std::uint8_t>(nearest->class_index);
      double pixel_noise = random.uniform(-1.0, 1.0);
      double factor = brightness[static_cast<std::size_t>(nearest->class_index)] *
                      (1.0 + cover.texture_amplitude * field.at(cover.texture, x, y, pixel_noise));
      for (int b = 0; b < kSynthBands; ++b)
        fine[static_cast<std::size_t>(b) * kFinePixels + y * kFineSize + x] =
            static_cast<float>(cover.reflectance[static_cast<std::size_t>(b)] * factor);
    }
  }

  for (int b = 0; b < kSynthBands; ++b) {
    const int size = bands[static_cast<std::size_t>(b)].size;
    const int block = kFineSize / size;
    const float* source = fine.data() + static_cast<std::size_t>(b) * kFinePixels;
    std::vector<std::uint16_t>& out = patch.bands[static_cast<std::size_t>(b)];
    out.resize(static_cast<std::size_t>(size) * size);
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        double sum = 0.0;
        for (int dy = 0; dy < block; ++dy)
          for (int dx = 0; dx < block; ++dx)
            sum += source[(y * block + dy) * kFineSize + x * block + dx];
        double value = sum / (block * block);
        value += (kNoiseRelative * value + kNoiseFloor) * random.approx_normal();
        value = std::clamp(std::round(value), 1.0, 65535.0);
        out[static_cast<std::size_t>(y) * size + x] = static_cast<std::uint16_t>(value);
      }
    }
  }
  return patch;
}

}  // namespace eorun::bigearthnet
