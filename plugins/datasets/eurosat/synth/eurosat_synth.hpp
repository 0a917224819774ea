// A synthetic dataset in exactly EuroSAT's layouts, for tests, demos and benchmarks:
//
//   <out>/EuroSAT_MS/<Class>/<Class>_<N>.tif    13-band UInt16 GeoTIFF, 64x64, EPSG:32633, bands
//                                               B01..B08, B09, B10, B11, B12, B8A (B8A last)
//   <out>/EuroSAT_RGB/<Class>/<Class>_<N>.jpg   the same scene as an 8-bit JPEG (B04, B03, B02)
//   <out>/eurosat-{train,val,test}.txt          one file name per line, `<Class>_<N>.jpg`, as the
//                                               official split files name them
//
// Sample i is of class i % 10 with N = i / 10 + 1, so every class has samples from 10 on. The
// split is stratified by class (support/stratified_split.hpp). Every byte follows from the
// request: the same request writes the same files, whatever the thread count.
#pragma once

#include <string>

#include "eorun/params.hpp"
#include "eorun/synth.hpp"

namespace eorun::eurosat {

inline constexpr const char* kSynthMsFolder = "EuroSAT_MS";
inline constexpr const char* kSynthRgbFolder = "EuroSAT_RGB";

// `<Class>_<N>` of synthetic sample `index`.
std::string synth_sample_id(int index);
// Class index of synthetic sample `index`.
int synth_sample_class(int index);

// The plugin's synth hook (SDK: SynthFunction). Synth parameter `format`: "ms", "rgb" or "both"
// (which layout folders are written; the split files always are). Each layout folder is written
// under a temporary name and renamed into place at the end. Throws eorun::Error for an existing
// copy without `overwrite`, fractions that leave no training sample, or a file that cannot be
// written.
SynthResult write_synthetic_eurosat(const SynthRequest& request, const Params& options);

}  // namespace eorun::eurosat
