#include "predict/scene_predictor.hpp"

#include <torch/torch.h>

#include "train/task_head.hpp"
#include "util/progress.hpp"

namespace eorun {

namespace {

// Output rows being filled, and where the next result goes.
class RowAssembler {
 public:
  RowAssembler(const WindowPlan& plan, SceneWriter& writer, const PredictSettings& settings)
      : width_(plan.out_width()),
        writer_(writer),
        settings_(settings),
        classes_(static_cast<std::size_t>(writer.class_bands()) * static_cast<std::size_t>(width_)),
        scores_(static_cast<std::size_t>(writer.score_bands()) * static_cast<std::size_t>(width_)) {}

  // Scores [n, classes] (CPU, float) of the next n windows in raster order.
  void add(const at::Tensor& scores) {
    const at::Tensor contiguous = scores.contiguous();
    const float* values = contiguous.data_ptr<float>();
    const std::int64_t classes = settings_.num_classes;
    const std::size_t width = static_cast<std::size_t>(width_);
    for (std::int64_t i = 0; i < contiguous.size(0); ++i, ++next_) {
      const float* window = values + i * classes;
      const std::size_t col = static_cast<std::size_t>(next_ % width_);
      std::int64_t best = 0;
      for (std::int64_t c = 1; c < classes; ++c)
        if (window[c] > window[best]) best = c;  // ties to the lowest index
      if (settings_.task == Task::single_label) {
        classes_[col] = static_cast<std::uint8_t>(best);
      } else {
        for (std::int64_t c = 0; c < classes; ++c)
          classes_[static_cast<std::size_t>(c) * width + col] = window[c] >= settings_.threshold ? 1 : 0;
      }
      if (settings_.all_scores) {
        for (std::int64_t c = 0; c < classes; ++c) scores_[static_cast<std::size_t>(c) * width + col] = window[c];
      } else {
        scores_[col] = window[best];
      }
      if (col + 1 == width) writer_.write_row(static_cast<int>(next_ / width_), classes_.data(), scores_.data());
    }
  }

 private:
  int width_;
  SceneWriter& writer_;
  const PredictSettings& settings_;
  std::vector<std::uint8_t> classes_;
  std::vector<float> scores_;
  std::int64_t next_ = 0;  // index of the next window in raster order
};

}  // namespace

PredictOutcome predict_scene(Model& model, SceneStrip& strip, const WindowPlan& plan, SceneWriter& writer,
                             const PredictSettings& settings) {
  torch::set_num_threads(std::max(1, settings.threads));
  torch::NoGradGuard no_grad;
  model.module()->eval();
  const TaskHead head(settings.task, settings.num_classes, settings.threshold);
  const int batch_size = std::max(1, settings.batch);
  const std::int64_t channels = strip.channels();
  at::Tensor batch = at::empty({batch_size, channels, plan.window_height, plan.window_width}, at::kFloat);
  const std::int64_t window_values = channels * plan.window_height * plan.window_width;
  RowAssembler rows(plan, writer, settings);
  ProgressReporter progress(settings.label, plan.window_count(), "window", settings.show_progress);
  std::int64_t done = 0;
  int filled = 0;
  auto run_batch = [&]() {
    const at::Tensor logits = model.forward({batch.narrow(0, 0, filled)});
    rows.add(head.scores(logits).to(at::kFloat).cpu());
    done += filled;
    filled = 0;
    progress.update(done);
    return settings.stop_requested == nullptr || !settings.stop_requested->load();
  };
  for (int row = 0; row < plan.out_height(); ++row) {
    const auto [first, last] = plan.rows_read(row);
    strip.hold_rows(first, last);
    const int top = plan.window_top(row);
    for (int col = 0; col < plan.out_width(); ++col) {
      strip.copy_window(top, plan.window_left(col), plan.window_height, plan.window_width,
                        batch.data_ptr<float>() + filled * window_values);
      if (++filled == batch_size && !run_batch()) return PredictOutcome::interrupted;
    }
  }
  if (filled > 0 && !run_batch()) return PredictOutcome::interrupted;
  progress.finish();
  return PredictOutcome::completed;
}

}  // namespace eorun
