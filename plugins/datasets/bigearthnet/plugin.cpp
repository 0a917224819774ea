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
     "folder holding BigEarthNet-v1.0/ and the split CSVs (required)"},
    {"s2_folder", ParamType::string, "\"BigEarthNet-v1.0\"", nullptr,
     "folder of Sentinel-2 patches inside root"},
    {"bands", ParamType::string_or_list, "\"rgb\"", "[\"rgb\", \"ms\"]",
     "\"rgb\" (B04,B03,B02), \"ms\" (12 bands B01..B12 with B8A after B08) or a list of band "
     "names in the channel order wanted"},
    {"classes", ParamType::integer, "19", "[43, 19]",
     "43 CORINE level-3 classes or the 19-class nomenclature (patches with only dropped labels "
     "get an all-zero target)"},
    {"resample", ParamType::string, "\"10m\"", "[\"10m\", \"none\"]",
     "\"10m\": every band bilinearly resampled to 120x120, one input group \"s2\"; \"none\": "
     "native sizes, one input group per resolution (s2_10m 120x120, s2_20m 60x60, s2_60m "
     "20x20; a resolution without a selected band has none), for fusion models"},
    {"split_train", ParamType::string, "\"bigearthnet-train.csv\"", nullptr,
     "train split CSV relative to root (no header; S2_patch,S1_patch)"},
    {"split_val", ParamType::string, "\"bigearthnet-val.csv\"", nullptr,
     "validation split CSV relative to root"},
    {"split_test", ParamType::string, "\"bigearthnet-test.csv\"", nullptr,
     "test split CSV relative to root"},
};

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::bigearthnet::BigEarthNetDataset(
      eorun::bigearthnet::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(
    eorun::dataset_plugin("bigearthnet", "1.2.0",
                          "BigEarthNet v1.0 Sentinel-2 patches (multi-label, 43 or 19 classes, "
                          "120x120 or native 120/60/20 px per resolution group)",
                          kParams, &create_dataset)
        .with_init(&eorun::bigearthnet::prepare_gdal)
        .with_synth(&eorun::bigearthnet::write_synthetic_bigearthnet))
