// model.band_adapt through the CLI: RGB weights (ShortCNN's layout, written by PyTorch) start runs
// on other band sets. The first layer of the kept checkpoint is compared with the file's, column
// by column, in runs that keep it frozen (finetune = "head"); what was done is recorded and
// shown; bad band settings are refused before anything runs.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "integration/weights_files_fixture.hpp"
#include "train/checkpoint.hpp"
#include "weights/weights_file.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;

// BigEarthNet's twelve Sentinel-2 bands in their channel order.
const char* const kTwelveBands =
    "[\"B01\", \"B02\", \"B03\", \"B04\", \"B05\", \"B06\", \"B07\", \"B08\", \"B8A\", \"B09\", \"B11\", \"B12\"]";

class BandAdapt : public test::WeightsFilesTest {
 protected:
  // One run on synthetic data with `bands`; `model` holds extra [model] lines.
  CommandResult run_with(const std::string& bands, const std::string& model) {
    std::ofstream(dir_.path() / "run.toml")
        << "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 32\nval = 16\ntest = 16\nclasses = 4\n"
           "bands = " << bands << "\n[model]\nplugin = \"shortcnn\"\ninput_size = 16\n" << model
        << "\n[loss]\nplugin = \"bce\"\n[train]\nepochs = 1\nbatch_size = 16\nthreads = 1\n";
    return run_eorun({"run", "run.toml", "--no-progress"}, dir_.path());
  }

  // The record of the run `run` made (its output starts "run <id>: ").
  json record_of(const CommandResult& run) {
    const std::string id = run.out.substr(4, 64);
    const CommandResult shown = run_eorun({"show", id, "--format", "json"}, dir_.path());
    EXPECT_EQ(shown.exit_code, 0) << run.out << shown.err;
    return json::parse(shown.out);
  }

  // The first layer the run kept (frozen with finetune = "head", so the one it started from).
  static at::Tensor kept_first_layer(const json& record, const std::string& name = "conv1.weight") {
    return read_checkpoint_tensors(record.at("best").at("checkpoint").get<std::string>()).at(name);
  }

  static at::Tensor file_first_layer(const std::string& name) {
    return read_weights_file(files_->path() / name).tensors.at("module.conv1.weight");
  }

};

TEST_F(BandAdapt, ByNameCopiesRgbFiltersToTheirBandsAndFillsTheRestKeepingTheExpectedOutput) {
  const CommandResult run =
      run_with(kTwelveBands, "pretrained = \"file:" + file("checkpoint.pth") + "\"\nfinetune = \"head\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("first layer conv1.weight: B04,B03,B02 copied; 9 bands filled by_name"),
            std::string::npos) << run.out;
  const json record = record_of(run);
  const json& bands = record.at("lineage").at("band_adaptation");
  EXPECT_EQ(bands.at("method"), "by_name");
  EXPECT_EQ(bands.at("layer"), "conv1.weight");
  EXPECT_EQ(bands.at("pretrained_bands"), json({"B04", "B03", "B02"}));
  EXPECT_EQ(bands.at("copied"), json({"B04", "B03", "B02"}));
  EXPECT_EQ(bands.at("filled"), json({"B01", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"}));
  EXPECT_EQ(bands.at("summary"), "B04,B03,B02 copied; 9 bands filled by_name");
  EXPECT_NE(bands.at("note").get<std::string>().find("assumed ImageNet RGB"), std::string::npos);

  const at::Tensor rgb = file_first_layer("checkpoint.pth");  // [32, 3, 5, 5]: B04, B03, B02
  const at::Tensor kept = kept_first_layer(record);           // [32, 12, 5, 5]
  ASSERT_EQ(kept.sizes().vec(), (std::vector<std::int64_t>{32, 12, 5, 5}));
  const double scale = 3.0 / 12.0;
  EXPECT_TRUE(kept.select(1, 3).equal(rgb.select(1, 0).mul(scale))) << "B04 is the run's 4th band";
  EXPECT_TRUE(kept.select(1, 2).equal(rgb.select(1, 1).mul(scale))) << "B03";
  EXPECT_TRUE(kept.select(1, 1).equal(rgb.select(1, 2).mul(scale))) << "B02";
  const at::Tensor mean = rgb.mean(1).mul(scale);
  for (std::int64_t band : {0, 4, 11}) EXPECT_TRUE(kept.select(1, band).allclose(mean, 1e-6, 1e-7)) << band;
  // Inputs of a common mean see the pretrained response: summed over the input bands, the filters
  // are the RGB ones.
  EXPECT_TRUE(kept.sum(1).allclose(rgb.sum(1), 1e-5, 1e-6));

  const CommandResult shown = run_eorun({"show", record.at("run_id")}, dir_.path());
  EXPECT_NE(shown.out.find("band adaptation"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("B04,B03,B02 copied; 9 bands filled by_name"), std::string::npos) << shown.out;
}

TEST_F(BandAdapt, APermutedBandOrderIsFixedNotTrainedOn) {
  // The file's metadata names its bands B04,B03,B02; this run reads them the other way round.
  const CommandResult run = run_with("[\"B02\", \"B03\", \"B04\"]",
                                     "pretrained = \"file:" + file("four_classes.safetensors") + "\"\nfinetune = \"head\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json record = record_of(run);
  EXPECT_EQ(record.at("lineage").at("band_adaptation").at("note"), "") << "the metadata named the bands";
  const at::Tensor rgb = read_weights_file(file("four_classes.safetensors")).tensors.at("conv1.weight");
  EXPECT_TRUE(kept_first_layer(record).equal(rgb.flip(1)));
}

TEST_F(BandAdapt, TileRepeatsTheFiltersAsTimmDoes) {
  const CommandResult run = run_with(
      kTwelveBands, "pretrained = \"file:" + file("checkpoint.pth") + "\"\nfinetune = \"head\"\nband_adapt = \"tile\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const at::Tensor rgb = file_first_layer("checkpoint.pth");
  const at::Tensor kept = kept_first_layer(record_of(run));
  for (std::int64_t band = 0; band < 12; ++band)
    EXPECT_TRUE(kept.select(1, band).equal(rgb.select(1, band % 3).mul(3.0 / 12.0))) << band;
}

TEST_F(BandAdapt, RandomKeepsAFreshFirstLayerAndCopiesTheRest) {
  const CommandResult run = run_with(
      kTwelveBands, "pretrained = \"file:" + file("checkpoint.pth") + "\"\nfinetune = \"head\"\nband_adapt = \"random\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json record = record_of(run);
  EXPECT_EQ(record.at("lineage").at("tensors_loaded"), 5) << "conv1.bias, conv2 and conv3; not conv1.weight";
  const at::Tensor rgb = file_first_layer("checkpoint.pth");
  const at::Tensor kept = kept_first_layer(record);
  EXPECT_FALSE(kept.select(1, 3).equal(rgb.select(1, 0).mul(0.25)));
  const at::Tensor conv2 = read_weights_file(file("checkpoint.pth")).tensors.at("module.conv2.weight");
  EXPECT_TRUE(kept_first_layer(record, "conv2.weight").equal(conv2));
}

TEST_F(BandAdapt, Conv1x1PutsATrainedAdapterInFrontOfTheUnchangedNetwork) {
  const CommandResult run = run_with(
      kTwelveBands, "pretrained = \"file:" + file("checkpoint.pth") + "\"\nfinetune = \"head\"\nband_adapt = \"conv1x1\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json record = record_of(run);
  const json& groups = record.at("finetune").at("groups");
  ASSERT_EQ(groups.at(0).at("name"), "band_adapter");
  EXPECT_EQ(groups.at(0).at("trained"), true) << "a new layer trains at every level";
  EXPECT_NE(groups.at(0).at("start_sha256"), groups.at(0).at("end_sha256"));
  EXPECT_EQ(groups.at(1).at("trained"), false);
  EXPECT_TRUE(kept_first_layer(record).equal(file_first_layer("checkpoint.pth"))) << "the RGB network unchanged";
  EXPECT_EQ(kept_first_layer(record, "band_adapter.weight").sizes().vec(),
            (std::vector<std::int64_t>{3, 12, 1, 1}));
  EXPECT_EQ(record.at("lineage").at("band_adaptation").at("method"), "conv1x1");
}

TEST_F(BandAdapt, AParentRunsBandsComeFromTheRegistry) {
  const CommandResult run = run_with("[\"B04\", \"B03\", \"B02\"]", "");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string parent = record_of(run).at("run_id");
  const CommandResult child = run_with(kTwelveBands, "pretrained = \"run:" + parent.substr(0, 10) + "\"");
  ASSERT_EQ(child.exit_code, 0) << child.out << child.err;
  const json bands = record_of(child).at("lineage").at("band_adaptation");
  EXPECT_EQ(bands.at("pretrained_bands"), json({"B04", "B03", "B02"}));
  EXPECT_EQ(bands.at("note"), "");
  EXPECT_EQ(bands.at("summary"), "B04,B03,B02 copied; 9 bands filled by_name");
}

TEST_F(BandAdapt, UnnamedWeightsOverAsManyBandsAreTakenInTheRunsOrderAndSaidSo) {
  const CommandResult run = run_with(kTwelveBands, "pretrained = \"file:" + file("twelve_bands.pt") + "\"");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json bands = record_of(run).at("lineage").at("band_adaptation");
  EXPECT_EQ(bands.at("pretrained_bands"), bands.at("bands"));
  EXPECT_NE(bands.at("note").get<std::string>().find("assumed to be this run's bands"), std::string::npos);
}

TEST_F(BandAdapt, NamedMultispectralWeightsGiveAnRgbRunItsThreeBands) {
  std::string twelve = kTwelveBands;
  const CommandResult run = run_with(
      "[\"B04\", \"B03\", \"B02\"]",
      "pretrained = \"file:" + file("twelve_bands.pt") + "\"\nfinetune = \"head\"\npretrained_bands = " + twelve);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const at::Tensor ms = read_weights_file(file("twelve_bands.pt")).tensors.at("conv1.weight");
  const at::Tensor kept = kept_first_layer(record_of(run));
  EXPECT_TRUE(kept.select(1, 0).equal(ms.select(1, 3).mul(4.0))) << "B04, scaled by 12/3";
  EXPECT_TRUE(kept.select(1, 2).equal(ms.select(1, 1).mul(4.0))) << "B02";
}

TEST_F(BandAdapt, BadBandSettingsAreRefusedBeforeAnythingRuns) {
  const std::string rgb_file = "pretrained = \"file:" + file("checkpoint.pth") + "\"\n";
  expect_refused(run_with("12", rgb_file),
                 "no band in common: the weights were trained on B04,B03,B02, this run reads "
                 "b1,b2,b3,b4,b5,b6,b7,b8,b9,b10,b11,b12");
  expect_refused(run_with(kTwelveBands, rgb_file + "pretrained_bands = [\"B04\", \"B03\"]"),
                 "model.pretrained_bands: names 2 bands (B04,B03), but the first layer conv1.weight of file");
  expect_refused(run_with("[\"B04\", \"B03\", \"B02\"]", "pretrained = \"file:" + file("twelve_bands.pt") + "\""),
                 "takes 12 bands that the weights do not name");
  expect_refused(run_with(kTwelveBands, rgb_file + "band_adapt = \"mean\""),
                 "model.band_adapt: 'mean' is not a band adaptation; use one of: by_name, tile, random, conv1x1");
  expect_refused(run_with(kTwelveBands, "band_adapt = \"tile\""),
                 "model.band_adapt: applies to pretrained weights only");
  expect_refused(run_with(kTwelveBands, "pretrained = \"run:abc123\"\npretrained_bands = [\"B04\"]"),
                 "model.pretrained_bands: is known from the parent run's record");
}

}  // namespace
}  // namespace eorun
