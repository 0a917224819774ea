// The eurosat dataset plugin: declared parameters, factory and synth hook.
#include "eorun/plugin.hpp"

#include "eurosat_dataset.hpp"
#include "support/gdal_support.hpp"
#include "support/split_params.hpp"
#include "synth/eurosat_synth.hpp"

namespace {

using eorun::ParamSpec;
using eorun::ParamType;

constexpr ParamSpec kParams[] = {
    {"root", ParamType::path, "\"\"", nullptr,
     "folder holding EuroSAT_MS/ (or ds/images/remote_sensing/otherDatasets/sentinel_2/tif/), "
     "EuroSAT_RGB/ (or 2750/) and the split files (required)"},
    {"format", ParamType::string, "\"ms\"", "[\"ms\", \"rgb\"]",
     "layout read: \"ms\" (13-band UInt16 GeoTIFFs) or \"rgb\" (8-bit JPEGs)"},
    {"bands", ParamType::string_or_list, "\"all\"", "[\"all\", \"ms\", \"rgb\"]",
     "\"all\" (every band of the layout), \"ms\" (13 bands B01..B08,B8A,B09,B10,B11,B12), "
     "\"rgb\" (B04,B03,B02, from either layout) or a list of band names in channel order"},
    {"splits", ParamType::string, "\"official\"",
     "[\"official\", \"spatial\", \"100\", \"random\"]",
     "split definition: the files eurosat-{train,val,test}.txt, eurosat-spatial-*.txt or "
     "eurosat-100-*.txt in root, or \"random\" (seeded, stratified by class)"},
    {"split_train", ParamType::string, "\"\"", nullptr,
     "train split file relative to root (file names or sample ids, one per line); empty: as "
     "splits says"},
    {"split_val", ParamType::string, "\"\"", nullptr,
     "validation split file; empty: as splits says"},
    {"split_test", ParamType::string, "\"\"", nullptr, "test split file; empty: as splits says"},
    eorun::support::split_seed_param("seed of the random split"),
    eorun::support::val_fraction_param(
        "share of each class in the validation split (random split)"),
    eorun::support::test_fraction_param("share of each class in the test split (random split)"),
};

constexpr ParamSpec kSynthParams[] = {
    {"format", ParamType::string, "\"both\"", "[\"ms\", \"rgb\", \"both\"]",
     "layouts written: EuroSAT_MS/ (13-band GeoTIFFs), EuroSAT_RGB/ (JPEGs) or both"},
};

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::eurosat::EuroSatDataset(eorun::eurosat::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(
    eorun::dataset_plugin("eurosat", "1.0.0",
                          "EuroSAT Sentinel-2 patches (single-label, 10 classes, 64x64; 13-band "
                          "GeoTIFFs or RGB JPEGs)",
                          kParams, &create_dataset)
        .with_init(&eorun::support::prepare_gdal)
        .with_synth(&eorun::eurosat::write_synthetic_eurosat, kSynthParams))
