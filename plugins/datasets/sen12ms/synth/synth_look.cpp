#include "synth/synth_look.hpp"

namespace eorun::sen12ms {

namespace {

// One look per simplified class, bands B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B10,B11,B12.
constexpr std::array<SynthLook, kSimplifiedClasses> kSimplifiedLooks = {{
    {{1300, 1000, 900, 700, 1000, 2000, 2400, 2600, 2700, 900, 20, 1500, 800}, -7.5, -13.0},
    {{1400, 1150, 1100, 1150, 1450, 1900, 2100, 2200, 2350, 850, 18, 2300, 1600}, -10.0, -16.5},
    {{1350, 1100, 1050, 1000, 1350, 2000, 2300, 2450, 2550, 880, 19, 2100, 1350}, -9.0, -15.5},
    {{1300, 1050, 1100, 900, 1400, 2600, 3000, 3200, 3300, 950, 17, 2200, 1300}, -11.0, -18.0},
    {{1250, 1000, 950, 800, 1000, 1400, 1600, 1700, 1750, 700, 15, 1100, 700}, -13.0, -21.0},
    {{1350, 1100, 1200, 1100, 1500, 2400, 2800, 3000, 3100, 900, 18, 2500, 1700}, -9.5, -17.0},
    {{1600, 1500, 1450, 1500, 1650, 1800, 1900, 2000, 2050, 800, 25, 2300, 2100}, -4.0, -11.0},
    {{5000, 5200, 5100, 5000, 4800, 4600, 4500, 4400, 4300, 1500, 60, 600, 500}, -14.0, -22.0},
    {{1800, 1700, 1800, 2000, 2200, 2400, 2500, 2600, 2700, 1000, 30, 3200, 2800}, -15.0, -24.0},
    {{1200, 900, 700, 450, 400, 350, 330, 300, 280, 150, 10, 150, 100}, -20.0, -28.0},
}};

constexpr double kBrightnessStep = 0.12;  // s2 brightness between IGBP classes of one group
constexpr double kBackscatterStep = 1.5;  // dB between IGBP classes of one group

}  // namespace

SynthLook synth_look(int igbp) {
  const int group = simplified_index(igbp);
  int rank = 0;  // position of `igbp` among the codes of its simplified class
  for (int code = 1; code < igbp; ++code)
    if (simplified_index(code) == group) ++rank;
  SynthLook look = kSimplifiedLooks[static_cast<std::size_t>(group)];
  const double factor = 1.0 + kBrightnessStep * rank;
  for (double& value : look.s2) value *= factor;
  look.vv_db += kBackscatterStep * rank;
  look.vh_db += kBackscatterStep * rank;
  return look;
}

}  // namespace eorun::sen12ms
