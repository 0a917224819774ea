// The sen12ms dataset plugin: declared parameters, factory and synth hook.
#include "eorun/plugin.hpp"

#include "sen12ms_dataset.hpp"
#include "support/gdal_support.hpp"
#include "synth/sen12ms_synth.hpp"

namespace {

using eorun::ParamSpec;
using eorun::ParamType;

constexpr ParamSpec kParams[] = {
    {"root", ParamType::path, "\"\"", nullptr,
     "SEN12MS root: the folder holding ROIs1158_spring/ ... ROIs2017_winter/ and the split lists "
     "(required)"},
    {"bands", ParamType::string_or_list, "\"s2\"",
     "[\"s2\", \"s1\", \"s1s2\", \"rgb\", \"rgb_reference\", \"s2_all\"]",
     "\"s2\" (B02,B03,B04,B05,B06,B07,B08,B8A,B11,B12, the reference code's), \"s1\" (VV,VH), "
     "\"s1s2\" (s2 then VV,VH), \"rgb\" (B04,B03,B02), \"rgb_reference\" (B02,B03,B04, the "
     "reference code's order), \"s2_all\" (the 13 bands in file order, B8A 9th) or a list of "
     "band names; one input group named s2, s1 or s1s2 after what it holds"},
    {"igbp", ParamType::string, "\"simplified\"", "[\"full\", \"simplified\"]",
     "classes: the 17 IGBP classes, or the 10 simplified ones (fractions of merged classes "
     "summed)"},
    {"label_type", ParamType::string, "\"multi\"", "[\"multi\", \"single\"]",
     "\"multi\": every class covering at least `threshold` of the patch; \"single\": the class "
     "of largest share (ties to the lower class)"},
    ParamSpec{"threshold", ParamType::real, "0.1", nullptr,
              "multi-label: share of a patch's valid land-cover pixels a class needs"}
        .greater_than(0)
        .at_most(1),
    {"s1_clip", ParamType::boolean, "true", nullptr,
     "clip Sentinel-1 dB to [-25, 0] after NaN -> 0, as the reference code does before "
     "normalising"},
    {"split_train", ParamType::string, "\"train_list.txt\"", nullptr,
     "train list relative to root (s2 file names or sample ids, one per line)"},
    {"split_val", ParamType::string, "\"\"", nullptr,
     "validation list relative to root; \"\" carves whole scenes from the train list "
     "(val_fraction, split_seed)"},
    {"split_test", ParamType::string, "\"test_list.txt\"", nullptr,
     "test list relative to root (the 26 hold-out scenes)"},
    ParamSpec{"val_fraction", ParamType::real, "0.1", nullptr,
              "share of the train list's patches carved for validation, by whole scenes, when "
              "split_val is \"\""}
        .at_least(0)
        .less_than(1),
    ParamSpec{"split_seed", ParamType::integer, "0", nullptr,
              "seed of the order in which scenes are carved for validation"}
        .at_least(0),
};

constexpr ParamSpec kSynthParams[] = {
    ParamSpec{"size", ParamType::integer, "256", nullptr,
              "pixels per patch side (256 in the archive; small sizes keep tests fast)"}
        .at_least(eorun::sen12ms::kSynthMinSize)
        .at_most(eorun::sen12ms::kSynthMaxSize),
    ParamSpec{"damaged", ParamType::integer, "0", nullptr,
              "extra train-listed triplets whose s1 file is truncated, as the archive's "
              "ROIs1868_summer_s1_146_p202 is damaged: readers report and skip them"}
        .at_least(0),
};

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::sen12ms::Sen12msDataset(eorun::sen12ms::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(
    eorun::dataset_plugin("sen12ms", "1.0.0",
                          "SEN12MS Sentinel-1/2 triplets with IGBP scene labels from the "
                          "land-cover patch (multi- or single-label, 17 or 10 classes)",
                          kParams, &create_dataset)
        .with_init(&eorun::support::prepare_gdal)
        .with_synth(&eorun::sen12ms::write_synthetic_sen12ms, kSynthParams))
