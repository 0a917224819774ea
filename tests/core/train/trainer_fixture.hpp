// A tiny learnable problem and a ShortCNN/BCE training job over it, for the trainer's tests:
// 64 train, 32 val, 24 test samples of 3x16x16 with 4 classes.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "bce_loss.hpp"
#include "core/data/memory_dataset.hpp"
#include "data/band_stats.hpp"
#include "short_cnn_model.hpp"
#include "support/temp_dir.hpp"
#include "train/determinism.hpp"
#include "train/trainer.hpp"

namespace eorun::test {

constexpr std::int64_t kBands = 3;
constexpr std::int64_t kSide = 16;
constexpr std::int64_t kClasses = 4;

// A tiny learnable problem: 64 train, 32 val, 24 test samples of 3x16x16, 4 classes.
class TrainerTest : public ::testing::Test {
 protected:
  TrainerTest()
      : train_(MemoryDataset::patterned(64, kBands, kSide, kClasses, 11)),
        val_(MemoryDataset::patterned(32, kBands, kSide, kClasses, 12)),
        test_(MemoryDataset::patterned(24, kBands, kSide, kClasses, 13)) {}

  TrainJob job(std::int64_t seed, const std::filesystem::path& out_dir) {
    TrainJob job;
    job.train = train_;
    job.val = val_;
    job.test = test_;
    job.settings.seed = seed;
    job.settings.threads = 2;
    job.settings.epochs = 2;
    job.settings.batch_size = 16;
    job.settings.lr = 0.001;
    prepare_determinism(seed, 2);  // the model's initial weights follow the seed
    job.model = std::make_shared<shortcnn::ShortCnnModel>(
        shortcnn::ShortCnnOptions(kBands, kClasses).input_size(kSide));
    job.loss = std::make_shared<bce::BceLoss>();
    job.normalisation = compute_band_stats(*train_, 2);
    job.out_dir = out_dir;
    job.loader_threads = 2;
    job.show_progress = false;
    return job;
  }

  std::shared_ptr<MemoryDataset> train_, val_, test_;
  test::TempDir out_;
};

}  // namespace eorun::test
