#include "train/trainer.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <thread>

#include <torch/torch.h>

#include "data/batch_loader.hpp"
#include "eorun/error.hpp"
#include "util/metric_direction.hpp"
#include "train/checkpoint.hpp"
#include "train/determinism.hpp"
#include "train/lr_schedule.hpp"
#include "train/mixed_precision.hpp"
#include "train/model_groups.hpp"
#include "train/optimizer_factory.hpp"
#include "train/task_head.hpp"
#include "train/weights_hash.hpp"
#include "util/progress.hpp"
#include "util/resource_usage.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

constexpr const char* kCheckpointFile = "best.pt";
constexpr const char* kLastCheckpointFile = "last.pt";
constexpr const char* kPredictionsFile = "predictions.csv";

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Ends the run early with a status other than completed; thrown inside train() only.
struct RunEnded {
  RunStatus status;
  std::string reason;
};

struct Evaluation {
  at::Tensor scores;   // [N, C] (TaskHead::scores)
  at::Tensor targets;  // as TaskHead::metric_targets
  std::vector<std::string> ids;
  double loss = 0;  // mean over samples
  double wait_seconds = 0;
};

class Trainer {
 public:
  explicit Trainer(const TrainJob& job)
      : job_(job),
        settings_(job.settings),
        device_(job.settings.device),
        amp_(amp_mode(job.settings.amp)),
        scaler_(amp_ == AmpMode::fp16),
        head_(job.train ? job.train->info().task : Task::multi_label,
              job.train ? static_cast<std::int64_t>(job.train->info().class_names.size()) : 0,
              job.settings.threshold) {}

  TrainResult run();
  // What was recorded before run() ended early (completed epochs, best checkpoint so far).
  TrainResult partial_result() const { return result_; }
  // Training samples per second over the training loops (not evaluation); 0 before any.
  double samples_per_second() const {
    return train_loop_seconds_ > 0 ? static_cast<double>(trained_samples_) / train_loop_seconds_
                                   : 0.0;
  }

 private:
  void check_inputs();
  void start_groups();
  void verify_frozen_groups();
  void stop_if_requested(int epoch) const;
  BatchLoader make_loader(const std::shared_ptr<Dataset>& dataset, bool training, int epoch) const;
  // The batch's inputs and target on the model's device.
  void to_device(Batch& batch) const;
  at::Tensor forward(const Batch& batch) const;
  void step(torch::optim::Optimizer& optimizer, const at::Tensor& loss);
  double train_epoch(torch::optim::Optimizer& optimizer, int epoch, EpochResult& result);
  Evaluation evaluate(const std::shared_ptr<Dataset>& dataset, const std::string& label,
                      int epoch);
  MetricSuite metrics_of(const Evaluation& evaluation) const;
  bool improves(double value) const;
  void report_epoch(const EpochResult& epoch, bool best) const;

  const TrainJob& job_;
  TrainSettings settings_;
  torch::Device device_;
  AmpMode amp_;
  LossScaler scaler_;  // fp16 only
  TaskHead head_;
  std::unique_ptr<GroupTraining> groups_;
  TrainResult result_;
  std::int64_t num_classes_ = 0;
  std::int64_t trained_samples_ = 0;
  double train_loop_seconds_ = 0;
};

void Trainer::check_inputs() {
  if (!job_.train || !job_.val || !job_.test)
    throw Error("training", "a train, val or test split is missing", "pass all three splits");
  if (!job_.model) throw Error("training", "no model was given", "pass a model");
  if (!job_.loss) throw Error("training", "no loss was given", "pass a loss");
  if (job_.out_dir.empty() || !std::filesystem::is_directory(job_.out_dir))
    throw Error(job_.out_dir.string(), "the output folder does not exist",
                "create it before training");
  const DatasetInfo& info = job_.train->info();
  if (settings_.selection_metric == "auto") settings_.selection_metric = default_selection_metric(info.task);
  const std::vector<std::string> allowed = selection_metrics(info.task);
  if (std::find(allowed.begin(), allowed.end(), settings_.selection_metric) == allowed.end())
    throw Error("train.selection_metric",
                "'" + settings_.selection_metric + "' is not a metric of " + task_text(info.task) +
                    " data",
                "use " + default_selection_metric(info.task) + " or another of its suite");
  const std::pair<const char*, std::size_t> sizes[] = {
      {"train", job_.train->size()}, {"val", job_.val->size()}, {"test", job_.test->size()}};
  for (const auto& [split, size] : sizes)
    if (size == 0)
      throw Error(std::string("the ") + split + " split", "has no samples",
                  "check the dataset's split definition");
}

void Trainer::start_groups() {
  const std::vector<CheckedGroup> groups = checked_groups(*job_.model, "the model");
  std::vector<std::string> names;
  for (const CheckedGroup& group : groups) names.push_back(group.name);
  std::vector<bool> trained = trained_groups(job_.finetune, names, "the model");
  for (std::size_t i = 0; i < names.size(); ++i)
    if (std::find(job_.new_groups.begin(), job_.new_groups.end(), names[i]) != job_.new_groups.end())
      trained[i] = true;
  groups_ = std::make_unique<GroupTraining>(job_.model->module(), groups, std::move(trained));
  groups_->record_start();
  result_.groups = groups_->states();
  result_.parameters_total = groups_->parameter_count();
  result_.parameters_trainable = groups_->trainable_parameter_count();
}

// The kept weights of every frozen group must equal the weights it started from, bit for bit.
void Trainer::verify_frozen_groups() {
  groups_->record_end();
  result_.groups = groups_->states();
  const std::vector<std::string> moved = groups_->moved_frozen_groups();
  if (moved.empty()) return;
  std::string names;
  for (const std::string& name : moved) names += (names.empty() ? "" : ", ") + name;
  throw RunEnded{RunStatus::failed, "frozen group(s) " + names +
                                        " changed during training; a model plugin must not "
                                        "update parameters or buffers outside autograd"};
}

void Trainer::stop_if_requested(int epoch) const {
  if (job_.stop_requested != nullptr && job_.stop_requested->load())
    throw RunEnded{RunStatus::interrupted,
                   "interrupted by the user at epoch " + std::to_string(epoch)};
}

BatchLoader Trainer::make_loader(const std::shared_ptr<Dataset>& dataset, bool training,
                                 int epoch) const {
  BatchLoaderOptions options;
  options.batch_size = static_cast<std::size_t>(settings_.batch_size);
  options.shuffle = training;
  if (training) options.augment = augmentation_set(settings_.augment);
  options.seed = static_cast<std::uint64_t>(settings_.seed);
  options.epoch = static_cast<std::uint64_t>(epoch);
  options.threads = std::max(1, job_.loader_threads);
  options.pin_memory = device_.is_cuda();
  return BatchLoader(dataset, job_.normalisation, options);
}

void Trainer::to_device(Batch& batch) const {
  if (device_.is_cpu()) return;
  for (at::Tensor& input : batch.inputs) input = input.to(device_, /*non_blocking=*/true);
  batch.target = batch.target.to(device_, /*non_blocking=*/true);
}

at::Tensor Trainer::forward(const Batch& batch) const {
  at::Tensor logits = job_.model->forward(batch.inputs);
  if (logits.dim() != 2 || logits.size(0) != batch.size() || logits.size(1) != num_classes_)
    throw Error("model", "returned logits of shape " + c10::str(logits.sizes()) + " for a batch of " +
                             std::to_string(batch.size()) + " and " +
                             std::to_string(num_classes_) + " classes",
                "a model must return [N, num_classes] logits");
  return logits;
}

double Trainer::train_epoch(torch::optim::Optimizer& optimizer, int epoch, EpochResult& result) {
  groups_->enter_train_mode();
  BatchLoader loader = make_loader(job_.train, /*training=*/true, epoch);
  ProgressReporter progress("epoch " + std::to_string(epoch) + "/" +
                                std::to_string(settings_.epochs) + " train",
                            static_cast<std::int64_t>(loader.batch_count()), "batch",
                            job_.show_progress);
  const auto start = Clock::now();
  double loss_sum = 0;
  std::int64_t samples = 0;
  std::int64_t batch_number = 0;
  while (true) {
    stop_if_requested(epoch);
    std::optional<Batch> batch = loader.next();
    if (!batch) break;
    ++batch_number;
    to_device(*batch);
    optimizer.zero_grad();
    at::Tensor loss;
    {
      AutocastScope autocast(amp_);
      loss = job_.loss->compute(forward(*batch), batch->target);
    }
    const double value = loss.item<double>();
    if (!std::isfinite(value))
      throw RunEnded{RunStatus::failed,
                     std::string("loss became ") + (std::isnan(value) ? "NaN" : "infinite") +
                         " at epoch " + std::to_string(epoch) + ", batch " +
                         std::to_string(batch_number) + "; lower train.lr or check the inputs"};
    step(optimizer, loss);
    loss_sum += value * static_cast<double>(batch->size());
    samples += batch->size();
    char note[48];
    std::snprintf(note, sizeof note, "loss %.4f", loss_sum / static_cast<double>(samples));
    progress.update(batch_number, note);
  }
  progress.finish();
  train_loop_seconds_ += seconds_since(start);
  trained_samples_ += samples;
  result.data_wait_seconds += loader.wait_seconds();
  return samples > 0 ? loss_sum / static_cast<double>(samples) : 0.0;
}

void Trainer::step(torch::optim::Optimizer& optimizer, const at::Tensor& loss) {
  scaler_.scaled(loss).backward();
  const std::vector<at::Tensor> parameters = job_.model->module()->parameters();
  if (!scaler_.unscale(parameters)) return;  // fp16: a gradient overflowed; the scale was lowered
  if (settings_.clip_grad_norm > 0)
    torch::nn::utils::clip_grad_norm_(parameters, settings_.clip_grad_norm);
  optimizer.step();
}

Evaluation Trainer::evaluate(const std::shared_ptr<Dataset>& dataset, const std::string& label,
                             int epoch) {
  torch::NoGradGuard no_grad;
  job_.model->module()->eval();
  BatchLoader loader = make_loader(dataset, /*training=*/false, 0);
  ProgressReporter progress(label, static_cast<std::int64_t>(loader.batch_count()), "batch",
                            job_.show_progress);
  Evaluation evaluation;
  std::vector<at::Tensor> scores, targets;
  double loss_sum = 0;
  std::int64_t samples = 0;
  std::int64_t batch_number = 0;
  while (true) {
    stop_if_requested(epoch);
    std::optional<Batch> batch = loader.next();
    if (!batch) break;
    to_device(*batch);
    at::Tensor logits, loss;
    {
      AutocastScope autocast(amp_);
      logits = forward(*batch);
      loss = job_.loss->compute(logits, batch->target);
    }
    if (!logits.isfinite().all().item<bool>())
      throw RunEnded{RunStatus::failed,
                     "the model's outputs became NaN or infinite (" + label +
                         "): training diverged; lower train.lr or set train.clip_grad_norm"};
    loss_sum += loss.item<double>() * static_cast<double>(batch->size());
    samples += batch->size();
    scores.push_back(head_.scores(logits).to(at::kCPU));
    targets.push_back(head_.metric_targets(batch->target));
    for (std::string& id : batch->ids) evaluation.ids.push_back(std::move(id));
    progress.update(++batch_number);
  }
  progress.finish();
  evaluation.scores = torch::cat(scores);
  evaluation.targets = torch::cat(targets);
  evaluation.loss = loss_sum / static_cast<double>(samples);
  evaluation.wait_seconds = loader.wait_seconds();
  return evaluation;
}

MetricSuite Trainer::metrics_of(const Evaluation& evaluation) const {
  MetricSuite suite = head_.metrics(evaluation.scores, evaluation.targets);
  suite.scalars["loss"] = evaluation.loss;
  return suite;
}

// Strictly better than the best so far (ties keep the earlier epoch); NaN is never better.
bool Trainer::improves(double value) const {
  if (result_.best_epoch == 0) return true;
  if (std::isnan(value)) return false;
  if (std::isnan(result_.best_value)) return true;
  return higher_is_better(settings_.selection_metric) ? value > result_.best_value
                                                      : value < result_.best_value;
}

void Trainer::report_epoch(const EpochResult& epoch, bool best) const {
  if (!job_.show_progress) return;
  const double wait_share = epoch.seconds > 0 ? 100.0 * epoch.data_wait_seconds / epoch.seconds : 0;
  std::fprintf(stderr, "epoch %d/%lld: train loss %.4f, val %s %.4f%s, %s, data wait %.0f%%\n",
               epoch.epoch, static_cast<long long>(settings_.epochs), epoch.train_loss,
               settings_.selection_metric.c_str(),
               epoch.val_metrics.at(settings_.selection_metric), best ? " (best)" : "",
               format_duration(epoch.seconds).c_str(), wait_share);
}

TrainResult Trainer::run() {
  check_inputs();
  if (settings_.threads <= 0)
    settings_.threads = static_cast<std::int64_t>(std::max(1u, std::thread::hardware_concurrency()));
  prepare_determinism(settings_.seed, static_cast<int>(settings_.threads), device_.is_cuda());
  num_classes_ = static_cast<std::int64_t>(job_.train->info().class_names.size());

  const std::shared_ptr<torch::nn::Module> module = job_.model->module();
  module->to(device_);
  start_groups();
  const std::vector<TrainableGroup> trainable = groups_->trainable(settings_.backbone_lr_scale);
  const std::unique_ptr<torch::optim::Optimizer> optimizer = make_optimizer(settings_, trainable);
  LrSchedule schedule(settings_);
  EarlyStopping early_stopping(settings_.patience);

  const std::filesystem::path checkpoint = job_.out_dir / kCheckpointFile;
  std::string chain;
  for (int epoch = 1; epoch <= settings_.epochs; ++epoch) {
    const auto start = Clock::now();
    EpochResult current;
    current.epoch = epoch;
    current.lr = schedule.lr_for(epoch);
    set_learning_rate(*optimizer, trainable, current.lr);
    current.train_loss = train_epoch(*optimizer, epoch, current);
    current.weights_sha256 = weights_sha256(*module);
    current.chain_sha256 = chain_sha256(chain, current.weights_sha256);
    chain = current.chain_sha256;

    const Evaluation val = evaluate(job_.val, "epoch " + std::to_string(epoch) + "/" +
                                                  std::to_string(settings_.epochs) + " val",
                                    epoch);
    current.data_wait_seconds += val.wait_seconds;
    current.val_metrics = metrics_of(val).scalars;
    current.seconds = seconds_since(start);
    result_.data_wait_seconds += current.data_wait_seconds;

    const double value = current.val_metrics.at(settings_.selection_metric);
    const bool best = improves(value);
    if (best) {
      save_checkpoint(*module, checkpoint);
      result_.best_epoch = epoch;
      result_.best_value = value;
      result_.checkpoint_file = kCheckpointFile;
    }
    report_epoch(current, best);
    result_.epochs.push_back(std::move(current));
    schedule.observe(best);
    if (early_stopping.stop_after(best) && epoch < settings_.epochs) {
      result_.stopped_early_at = epoch;
      result_.stopped_early_why = "val " + settings_.selection_metric + " did not improve for " +
                                  std::to_string(settings_.patience) + " epochs (best: epoch " +
                                  std::to_string(result_.best_epoch) + ")";
      if (job_.show_progress)
        std::fprintf(stderr, "stopped early after epoch %d: %s\n", epoch,
                     result_.stopped_early_why.c_str());
      break;
    }
  }

  // The weights of the last epoch trained, for `eorun export --checkpoint last`.
  const std::filesystem::path last = job_.out_dir / kLastCheckpointFile;
  save_checkpoint(*module, last);
  result_.last_checkpoint = {static_cast<std::int64_t>(result_.epochs.back().epoch), kLastCheckpointFile,
                             sha256_file(last)};
  load_checkpoint(*module, checkpoint, device_.str());
  result_.checkpoint_sha256 = sha256_file(checkpoint);
  result_.final_weights_sha256 = weights_sha256(*module);
  verify_frozen_groups();
  const Evaluation test =
      evaluate(job_.test, "test", static_cast<int>(result_.epochs.back().epoch));
  result_.data_wait_seconds += test.wait_seconds;
  MetricSuite test_suite = metrics_of(test);
  result_.test_metrics = std::move(test_suite.scalars);
  result_.test_per_class = std::move(test_suite.per_class);
  result_.test_confusion = std::move(test_suite.confusion);
  head_.write_predictions(job_.out_dir / kPredictionsFile, job_.test->info().class_names, test.ids,
                          test.scores, test.targets);
  result_.predictions_file = kPredictionsFile;
  result_.status = RunStatus::completed;
  return std::move(result_);
}

}  // namespace

TrainResult train(const TrainJob& job) {
  const auto start = Clock::now();
  TrainResult result;
  {
    Trainer trainer(job);
    try {
      result = trainer.run();
    } catch (...) {
      // The run went wrong: keep what was measured so far, then record why.
      result = trainer.partial_result();
      try {
        throw;
      } catch (const RunEnded& ended) {
        result.status = ended.status;
        result.reason = ended.reason;
      } catch (const c10::Error& e) {
        result.status = RunStatus::failed;
        result.reason = e.what_without_backtrace();
      } catch (const std::exception& e) {
        result.status = RunStatus::failed;
        result.reason = e.what();
      } catch (...) {
        result.status = RunStatus::failed;
        result.reason = "an unknown exception ended training";
      }
    }
    result.samples_per_second = trainer.samples_per_second();
  }
  if (!result.checkpoint_file.empty() && result.checkpoint_sha256.empty()) {
    // A run that ended early still records the best checkpoint it wrote.
    try {
      result.checkpoint_sha256 = sha256_file(job.out_dir / result.checkpoint_file);
    } catch (const std::exception&) {
      result.checkpoint_file.clear();
    }
  }
  result.wall_seconds = seconds_since(start);
  result.peak_rss_bytes = current_resource_usage().peak_rss_bytes;
  return result;
}

}  // namespace eorun
