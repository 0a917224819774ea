// What `eorun export` writes, read by torchvision: a one-epoch run per model family on synthetic
// data at the family's smallest patch, its export loaded into torchvision's model (first
// convolution for the run's bands, its classes) with load_state_dict(strict=True), and
// torchvision's logits on a batch equal to those of eorun's model started from the same file
// (model.pretrained = "file:"), within 1e-4.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/models/torchvision_weights.hpp"

namespace eorun {
namespace {

// The run's bands (synthetic `bands = 4` names them b1 ... b4) and classes: neither torchvision's
// 3 and 1000 nor the plugin tests' 12 and 19.
const std::vector<std::string> kBands = {"b1", "b2", "b3", "b4"};
constexpr std::int64_t kClasses = 3;

struct Family {
  std::string plugin;       // eorun's model plugin
  nlohmann::json params;    // its [model] parameters besides the plugin
  std::string torchvision;  // the torchvision builder of the same network
  std::int64_t side;        // the patches of the run: the family's minimum
};

// Trains `family` for one epoch, exports the run to each of `files` and expects torchvision and
// eorun to give the same logits from each.
void expect_export_parity(const Family& family, const std::vector<std::string>& files) {
  test::TempDir dir;
  {
    std::ofstream toml(dir.path() / "run.toml");
    toml << "[dataset]\nplugin = \"synthetic\"\nbands = " << kBands.size() << "\nclasses = " << kClasses
         << "\nsize = " << family.side << "\ntrain = 2\nval = 1\ntest = 1\nnormalize = \"none\"\n"
         << "[model]\nplugin = \"" << family.plugin << "\"\n";
    // A JSON number, boolean or string is written as TOML writes it.
    for (const auto& item : family.params.items()) toml << item.key() << " = " << item.value().dump() << "\n";
    toml << "[loss]\nplugin = \"bce\"\n[train]\nepochs = 1\nbatch_size = 2\nthreads = 2\n";
  }
  const test::CommandResult run = test::run_eorun({"run", "run.toml", "--no-progress"}, dir.path());
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  ASSERT_EQ(run.out.rfind("run ", 0), 0u) << run.out;
  const std::string run_id = run.out.substr(4, 12);
  for (const std::string& file : files) {
    SCOPED_TRACE(file);
    const test::CommandResult exported = test::run_eorun({"export", run_id, "--out", file}, dir.path());
    ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
    const std::string reference = file + ".reference";
    test::run_torchvision_reference({"exported", family.torchvision, file, std::to_string(kBands.size()),
                                     std::to_string(kClasses), std::to_string(family.side), reference},
                                    dir.path());
    if (::testing::Test::HasFatalFailure()) return;
    const StartingModel start =
        test::start_from_file(family.plugin, family.params, kBands, kClasses, family.side, dir.path() / file);
    test::expect_loaded_exactly(start, kBands);
    test::expect_reference_logits(*start.model, dir.path() / reference);
  }
}

TEST(TorchvisionExport, ResNetAsSafetensorsAndPt) {
  expect_export_parity({"resnet", {{"depth", 18}}, "resnet18", 33}, {"model.safetensors", "model.pt"});
}

TEST(TorchvisionExport, Vgg) {
  expect_export_parity({"vgg", {{"depth", 11}}, "vgg11", 32}, {"model.safetensors"});
}

TEST(TorchvisionExport, DenseNet) {
  expect_export_parity({"densenet", {{"depth", 121}}, "densenet121", 29}, {"model.safetensors"});
}

TEST(TorchvisionExport, InceptionV3) {
  expect_export_parity({"inception_v3", nlohmann::json::object(), "inception_v3", 75}, {"model.safetensors"});
}

TEST(TorchvisionExport, EfficientNet) {
  expect_export_parity({"efficientnet", {{"variant", "b0"}}, "efficientnet_b0", 32}, {"model.safetensors"});
}

}  // namespace
}  // namespace eorun
