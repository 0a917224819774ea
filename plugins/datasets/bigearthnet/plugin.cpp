// The bigearthnet dataset plugin: declared parameters, factory and synth hook.
#include "eorun/plugin.hpp"

#include "bigearthnet_dataset.hpp"
#include "patch_reader.hpp"
#include "synth/bigearthnet_synth.hpp"

namespace {

using eorun::ParamSpec;
using eorun::ParamType;

constexpr ParamSpec kParams[] = {
    {"root", ParamType::path, "\"\"", nullptr,
     "folder holding the S2 (and S1) folders and the split files (required)"},
    {"version", ParamType::integer, "1", "[1, 2]",
     "1: BigEarthNet v1.0 (per-patch label JSON, split CSVs); 2: BigEarthNet v2 / reBEN "
     "(tile folders, labels and splits in the metadata CSV, 19 classes)"},
    {"s2_folder", ParamType::string, "\"\"", nullptr,
     "folder of Sentinel-2 patches inside root; \"\" = the version's (BigEarthNet-v1.0, "
     "BigEarthNet-S2)"},
    {"s1_folder", ParamType::string, "\"\"", nullptr,
     "folder of Sentinel-1 patches inside root, read only for VV/VH; \"\" = the version's "
     "(BigEarthNet-S1-v1.0, BigEarthNet-S1)"},
    {"metadata", ParamType::string, "\"metadata.csv\"", nullptr,
     "version 2: the metadata table as CSV (patch_id,s1_name,split,labels; labels ';'-joined) "
     "relative to root, converted from reBEN's metadata.parquet"},
    {"bands", ParamType::string_or_list, "\"rgb\"", "[\"rgb\", \"ms\", \"s2\", \"s1\", \"s1s2\"]",
     "\"rgb\" (B04,B03,B02), \"ms\" = \"s2\" (12 bands B01..B12 with B8A after B08), \"s1\" "
     "(VV,VH, Float32 dB), \"s1s2\" (the 12, then VV,VH) or a list of band names in the "
     "channel order wanted"},
    {"classes", ParamType::integer, "19", "[43, 19]",
     "43 CORINE level-3 classes (version 1 only) or the 19-class nomenclature (patches with "
     "only dropped labels get an all-zero target)"},
    {"resample", ParamType::string, "\"10m\"", "[\"10m\", \"none\"]",
     "\"10m\": every band bilinearly resampled to 120x120, one input group (\"s2\", \"s1\" or "
     "\"s1s2\"); \"none\": native sizes, one input group per resolution (s2_10m 120x120, "
     "s2_20m 60x60, s2_60m 20x20, s1 120x120; a group without a selected band has none), for "
     "fusion models"},
    {"split_train", ParamType::string, "\"\"", nullptr,
     "train split: \"\" = the official one (v1: bigearthnet-train.csv; v2: the metadata's "
     "split column), else a split CSV (S2_patch[,S1_patch], no header) or eorun split list "
     "relative to root"},
    {"split_val", ParamType::string, "\"\"", nullptr,
     "validation split: \"\" = the official one (v1: bigearthnet-val.csv; v2: split "
     "\"validation\"), else a file as for split_train"},
    {"split_test", ParamType::string, "\"\"", nullptr,
     "test split: \"\" = the official one (v1: bigearthnet-test.csv; v2: split \"test\"), "
     "else a file as for split_train"},
};

constexpr ParamSpec kSynthParams[] = {
    {"version", ParamType::integer, "1", "[1, 2]",
     "1: the BigEarthNet v1.0 tree; 2: the v2 (reBEN) tree with metadata.csv"},
    {"s1", ParamType::boolean, "false", nullptr,
     "also write the Sentinel-1 patches (VV, VH Float32 dB) paired with the S2 ones"},
};

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::bigearthnet::BigEarthNetDataset(
      eorun::bigearthnet::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(
    eorun::dataset_plugin("bigearthnet", "2.0.0",
                          "BigEarthNet v1.0 and v2 (reBEN), Sentinel-2 and Sentinel-1 patches "
                          "(multi-label, 43 or 19 classes, 120x120 or native 120/60/20 px per "
                          "resolution group)",
                          kParams, &create_dataset)
        .with_init(&eorun::bigearthnet::prepare_gdal)
        .with_synth(&eorun::bigearthnet::write_synthetic_bigearthnet, kSynthParams))
