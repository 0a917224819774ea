// The sliding-window loop of `eorun predict`: for each output row, hold the scene rows its
// windows read (SceneStrip), copy its windows into batches, run each full batch through the
// model (eval mode, no gradients), turn logits into scores as training did (TaskHead), and write
// each output row as soon as it is complete. Polls the stop flag (Ctrl-C) between batches.
#pragma once

#include <atomic>
#include <string>

#include "eorun/model.hpp"
#include "predict/scene_strip.hpp"
#include "predict/scene_writer.hpp"
#include "predict/window_planner.hpp"

namespace eorun {

struct PredictSettings {
  Task task = Task::single_label;
  std::int64_t num_classes = 0;
  double threshold = 0.5;  // multi-label: a class is present where its score >= threshold
  int batch = 32;          // windows per forward pass
  bool all_scores = false;
  int threads = 1;         // torch::set_num_threads
  bool show_progress = true;
  std::string label = "predict";  // progress label
  const std::atomic<bool>* stop_requested = nullptr;
};

enum class PredictOutcome { completed, interrupted };

// Writes every row of `writer` (not committed). Returns interrupted, with rows missing, when
// the stop flag was set. `strip` must read the channels the model takes, in its order.
PredictOutcome predict_scene(Model& model, SceneStrip& strip, const WindowPlan& plan, SceneWriter& writer,
                             const PredictSettings& settings);

}  // namespace eorun
