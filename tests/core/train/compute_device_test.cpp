// train.device: the CPU as before, a GPU found and named with its determinism settings, and a
// clear error naming what was found when the GPU is not there.
#include "train/compute_device.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <torch/cuda.h>
#include <torch/version.h>

#include "eorun/error.hpp"
#include "train/determinism.hpp"
#include "util/cuda_driver.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& device) {
  try {
    resolve_compute_device(device);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ComputeDevice, TheCpuKeepsTheIdentityOfRunsMadeBeforeDevicesWereChosen) {
  const ComputeDevice cpu = resolve_compute_device("cpu");
  EXPECT_FALSE(cpu.is_cuda());
  EXPECT_EQ(cpu.torch_device, "cpu");
  EXPECT_EQ(cpu.identity(), nlohmann::json("cpu"));
}

TEST(ComputeDevice, AnUnknownDeviceNamesTheAccepted) {
  EXPECT_THAT(error_of("cuda:x"), HasSubstr("train.device: unknown device 'cuda:x'; use cpu, cuda or cuda:N"));
  EXPECT_THAT(error_of("gpu"), HasSubstr("unknown device 'gpu'"));
}

TEST(ComputeDevice, AGpuIsFoundAndNamedOrTheErrorSaysWhatWasFound) {
  if (torch::cuda::device_count() > 0) {
    // A CUDA LibTorch with a GPU: cuda is cuda:0, named by the driver, with its settings.
    const ComputeDevice gpu = resolve_compute_device("cuda");
    EXPECT_TRUE(gpu.is_cuda());
    EXPECT_EQ(gpu.torch_device, "cuda:0");
    EXPECT_FALSE(gpu.name.empty());
    EXPECT_EQ(gpu.identity().at("determinism"), cuda_determinism_settings());
    const std::string beyond = "cuda:" + std::to_string(torch::cuda::device_count());
    EXPECT_THAT(error_of(beyond), HasSubstr("are visible: cuda:0 " + gpu.name));
    return;
  }
  // This LibTorch sees no GPU: asking for one says which LibTorch it is and what it lacks.
  const std::string error = error_of("cuda");
  EXPECT_THAT(error, HasSubstr("train.device: 'cuda' "));
  EXPECT_THAT(error, HasSubstr(std::string("LibTorch ") + TORCH_VERSION));
  EXPECT_THAT(error, ::testing::AnyOf(HasSubstr("CPU only"), HasSubstr("sees 0 devices")));
  EXPECT_THAT(error, HasSubstr("train.device = \"cpu\""));
  EXPECT_THAT(error_of("cuda:1"), HasSubstr("'cuda:1' "));
}

TEST(ComputeDevice, GpuDeterminismSettingsAreTheRecordedOnes) {
  const nlohmann::json settings = cuda_determinism_settings();
  EXPECT_EQ(settings.at("cudnn_benchmark"), false);
  EXPECT_EQ(settings.at("cudnn_deterministic"), true);
  EXPECT_EQ(settings.at("tf32"), false);
  EXPECT_EQ(settings.at("cublas_workspace_config"), ":4096:8");
}

TEST(CudaDriver, OrdinalsOfDeviceTexts) {
  EXPECT_EQ(cuda_ordinal("cuda"), 0u);
  EXPECT_EQ(cuda_ordinal("cuda:0"), 0u);
  EXPECT_EQ(cuda_ordinal("cuda:12"), 12u);
  EXPECT_EQ(cuda_ordinal("cpu"), std::nullopt);
  EXPECT_EQ(cuda_ordinal("cuda:"), std::nullopt);
  EXPECT_EQ(cuda_ordinal("cuda:1x"), std::nullopt);
  EXPECT_EQ(cuda_ordinal("cudax"), std::nullopt);
}

TEST(CudaDriver, NoDriverLibraryNoName) {
  EXPECT_EQ(cuda_device_name(0, "libcuda-that-is-not-installed.so.1"), std::nullopt);
}

}  // namespace
}  // namespace eorun
