// A synthetic dataset in exactly the SEN12MS layout, for tests, demos and benchmarks:
//
//   <out>/ROIs1158_spring/{s1|s2|lc}_<scene>/ROIs1158_spring_{s1|s2|lc}_<scene>_p<patch>.tif
//        (scenes spread over ROIs1158_spring, ROIs1868_summer, ROIs1970_fall, ROIs2017_winter)
//        s1: VV, VH Float32 dB with a few NaN pixels; s2: 13 UInt16 bands in file order (B8A
//        9th); lc: 4 UInt16 bands, band 1 the IGBP class; `size` x `size` pixels, EPSG:32633
//   <out>/train_list.txt, test_list.txt      s2 file names, one per line; no scene in both
//
// Samples are grouped into scenes (about sqrt(samples) of them, at least 3 when there are 3
// samples), each with its own 3 IGBP classes; whole scenes go to the test list (test_fraction of
// them, at least one), the rest to the train list, from which the reader carves validation
// scenes (val_fraction is passed on in the dataset parameters). Labels are learnable from the
// pixels (patch_painter.hpp). `damaged` extra train-listed triplets get a truncated s1 file.
// Every byte follows from the request: the same request writes the same files, whatever the
// thread count.
#pragma once

#include "eorun/params.hpp"
#include "eorun/synth.hpp"

namespace eorun::sen12ms {

inline constexpr int kSynthMinSize = 8;
inline constexpr int kSynthMaxSize = 1024;
inline constexpr const char* kTrainList = "train_list.txt";
inline constexpr const char* kTestList = "test_list.txt";

// The plugin's synth hook (SDK: SynthFunction); options: size, damaged. The season folders are
// written under a temporary folder and renamed into place, the lists last, so an interrupted run
// never leaves a copy that reads as whole. Throws eorun::Error for an existing copy without
// `overwrite`, or a file that cannot be written.
SynthResult write_synthetic_sen12ms(const SynthRequest& request, const Params& options);

}  // namespace eorun::sen12ms
