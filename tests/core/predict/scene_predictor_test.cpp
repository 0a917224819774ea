// The window loop with a model whose logits are known: [m, -m] for m the window's mean, so a
// window over positive values is class 0 and one over negative values class 1.
#include "predict/scene_predictor.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "support/gdal_read.hpp"
#include "support/geotiff_writer.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

class MeanModel : public Model {
 public:
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    ++calls;
    const at::Tensor mean = inputs.at(0).mean({1, 2, 3});
    return at::stack({mean, -mean}, 1);
  }
  std::shared_ptr<torch::nn::Module> module() override { return module_; }
  std::vector<ModuleGroup> groups() override { return {}; }
  int calls = 0;

 private:
  std::shared_ptr<torch::nn::Module> module_ = std::make_shared<torch::nn::Module>();
};

// 16 x 8 pixels, one band "b1": +1 in the left half, -1 in the right half.
std::filesystem::path write_scene(const test::TempDir& dir) {
  std::vector<float> pixels;
  for (int row = 0; row < 8; ++row)
    for (int col = 0; col < 16; ++col) pixels.push_back(col < 8 ? 1.0f : -1.0f);
  const std::filesystem::path path = dir.path() / "scene.tif";
  support::write_geotiff(path, pixels, 16, 8, 1, {{0, 1, 0, 0, 0, -1}, support::kUtm33nWkt}, {"b1"});
  return path;
}

SceneOutputLayout layout_for(const std::filesystem::path& dir, const WindowPlan& plan) {
  SceneOutputLayout layout;
  layout.dir = dir;
  layout.width = plan.out_width();
  layout.height = plan.out_height();
  layout.task = Task::single_label;
  layout.class_names = {"positive", "negative"};
  return layout;
}

// The scene, read at `stride` with 4 x 4 windows, into `dir`/out.
struct Prediction {
  Prediction(const test::TempDir& dir, int stride, int batch)
      : reader(write_scene(dir), {"auto"}, {"b1"}, "run abc"),
        plan(plan_windows(16, 8, 4, 4, stride, "scene")),
        strip(reader, channel_scaling({0.0}, {1.0}), 4),
        writer(layout_for(dir.path() / "out", plan)) {
    settings.num_classes = 2;
    settings.batch = batch;
    settings.show_progress = false;
  }
  PredictOutcome run() { return predict_scene(model, strip, plan, writer, settings); }

  SceneReader reader;
  WindowPlan plan;
  SceneStrip strip;
  SceneWriter writer;
  MeanModel model;
  PredictSettings settings;
};

TEST(PredictScene, ClassifiesEveryWindowInRasterOrder) {
  test::TempDir dir;
  Prediction prediction(dir, 4, 3);  // batches span output rows
  EXPECT_EQ(prediction.run(), PredictOutcome::completed);
  EXPECT_EQ(prediction.model.calls, 3);  // 8 windows in batches of 3
  prediction.writer.commit();
  EXPECT_EQ(test::gdal_band(dir.path() / "out" / kClassesFile, 1), (std::vector<float>{0, 0, 1, 1, 0, 0, 1, 1}));
  const float winning = 1.0f / (1.0f + std::exp(-2.0f));  // softmax of [1, -1]
  for (float score : test::gdal_band(dir.path() / "out" / kScoresFile, 1)) EXPECT_NEAR(score, winning, 1e-6);
}

TEST(PredictScene, StopsAfterTheBatchWhenAskedTo) {
  test::TempDir dir;
  Prediction prediction(dir, 1, 5);
  std::atomic<bool> stop{true};
  prediction.settings.stop_requested = &stop;
  EXPECT_EQ(prediction.run(), PredictOutcome::interrupted);
  EXPECT_EQ(prediction.model.calls, 1);
}

}  // namespace
}  // namespace eorun
