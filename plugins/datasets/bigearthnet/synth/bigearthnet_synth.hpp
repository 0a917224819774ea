// A synthetic dataset in exactly a BigEarthNet layout, for tests, benchmarks and the quickstart
// (no download needed). Synth options: `version` (1 or 2) and `s1` (also write Sentinel-1).
//
// version 1 (BigEarthNet v1.0):
//   <out>/BigEarthNet-v1.0/<patch>/<patch>_B01.tif ... _B12.tif, _B8A.tif   UInt16 GeoTIFFs,
//        120 px (10 m bands), 60 px (20 m), 20 px (60 m); EPSG:32633, 1.2 km square patches
//   <out>/BigEarthNet-v1.0/<patch>/<patch>_labels_metadata.json            labels (43-class
//        names), coordinates{ulx,uly,lrx,lry}, projection (WKT), tile_source, acquisition_date
//   <out>/bigearthnet-{train,val,test}.csv                                 no header; S2,S1 names
//   with s1: <out>/BigEarthNet-S1-v1.0/<s1>/<s1>_VV.tif, _VH.tif            Float32 dB, 120 px
//            <out>/BigEarthNet-S1-v1.0/<s1>/<s1>_labels_metadata.json     labels, coordinates,
//        projection, corresponding_s2_patch, scene_source, acquisition_time
// version 2 (BigEarthNet v2, reBEN):
//   <out>/BigEarthNet-S2/<S2_TILE>/<patch>/<patch>_B01.tif ...              as above, no JSON
//   with s1: <out>/BigEarthNet-S1/<S1_TILE>/<s1>/<s1>_VV.tif, _VH.tif
//   <out>/metadata.csv     patch_id,s1_name,split,labels (19-class names joined with ';', quoted
//                          when one holds a comma); split train, validation or test
//
// Labels are learnable from the pixels (see patch_painter.hpp, radar_painter.hpp and
// synth_classes.hpp). Every byte is determined by the seed: the same options write the same
// files, whatever the thread count. Without s1, version 1 writes what earlier versions wrote.
#pragma once

#include <string>

#include "eorun/params.hpp"
#include "eorun/synth.hpp"

namespace eorun::bigearthnet {

// Name of synthetic patch `index`, row = index / 100 and col = index % 100:
// version 1 "S2A_MSIL2A_20170613T101031_<row>_<col>",
// version 2 "S2A_MSIL2A_20170613T101031_N9999_R022_T33UUP_<row>_<col>";
// its Sentinel-1 partner (both versions) "S1A_IW_GRDH_1SDV_20170613T165043_33UUP_<row>_<col>".
std::string synth_s2_patch_name(int index, int version = 1);
std::string synth_s1_patch_name(int index);

// The S2 folder name inside `out` and the split file names, as BigEarthNet v1.0 has them.
inline constexpr const char* kSynthS2Folder = "BigEarthNet-v1.0";
inline constexpr const char* kSynthTrainCsv = "bigearthnet-train.csv";
inline constexpr const char* kSynthValCsv = "bigearthnet-val.csv";
inline constexpr const char* kSynthTestCsv = "bigearthnet-test.csv";
// The metadata table of version 2.
inline constexpr const char* kSynthMetadataCsv = "metadata.csv";

// The plugin's synth hook (SDK: SynthFunction); `options` holds `version` and `s1` (either may
// be absent: 1 and false). The patch folders are written under temporary names that are renamed
// into place at the end, so an interrupted run never leaves a half-written copy. Throws
// eorun::Error for an existing copy without `overwrite`, fractions that leave no training patch,
// or a file that cannot be written.
SynthResult write_synthetic_bigearthnet(const SynthRequest& request, const Params& options);

}  // namespace eorun::bigearthnet
