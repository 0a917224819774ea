// One `eorun predict`: a recorded run's model over one scene file, into classes.tif and
// scores.tif of an output folder. Everything that can be wrong with the request (the run's
// inputs, the scene, its bands, its size, the stride) is found before the output folder is
// touched; the outputs appear under their final names only when complete.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "exec/recorded_model.hpp"
#include "predict/scene_predictor.hpp"
#include "predict/window_planner.hpp"
#include "registry/run_record.hpp"

namespace eorun {

struct SceneJob {
  std::filesystem::path scene;
  std::filesystem::path out_dir;
  std::vector<std::string> bands = {"auto"};  // the scene's band names in order, or {"auto"}
  std::optional<int> stride;                  // none: the window width (windows side by side)
  int batch = 32;
  bool all_scores = false;
  int threads = 1;
  bool show_progress = true;
  const std::atomic<bool>* stop_requested = nullptr;
};

struct SceneResult {
  PredictOutcome outcome = PredictOutcome::completed;
  WindowPlan plan;
  std::vector<std::string> scene_bands;  // the scene's band names, in its order
  std::filesystem::path classes, scores;  // final names (absent when interrupted)
};

// Throws eorun::Error for bad input (a run with several input groups, normalisation that does not
// fit its bands, a scene that is no raster, lacks a band or is smaller than one window, a stride
// below 1) and for a failure to write, leaving nothing under the final names.
SceneResult predict_scene_file(const RunRecord& record, RecordedModel& model, const SceneJob& job);

}  // namespace eorun
