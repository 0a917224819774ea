#include "synth/synth_classes.hpp"

namespace eorun::bigearthnet {

const std::array<SynthBand, kSynthBands>& synth_bands() {
  static constexpr std::array<SynthBand, kSynthBands> bands = {{
      {"B01", 20},
      {"B02", 120},
      {"B03", 120},
      {"B04", 120},
      {"B05", 60},
      {"B06", 60},
      {"B07", 60},
      {"B08", 120},
      {"B8A", 60},
      {"B09", 20},
      {"B11", 60},
      {"B12", 60},
  }};
  return bands;
}

const std::array<SynthClass, kSynthClassCount>& synth_classes() {
  // Reflectances loosely follow Sentinel-2 L2A spectra of each cover type.
  //            B01   B02   B03   B04   B05   B06   B07   B08   B8A   B09   B11   B12
  static const std::array<SynthClass, kSynthClassCount> classes = {{
      {"Discontinuous urban fabric",
       {1150, 1250, 1300, 1400, 1550, 1700, 1800, 1900, 1950, 700, 2300, 2000},
       Texture::grain,
       0.35},
      {"Non-irrigated arable land",
       {850, 800, 1000, 1150, 1500, 2100, 2400, 2600, 2700, 800, 2700, 1900},
       Texture::stripes,
       0.25},
      {"Pastures",
       {500, 450, 750, 500, 1100, 2800, 3300, 3500, 3600, 900, 2000, 1000},
       Texture::smooth,
       0.04},
      {"Complex cultivation patterns",
       {700, 650, 900, 850, 1300, 2300, 2700, 2900, 3000, 850, 2300, 1400},
       Texture::parcels,
       0.35},
      {"Broad-leaved forest",
       {320, 300, 550, 300, 800, 2700, 3400, 3700, 3800, 950, 1700, 750},
       Texture::canopy,
       0.10},
      {"Coniferous forest",
       {280, 270, 480, 260, 600, 1500, 1800, 2100, 2200, 600, 1000, 450},
       Texture::canopy,
       0.10},
      {"Transitional woodland/shrub",
       {480, 430, 680, 520, 950, 2000, 2350, 2600, 2700, 750, 2200, 1250},
       Texture::canopy,
       0.15},
      {"Water bodies",
       {420, 500, 600, 400, 350, 300, 280, 250, 230, 150, 120, 100},
       Texture::smooth,
       0.03},
  }};
  return classes;
}

}  // namespace eorun::bigearthnet
