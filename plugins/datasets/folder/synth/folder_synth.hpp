// A synthetic example of the `folder` layout, for tests and demos:
//
//   <out>/images/scene_<NNNN>.tif   UInt16 GeoTIFFs of `bands` bands, size x size pixels; with 3
//                                   bands every third file is a PNG and every third a JPEG
//                                   (8-bit values throughout, as RGB images are)
//   <out>/data.csv                  path,label,split with paths relative to the CSV; with
//                                   multi_label, every third row has two labels joined by ';'
//
// Sample i is mainly of class i % classes, each class with its own band signature (and a second
// class painted over half of the image in a multi-label row), so labels are learnable. The split
// is stratified by label set. Every byte follows from the request, whatever the thread count.
#pragma once

#include <string>
#include <vector>

#include "eorun/params.hpp"
#include "eorun/synth.hpp"

namespace eorun::folder {

// The class names the synthetic copy uses, in order (the first `classes` of them).
const std::vector<std::string>& synth_class_names();
// The band names of a synthetic copy of `bands` bands (B04,B03,B02 for 3).
std::vector<std::string> synth_band_names(int bands);

// The plugin's synth hook (SDK: SynthFunction). Synth parameters: bands, classes, size,
// multi_label. Throws eorun::Error for an existing copy without `overwrite`, fractions that
// leave no training sample, or a file that cannot be written.
SynthResult write_synthetic_folder(const SynthRequest& request, const Params& options);

}  // namespace eorun::folder
