// model.pretrained = "file:PATH" through the CLI: a training script's torch.save checkpoint (a
// DataParallel prefix, another class count, an extra tensor) and a safetensors file start a run,
// what fitted is recorded and shown, the file's content is part of the run's identity, and files
// that do not fit are refused before anything runs.
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "integration/weights_files_fixture.hpp"
#include "train/checkpoint.hpp"
#include "util/sha256.hpp"
#include "weights/weights_file.hpp"

namespace eorun {
namespace {

using nlohmann::json;
using test::CommandResult;
using test::run_eorun;

class PretrainedFile : public test::WeightsFilesTest {
 protected:
  CommandResult run_with(const std::string& pretrained, const std::string& finetune = "head") {
    std::ofstream(dir_.path() / "run.toml")
        << "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 32\nval = 16\ntest = 16\nbands = [\"B04\", \"B03\", \"B02\"]\n"
           "classes = 4\n[model]\nplugin = \"shortcnn\"\ninput_size = 16\npretrained = \"" << pretrained
        << "\"\nfinetune = \"" << finetune << "\"\n[loss]\nplugin = \"bce\"\n[train]\nepochs = 1\n"
           "batch_size = 16\nthreads = 1\n";
    return run_eorun({"run", "run.toml", "--no-progress"}, dir_.path());
  }

  json only_run() {
    const CommandResult listed = run_eorun({"query", "--top", "all", "--format", "json"}, dir_.path());
    const json runs = json::parse(listed.out).at("runs");
    EXPECT_EQ(runs.size(), 1u);
    const CommandResult shown = run_eorun({"show", runs.at(0).at("run_id"), "--format", "json"}, dir_.path());
    return json::parse(shown.out);
  }

};

TEST_F(PretrainedFile, ATrainingScriptsCheckpointStartsARunAndWhatFittedIsRecorded) {
  const CommandResult run = run_with("file:" + file("checkpoint.pth"));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json record = only_run();
  const json& lineage = record.at("lineage");
  EXPECT_EQ(lineage.at("parent_run_id"), "");
  EXPECT_EQ(lineage.at("checkpoint_sha256"), sha256_file(file("checkpoint.pth")));
  EXPECT_EQ(lineage.at("head_reinitialised"), true) << "7 classes in the file, 4 in the run";
  EXPECT_EQ(lineage.at("tensors_loaded"), 6) << "conv1, conv2, conv3: weight and bias";
  const json& source = lineage.at("file");
  EXPECT_EQ(source.at("format"), "pytorch");
  EXPECT_EQ(source.at("found_under"), "state_dict");
  EXPECT_EQ(source.at("key_prefix"), "module.");
  EXPECT_EQ(source.at("missing"), json::array());
  EXPECT_EQ(source.at("unexpected"), json::array({"aux.weight"}));
  EXPECT_EQ(record.at("identity").at("param_files").at("model.pretrained").at("sha256"),
            sha256_file(file("checkpoint.pth")));
  // Only the head trained; the loaded convolutions stayed as the file had them.
  for (const json& group : record.at("finetune").at("groups"))
    if (group.at("name") != "head") EXPECT_EQ(group.at("start_sha256"), group.at("end_sha256")) << group;
  const CommandResult shown = run_eorun({"show", record.at("run_id")}, dir_.path());
  EXPECT_NE(shown.out.find("pretrained weights file"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("module."), std::string::npos) << shown.out;
}

TEST_F(PretrainedFile, ASafetensorsFileWithTheRunsClassesLoadsTheHeadToo) {
  const CommandResult run = run_with("file:" + file("four_classes.safetensors"), "all");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const json lineage = only_run().at("lineage");
  EXPECT_EQ(lineage.at("head_reinitialised"), false);
  EXPECT_EQ(lineage.at("tensors_loaded"), 8);
  EXPECT_EQ(lineage.at("file").at("format"), "safetensors");
  EXPECT_EQ(lineage.at("file").at("key_prefix"), "");
}

TEST_F(PretrainedFile, TheFilesContentIsPartOfTheRunsIdentity) {
  const std::filesystem::path copy = dir_.path() / "weights.safetensors";
  std::filesystem::copy_file(file("four_classes.safetensors"), copy);
  ASSERT_EQ(run_with("file:weights.safetensors").exit_code, 0);
  ASSERT_EQ(run_with("file:weights.safetensors").exit_code, 0);  // the same run: cached
  std::fstream bytes(copy, std::ios::in | std::ios::out | std::ios::binary);
  bytes.seekp(-1, std::ios::end);
  bytes.put('\x01');  // the last byte of the last tensor
  bytes.close();
  ASSERT_EQ(run_with("file:weights.safetensors").exit_code, 0);
  const CommandResult listed = run_eorun({"query", "--top", "all", "--format", "json"}, dir_.path());
  EXPECT_EQ(json::parse(listed.out).at("runs").size(), 2u) << "one run per content of the file";
}

// eorun export writes what Python reads, and what eorun reads back bit for bit.
TEST_F(PretrainedFile, AnExportedRunLoadsIntoPyTorchAndStartsAnotherRunWithTheSameWeights) {
  ASSERT_EQ(run_with("file:" + file("four_classes.safetensors"), "all").exit_code, 0);
  const json parent = only_run();
  const std::string id = parent.at("run_id");
  for (const char* out : {"out.pt", "out.safetensors"}) {
    const CommandResult exported = run_eorun({"export", id.substr(0, 8), "--out", out}, dir_.path());
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_NE(exported.out.find("8 tensors of its best epoch (1) written to out"), std::string::npos) << exported.out;
  }
  const CommandResult checked = test::run_program(
      "/usr/bin/python3",
      {std::string(EORUN_SOURCE_DIR) + "/tests/integration/check_export.py", "out.pt", "out.safetensors", "3", "4", "16"},
      dir_.path());
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  const json summary = json::parse(checked.out);
  EXPECT_EQ(summary.at("same_in_both"), true);
  EXPECT_EQ(summary.at("keys").size(), 8u);
  EXPECT_EQ(summary.at("metadata").at("eorun_run_id"), id);
  EXPECT_EQ(summary.at("metadata").at("classes"), "class_0,class_1,class_2,class_3");
  EXPECT_EQ(summary.at("metadata").at("bands").get<std::string>().empty(), false);

  // Back into eorun: every group of the child starts from the parent's kept weights.
  std::filesystem::remove(dir_.path() / "eorun.db");
  const CommandResult child_run = run_with("file:out.pt", "head");
  ASSERT_EQ(child_run.exit_code, 0) << child_run.out << child_run.err;
  const json child = only_run();
  EXPECT_EQ(child.at("lineage").at("tensors_loaded"), 8);
  for (std::size_t g = 0; g < 4; ++g)
    EXPECT_EQ(child.at("finetune").at("groups")[g].at("start_sha256"),
              parent.at("finetune").at("groups")[g].at("end_sha256")) << g;
  const CommandResult bad = run_eorun({"export", id.substr(0, 8), "--out", "weights.onnx"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("has neither the .safetensors nor the .pt extension"), std::string::npos) << bad.err;
}

TEST_F(PretrainedFile, ExportWritesTheLastEpochsWeightsOnRequest) {
  std::ofstream(dir_.path() / "run.toml")
      << "[dataset]\nplugin = \"synthetic\"\nsize = 16\ntrain = 32\nval = 16\ntest = 16\nclasses = 4\n"
         "[model]\nplugin = \"shortcnn\"\ninput_size = 16\n[loss]\nplugin = \"bce\"\n"
         "[train]\nepochs = 3\nbatch_size = 16\nthreads = 1\n";
  ASSERT_EQ(run_eorun({"run", "run.toml", "--no-progress"}, dir_.path()).exit_code, 0);
  const json record = only_run();
  const json& last = record.at("last");
  EXPECT_EQ(last.at("epoch"), 3);
  EXPECT_EQ(last.at("checkpoint_sha256"), sha256_file(last.at("checkpoint").get<std::string>()));
  const std::string id = record.at("run_id");
  const CommandResult exported =
      run_eorun({"export", id.substr(0, 8), "--out", "last.safetensors", "--checkpoint", "last"}, dir_.path());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("tensors of its last epoch (3) written to last.safetensors"), std::string::npos)
      << exported.out;
  const WeightsFile written = read_weights_file(dir_.path() / "last.safetensors");
  EXPECT_EQ(written.metadata.at("eorun_checkpoint"), "last epoch 3");
  const auto kept = read_checkpoint_tensors(last.at("checkpoint").get<std::string>());
  ASSERT_EQ(written.tensors.size(), kept.size());
  for (const auto& [name, tensor] : kept) EXPECT_TRUE(written.tensors.at(name).equal(tensor)) << name;
  // The last epoch's weights are the ones the last epoch hashed; the best epoch's are best.pt.
  const auto best = read_checkpoint_tensors(record.at("best").at("checkpoint").get<std::string>());
  const bool same_epoch = record.at("best").at("epoch") == 3;
  EXPECT_EQ(best.at("head.weight").equal(kept.at("head.weight")), same_epoch);
  const CommandResult bad = run_eorun({"export", id.substr(0, 8), "--out", "x.pt", "--checkpoint", "first"}, dir_.path());
  EXPECT_EQ(bad.exit_code, 2) << bad.err;
}

TEST_F(PretrainedFile, FilesThatDoNotFitAreRefusedBeforeAnythingRuns) {
  expect_refused(run_with("file:" + file("missing.pt")), "no such weights file");
  expect_refused(run_with("file:" + file("other.pt")),
                 "none of its 2 tensor names is the model's: it has 0.bias, 0.weight; the model has ");
  expect_refused(run_with("file:" + file("twelve_bands.pt")),
                 "takes 12 bands that the weights do not name");
  expect_refused(run_with("file:"), "'file:' names no file");
  expect_refused(run_with("weights.pt"), "'weights.pt' names neither a run nor a file");
}

}  // namespace
}  // namespace eorun
