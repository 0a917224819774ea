#include "epoch_overhead.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

#include <torch/torch.h>

#include "train/group_training.hpp"
#include "train/model_groups.hpp"
#include "train/task_head.hpp"

namespace eorun::bench {

namespace {

double median_seconds(int repeats, const std::function<void()>& work) {
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

}  // namespace

EpochOverhead measure_epoch_overhead(const TrainJob& job, int repeats) {
  const DatasetInfo& info = job.train->info();
  const auto classes = static_cast<std::int64_t>(info.class_names.size());
  const auto samples = static_cast<std::int64_t>(job.val->size());
  const std::int64_t batch = job.settings.batch_size;
  const TaskHead head(info.task, classes, job.settings.threshold);

  // Logits and targets of the val split's size, in the trainer's batches.
  torch::manual_seed(0);
  std::vector<at::Tensor> logits, targets;
  for (std::int64_t start = 0; start < samples; start += batch) {
    const std::int64_t rows = std::min(batch, samples - start);
    logits.push_back(torch::randn({rows, classes}));
    targets.push_back(info.task == Task::single_label
                          ? torch::randint(classes, {rows}, at::kLong)
                          : torch::randint(2, {rows, classes}).to(at::kFloat));
  }
  at::Tensor all_scores, all_targets;
  EpochOverhead overhead;
  overhead.head_seconds = median_seconds(repeats, [&] {
    std::vector<at::Tensor> scores, truth;
    for (std::size_t i = 0; i < logits.size(); ++i) {
      scores.push_back(head.scores(logits[i]).to(at::kCPU));
      truth.push_back(head.metric_targets(targets[i]));
    }
    all_scores = torch::cat(scores);
    all_targets = torch::cat(truth);
  });
  overhead.metrics_seconds =
      median_seconds(repeats, [&] { head.metrics(all_scores, all_targets); });

  const std::vector<CheckedGroup> groups = checked_groups(*job.model, "the model");
  const std::vector<bool> trained(groups.size(), true);
  overhead.group_hashes_seconds = median_seconds(repeats, [&] {
    GroupTraining training(job.model->module(), checked_groups(*job.model, "the model"), trained);
    training.record_start();
    training.record_end();
    training.moved_frozen_groups();
  });
  const GroupTraining training(job.model->module(), groups, trained);
  overhead.train_mode_seconds = median_seconds(repeats, [&] { training.enter_train_mode(); });
  return overhead;
}

}  // namespace eorun::bench
