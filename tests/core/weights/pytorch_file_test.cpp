// torch.save files: a state dict (an OrderedDict, which LibTorch's own reader refuses), one inside
// a training checkpoint, every element type and views of one storage read exactly as PyTorch
// wrote them; the legacy format and files without weights refused with what to do.
#include "weights/pytorch_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ATen/ATen.h>

#include "eorun/error.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "weights/safetensors.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

class PytorchFile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    const test::CommandResult made = test::run_program(
        "/usr/bin/python3",
        {std::string(EORUN_SOURCE_DIR) + "/tests/core/weights/pytorch_files.py", dir_->path().string()},
        dir_->path());
    ASSERT_EQ(made.exit_code, 0) << made.err << "(python3-torch: run scripts/install-deps.sh)";
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::filesystem::path file(const std::string& name) { return dir_->path() / name; }

  static void expect_same(const std::map<std::string, at::Tensor>& read,
                          const std::map<std::string, at::Tensor>& expected) {
    ASSERT_EQ(read.size(), expected.size());
    for (const auto& [name, tensor] : expected) {
      ASSERT_EQ(read.count(name), 1u) << name;
      EXPECT_EQ(read.at(name).scalar_type(), tensor.scalar_type()) << name;
      EXPECT_TRUE(read.at(name).equal(tensor)) << name << ": " << read.at(name) << " vs " << tensor;
    }
  }

  static std::string error_of(const std::string& name) {
    try {
      read_pytorch_weights(file(name));
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  }

  static test::TempDir* dir_;
};

test::TempDir* PytorchFile::dir_ = nullptr;

TEST_F(PytorchFile, AStateDictIsReadAsPyTorchWroteIt) {
  const PytorchWeights weights = read_pytorch_weights(file("state_dict.pt"));
  EXPECT_EQ(weights.found_under, "");
  expect_same(weights.tensors, read_safetensors(file("state_dict.safetensors")).tensors);
  EXPECT_EQ(weights.tensors.at("1.num_batches_tracked").scalar_type(), at::kLong);
}

TEST_F(PytorchFile, ATrainingCheckpointGivesTheStateDictUnderItsKey) {
  const PytorchWeights weights = read_pytorch_weights(file("checkpoint.pt"));
  EXPECT_EQ(weights.found_under, "state_dict");
  expect_same(weights.tensors, read_safetensors(file("state_dict.safetensors")).tensors);
}

TEST_F(PytorchFile, EveryElementTypeAndViewsOfOneStorage) {
  const PytorchWeights weights = read_pytorch_weights(file("mixed.pt"));
  expect_same(weights.tensors, read_safetensors(file("mixed.safetensors")).tensors);
  EXPECT_EQ(weights.tensors.at("column").sizes().vec(), std::vector<std::int64_t>{3});
}

TEST_F(PytorchFile, TheLegacyFormatIsRefusedWithHowToSaveItAgain) {
  EXPECT_THAT(error_of("legacy.pt"), HasSubstr("is not a zip archive"));
  EXPECT_THAT(error_of("legacy.pt"), HasSubstr("torch.save(torch.load(PATH, map_location='cpu'), NEW_PATH)"));
}

TEST_F(PytorchFile, FilesWithoutAStateDictSayWhatTheyHold) {
  EXPECT_THAT(error_of("no_weights.pt"), HasSubstr("holds no state dict: a dict of 'epoch', 'note' without tensors"));
  EXPECT_THAT(error_of("list.pt"), HasSubstr("holds a list of 1, not a state dict"));
  EXPECT_THAT(error_of("missing.pt"), HasSubstr("no such weights file"));
}

TEST_F(PytorchFile, ATruncatedArchiveIsNamedAsSuch) {
  std::filesystem::copy_file(file("state_dict.pt"), file("cut.pt"));
  std::filesystem::resize_file(file("cut.pt"), std::filesystem::file_size(file("cut.pt")) / 2);
  EXPECT_THAT(error_of("cut.pt"), HasSubstr("the file is truncated or corrupt"));
}

}  // namespace
}  // namespace eorun
