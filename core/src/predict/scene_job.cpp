#include "predict/scene_job.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

#include <gdal.h>

#include "eorun/error.hpp"
#include "predict/scene_reader.hpp"
#include "predict/scene_strip.hpp"
#include "predict/scene_writer.hpp"
#include "util/joined.hpp"

namespace eorun {

namespace {

std::string number_text(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

// The one input group a scene feeds.
const InputGroup& single_input(const RecordedModel& model, const std::string& run) {
  const std::vector<InputGroup>& inputs = model.data.inputs;
  if (inputs.size() != 1) {
    std::vector<std::string> names;
    for (const InputGroup& group : inputs) names.push_back(group.name);
    throw Error(run,
                "reads " + std::to_string(inputs.size()) + " input groups (" + joined(names) +
                    ") at different resolutions; predict classifies scenes for runs with one input group",
                "predict with a run trained on one input group (e.g. all bands resampled to one resolution)");
  }
  const InputGroup& group = inputs.front();
  if (group.shape.size() != 3)
    throw Error(run, "recorded an input shape of " + std::to_string(group.shape.size()) + " dimensions, not [C, H, W]",
                "predict with a run of an image model");
  return group;
}

// GDAL keeps up to 5% of the memory in its block cache by default, which a scene read once, row
// after row, fills to no use: hold two rows of blocks of the bands read (at least 64 MiB), unless
// the user set a smaller cache.
void bound_block_cache(const SceneReader& reader) {
  constexpr std::int64_t kMinimumCache = std::int64_t{64} << 20;
  const std::int64_t wanted = std::max(kMinimumCache, 2 * reader.block_row_bytes());
  if (wanted < GDALGetCacheMax64()) GDALSetCacheMax64(wanted);
}

ChannelScaling recorded_scaling(const RunRecord& record, std::size_t channels, const std::string& run) {
  const NormalisationStats& stats = record.data->normalisation;
  if (stats.mean.size() != channels || stats.std.size() != channels)
    throw Error(run,
                "recorded " + std::to_string(stats.mean.size()) + " normalisation means and " +
                    std::to_string(stats.std.size()) + " deviations for " + std::to_string(channels) + " bands",
                "train the run again with this eorun");
  return channel_scaling(stats.mean, stats.std);
}

std::map<std::string, std::string> output_metadata(const RunRecord& record, const RecordedModel& model,
                                                   const WindowPlan& plan, const SceneJob& job,
                                                   const InputGroup& input) {
  std::map<std::string, std::string> metadata = {
      {"EORUN_RUN_ID", record.run_id},
      {"EORUN_CHECKPOINT", model.checkpoint.which + " (epoch " + std::to_string(model.checkpoint.epoch) + ")"},
      {"EORUN_CHECKPOINT_SHA256", model.checkpoint.sha256},
      {"EORUN_TASK", model.data.task == Task::single_label ? "single_label" : "multi_label"},
      {"EORUN_BANDS", joined(input.bands)},
      {"EORUN_WINDOW", std::to_string(plan.window_width) + "x" + std::to_string(plan.window_height)},
      {"EORUN_STRIDE", std::to_string(plan.stride)},
      {"EORUN_PADDING", "symmetric"},
      {"EORUN_SCENE", std::filesystem::absolute(job.scene).string()}};
  if (model.data.task == Task::multi_label) metadata["EORUN_THRESHOLD"] = number_text(model.threshold);
  const auto spec_model = record.spec.find("model");
  if (spec_model != record.spec.end() && spec_model->contains("plugin"))
    metadata["EORUN_MODEL"] = spec_model->at("plugin").get<std::string>();
  return metadata;
}

}  // namespace

SceneResult predict_scene_file(const RunRecord& record, RecordedModel& model, const SceneJob& job) {
  const std::string run = "run " + record.run_id.substr(0, 12);
  const InputGroup& input = single_input(model, run);
  ChannelScaling scaling = recorded_scaling(record, input.bands.size(), run);
  const SceneReader reader(job.scene, job.bands, input.bands, run);
  const int window_height = static_cast<int>(input.shape[1]);
  const int window_width = static_cast<int>(input.shape[2]);
  SceneResult result;
  result.plan = plan_windows(reader.width(), reader.height(), window_width, window_height,
                             job.stride.value_or(window_width), "scene " + job.scene.string());
  result.scene_bands = reader.scene_band_names();
  const WindowPlan& plan = result.plan;
  SceneStrip strip(reader, std::move(scaling), window_height);
  bound_block_cache(reader);

  SceneOutputLayout layout;
  layout.dir = job.out_dir;
  layout.width = plan.out_width();
  layout.height = plan.out_height();
  layout.georeference = reader.georeference();
  layout.georeference.geotransform = plan.output_geotransform(layout.georeference.geotransform);
  layout.task = model.data.task;
  layout.class_names = model.data.class_names;
  layout.all_scores = job.all_scores;
  layout.metadata = output_metadata(record, model, plan, job, input);
  SceneWriter writer(std::move(layout));

  PredictSettings settings;
  settings.task = model.data.task;
  settings.num_classes = static_cast<std::int64_t>(model.data.class_names.size());
  settings.threshold = model.threshold;
  settings.batch = job.batch;
  settings.all_scores = job.all_scores;
  settings.threads = job.threads;
  settings.show_progress = job.show_progress;
  settings.label = "predict " + job.scene.filename().string();
  settings.stop_requested = job.stop_requested;
  std::cerr << "eorun: predict: " << run << " on " << job.scene.string() << ": " << plan.scene_width << "x"
            << plan.scene_height << " pixels, " << plan.window_count() << " windows of " << window_width << "x"
            << window_height << " at stride " << plan.stride << " -> " << plan.out_width() << "x"
            << plan.out_height() << "\n";
  result.outcome = predict_scene(*model.model, strip, plan, writer, settings);
  if (result.outcome == PredictOutcome::interrupted) return result;
  writer.commit();
  result.classes = job.out_dir / kClassesFile;
  result.scores = job.out_dir / kScoresFile;
  return result;
}

}  // namespace eorun
