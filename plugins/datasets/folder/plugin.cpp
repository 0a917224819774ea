// The folder dataset plugin: declared parameters, factory and synth hook.
#include "eorun/plugin.hpp"

#include "folder_dataset.hpp"
#include "support/gdal_support.hpp"
#include "support/split_params.hpp"
#include "synth/folder_synth.hpp"

namespace {

using eorun::ParamSpec;
using eorun::ParamType;

constexpr ParamSpec kParams[] = {
    {"csv", ParamType::path, "\"\"", nullptr,
     "CSV table of the files: header path,label (optional split and group columns), labels "
     "joined by ';', paths relative to the CSV's folder (required)"},
    {"bands", ParamType::string_list, "[]", nullptr,
     "band names of the files in file order, one per band, e.g. [\"B04\", \"B03\", \"B02\"] "
     "(required; every file must have that many bands)"},
    {"classes", ParamType::string_list, "[]", nullptr,
     "class names in target order; empty: the sorted labels found in the table"},
    {"task", ParamType::string, "\"auto\"", "[\"auto\", \"single_label\", \"multi_label\"]",
     "\"auto\": multi-label when a row has no label or more than one, else single-label"},
    ParamSpec{"size", ParamType::integer, "0", nullptr,
              "side in pixels every file is bilinearly resampled to; 0: the files' own size "
              "(all must have the size of the table's first file)"}
        .at_least(0),
    {"split_train", ParamType::string, "\"\"", nullptr,
     "train split list relative to the CSV's folder (one path of the CSV per line); empty: the "
     "split column, or a random split without one"},
    {"split_val", ParamType::string, "\"\"", nullptr, "validation split list; empty: as above"},
    {"split_test", ParamType::string, "\"\"", nullptr, "test split list; empty: as above"},
    eorun::support::split_seed_param("seed of the random split (a table without a split column)"),
    eorun::support::val_fraction_param(
        "share of each label set in the validation split (random split)"),
    eorun::support::test_fraction_param("share of each label set in the test split (random split)"),
};

constexpr ParamSpec kSynthParams[] = {
    ParamSpec{"bands", ParamType::integer, "4", nullptr,
              "bands per file (3: a mix of GeoTIFF, PNG and JPEG files)"}
        .between(1, 13),
    ParamSpec{"classes", ParamType::integer, "4", nullptr, "number of classes"}.between(2, 8),
    ParamSpec{"size", ParamType::integer, "32", nullptr, "side of every image in pixels"}.between(
        8, 512),
    {"multi_label", ParamType::boolean, "false", nullptr,
     "give every third file a second label (a multi-label table)"},
};

eorun::Dataset* create_dataset(const eorun::Params& params, const eorun::DatasetContext& context) {
  return new eorun::folder::FolderDataset(eorun::folder::options_from_params(params, context));
}

}  // namespace

EORUN_DECLARE_PLUGIN(
    eorun::dataset_plugin("folder", "1.0.0",
                          "your own scene-classification data: GeoTIFF, JPEG or PNG files listed "
                          "in a CSV with their labels (single- or multi-label)",
                          kParams, &create_dataset)
        .with_init(&eorun::support::prepare_gdal)
        .with_synth(&eorun::folder::write_synthetic_folder, kSynthParams))
