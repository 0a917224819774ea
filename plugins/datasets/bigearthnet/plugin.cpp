// The bigearthnet dataset plugin: descriptor, declared parameters and factory.
#include "eorun/plugin.hpp"

#include "bigearthnet_dataset.hpp"
#include "patch_reader.hpp"

namespace eorun::bigearthnet {

namespace {

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
    {"split_train", ParamType::string, "\"bigearthnet-train.csv\"", nullptr,
     "train split CSV relative to root (no header; S2_patch,S1_patch)"},
    {"split_val", ParamType::string, "\"bigearthnet-val.csv\"", nullptr,
     "validation split CSV relative to root"},
    {"split_test", ParamType::string, "\"bigearthnet-test.csv\"", nullptr,
     "test split CSV relative to root"},
};

Dataset* create_dataset(const Params& params, const DatasetContext& context) {
  return new BigEarthNetDataset(options_from_params(params, context));
}

const PluginDescriptor* descriptor() {
  static const PluginDescriptor value = [] {
    PluginDescriptor d = make_descriptor(
        PluginKind::dataset, "bigearthnet", "1.0.0",
        "BigEarthNet v1.0 Sentinel-2 patches (multi-label, 43 or 19 classes, 120x120)", kParams,
        sizeof(kParams) / sizeof(kParams[0]));
    d.init = &prepare_gdal;
    d.create_dataset = &create_dataset;
    return d;
  }();
  return &value;
}

}  // namespace

// The entry point, outside the anonymous namespace so that the alias can name it.
const PluginDescriptor* bigearthnet_plugin_entry() { return descriptor(); }

}  // namespace eorun::bigearthnet

EORUN_PLUGIN(eorun::bigearthnet::bigearthnet_plugin_entry)
