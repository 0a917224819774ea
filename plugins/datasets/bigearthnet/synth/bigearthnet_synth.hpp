// A synthetic dataset in exactly the BigEarthNet v1.0 Sentinel-2 layout, for tests, benchmarks
// and the quickstart (no download needed):
//
//   <out>/BigEarthNet-v1.0/<patch>/<patch>_B01.tif ... _B12.tif, _B8A.tif   UInt16 GeoTIFFs,
//        120 px (10 m bands), 60 px (20 m), 20 px (60 m); EPSG:32633, 1.2 km square patches
//   <out>/BigEarthNet-v1.0/<patch>/<patch>_labels_metadata.json            labels (43-class
//        names), coordinates{ulx,uly,lrx,lry}, projection (WKT), tile_source, acquisition_date
//   <out>/bigearthnet-{train,val,test}.csv                                 no header; S2,S1 names
//
// Labels are learnable from the pixels (see patch_painter.hpp and synth_classes.hpp). Every byte
// is determined by the seed: the same options write the same files, whatever the thread count.
#pragma once

#include <string>

#include "eorun/params.hpp"
#include "eorun/synth.hpp"

namespace eorun::bigearthnet {

// Name of synthetic patch `index`: "S2A_MSIL2A_20170613T101031_<row>_<col>" with row = index / 100
// and col = index % 100; its Sentinel-1 partner
// "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_<row>_<col>".
std::string synth_s2_patch_name(int index);
std::string synth_s1_patch_name(int index);

// The S2 folder name inside `out` and the split file names, as BigEarthNet v1.0 has them.
inline constexpr const char* kSynthS2Folder = "BigEarthNet-v1.0";
inline constexpr const char* kSynthTrainCsv = "bigearthnet-train.csv";
inline constexpr const char* kSynthValCsv = "bigearthnet-val.csv";
inline constexpr const char* kSynthTestCsv = "bigearthnet-test.csv";

// The plugin's synth hook (SDK: SynthFunction). The patches are written under a temporary folder
// that is renamed into place at the end, so an interrupted run never leaves a half-written
// BigEarthNet-v1.0. Throws eorun::Error for an existing copy without `overwrite`, fractions that
// leave no training patch, or a file that cannot be written.
SynthResult write_synthetic_bigearthnet(const SynthRequest& request, const Params& options);

}  // namespace eorun::bigearthnet
