// eorun predict RUN_ID SCENE --out DIR: a recorded run classifies a whole scene.
#include <algorithm>
#include <iostream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "exec/recorded_model.hpp"
#include "predict/scene_job.hpp"
#include "registry/registry.hpp"
#include "util/interrupt.hpp"

namespace eorun {

namespace {

void check_numbers(const PredictArgs& options) {
  if (options.batch < 1)
    throw Error("--batch " + std::to_string(options.batch), "must be at least 1", "e.g. --batch 32");
  if (options.threads < 0)
    throw Error("--threads " + std::to_string(options.threads), "must be 0 (one per core) or more",
                "e.g. --threads 4");
}

}  // namespace

void execute(const PredictArgs& options, AppContext& context) {
  check_numbers(options);
  Registry registry = Registry::open(existing_registry_path(context));
  const std::string run_id = registry.resolve_run_id(options.run);
  const RunRecord record = *registry.load_run_record(run_id);
  const Catalogue catalogue = context.load_catalogue();
  RecordedModel model = load_recorded_model(record, catalogue, options.checkpoint, "predict");

  SceneJob job;
  job.scene = options.scene;
  job.out_dir = options.out;
  job.bands = options.bands;
  job.stride = options.stride;
  job.batch = options.batch;
  job.all_scores = options.all_scores;
  job.threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  job.show_progress = !options.no_progress;
  job.stop_requested = &install_interrupt_handler();
  const SceneResult result = predict_scene_file(record, model, job);
  if (result.outcome == PredictOutcome::interrupted) {
    context.exit_code = ExitCode::interrupted;
    std::cerr << "eorun: predict interrupted; nothing written under " << (job.out_dir / kClassesFile).string()
              << " or " << (job.out_dir / kScoresFile).string() << "\n";
    return;
  }
  const WindowPlan& plan = result.plan;
  std::cout << "run " << run_id.substr(0, 12) << " (" << model.checkpoint.which << " epoch "
            << model.checkpoint.epoch << ") on " << options.scene << ": " << plan.scene_width << "x"
            << plan.scene_height << " pixels -> " << plan.out_width() << "x" << plan.out_height()
            << " at stride " << plan.stride << "\n"
            << "classes: " << result.classes.string() << "\n"
            << "scores: " << result.scores.string() << "\n";
}

}  // namespace eorun
