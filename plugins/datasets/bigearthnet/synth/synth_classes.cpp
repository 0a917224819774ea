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
  // Reflectances loosely follow Sentinel-2 L2A spectra of each cover type, backscatter typical
  // C-band VV/VH levels (dB).
  //            B01   B02   B03   B04   B05   B06   B07   B08   B8A   B09   B11   B12
  static const std::array<SynthClass, kSynthClassCount> classes = {{
      {"Discontinuous urban fabric",
       {1150, 1250, 1300, 1400, 1550, 1700, 1800, 1900, 1950, 700, 2300, 2000},
       Texture::grain,
       0.35,
       {-6.0, -13.0}},
      {"Non-irrigated arable land",
       {850, 800, 1000, 1150, 1500, 2100, 2400, 2600, 2700, 800, 2700, 1900},
       Texture::stripes,
       0.25,
       {-12.0, -19.0}},
      {"Pastures",
       {500, 450, 750, 500, 1100, 2800, 3300, 3500, 3600, 900, 2000, 1000},
       Texture::smooth,
       0.04,
       {-11.0, -17.5}},
      {"Complex cultivation patterns",
       {700, 650, 900, 850, 1300, 2300, 2700, 2900, 3000, 850, 2300, 1400},
       Texture::parcels,
       0.35,
       {-10.5, -17.0}},
      {"Broad-leaved forest",
       {320, 300, 550, 300, 800, 2700, 3400, 3700, 3800, 950, 1700, 750},
       Texture::canopy,
       0.10,
       {-8.0, -13.5}},
      {"Coniferous forest",
       {280, 270, 480, 260, 600, 1500, 1800, 2100, 2200, 600, 1000, 450},
       Texture::canopy,
       0.10,
       {-8.5, -14.0}},
      {"Transitional woodland/shrub",
       {480, 430, 680, 520, 950, 2000, 2350, 2600, 2700, 750, 2200, 1250},
       Texture::canopy,
       0.15,
       {-9.5, -15.5}},
      {"Water bodies",
       {420, 500, 600, 400, 350, 300, 280, 250, 230, 150, 120, 100},
       Texture::smooth,
       0.03,
       {-20.0, -26.0}},
  }};
  return classes;
}

}  // namespace eorun::bigearthnet
