// best.pt: LibTorch's module archive, written with CPU tensors so that a checkpoint does not
// depend on the device that trained it.
#include "train/checkpoint.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "support/temp_dir.hpp"
#include "train/weights_hash.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

struct NetImpl : torch::nn::Module {
  NetImpl()
      : conv(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3)))),
        norm(register_module("norm", torch::nn::BatchNorm2d(4))),
        head(register_module("head", torch::nn::Sequential(torch::nn::Linear(4, 2)))) {}
  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d norm;
  torch::nn::Sequential head;
};
TORCH_MODULE(Net);

TEST(Checkpoint, TheBytesOfTorchSaveForAModuleOnTheCpu) {
  test::TempDir dir;
  torch::manual_seed(7);
  Net net;
  net->norm->running_mean.add_(0.5);
  save_checkpoint(*net, dir.path() / "best.pt");
  // The zip archive's top folder is named after the file written, up to its last dot: eorun
  // writes "best.pt.tmp-<pid>" and renames it, so its folder is "best.pt".
  torch::save(net, (dir.path() / "best.pt.tmp-torch").string());
  EXPECT_EQ(sha256_file(dir.path() / "best.pt"), sha256_file(dir.path() / "best.pt.tmp-torch"));
}

TEST(Checkpoint, LoadsBackEveryParameterAndBuffer) {
  test::TempDir dir;
  torch::manual_seed(7);
  Net saved;
  saved->norm->running_var.mul_(3.0);
  save_checkpoint(*saved, dir.path() / "best.pt");
  torch::manual_seed(8);
  Net loaded;
  ASSERT_NE(weights_sha256(*loaded), weights_sha256(*saved));
  load_checkpoint(*loaded, dir.path() / "best.pt", "cpu");
  EXPECT_EQ(weights_sha256(*loaded), weights_sha256(*saved));
  for (const at::Tensor& parameter : loaded->parameters()) EXPECT_TRUE(parameter.requires_grad());
}

}  // namespace
}  // namespace eorun
