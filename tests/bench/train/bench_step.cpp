// bench_step: training steps of a model plugin on random in-memory batches, loaded and trained as
// a run does, for a side-by-side comparison with Python PyTorch (peer: torchvision_step.py, both
// run by compare_python.sh). Prints one JSON line on stdout.
//
//   bench_step [--model resnet|densenet] [--depth D] [--bands 12] [--size 120] [--batch 32]
//              [--classes 19] [--threads 2] [--optimizer adam|sgd] [--warmup 2] [--steps 10]
//              [--seed 1] [--plugins DIR] [--trace FILE]
//
// The model and the bce loss come from the plugin folder (default: this build's plugins/) through
// the catalogue, with the plugin's declared defaults for every parameter not given. One step is
// what the trainer's train_epoch() and step() do for a CPU run without amp or clipping: zero_grad
// (gradients zeroed, not released), forward, bce with logits, loss.item(), backward, the module's
// parameter list, optimizer step; threads and the seed set by prepare_determinism(), the optimizer
// made by make_optimizer() from the run's default [train] settings over the model's module groups.
// --warmup steps run untimed, then --steps steps are timed. Inputs are four batches of N(0, 1)
// values (the loader's normalised inputs) and random multi-label targets, made before the timing
// and used in turn. --trace writes the timed steps' operators as a Chrome trace (LibTorch's legacy
// profiler, as torchvision_step.py --trace writes its own; trace_ops.py sums either by operator).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include "plugins/catalogue.hpp"
#include "spec/param_schema.hpp"
#include "train/determinism.hpp"
#include "train/group_training.hpp"
#include "train/model_groups.hpp"
#include "train/optimizer_factory.hpp"
#include "train/train_settings.hpp"
#include "util/resource_usage.hpp"

namespace {

constexpr int kDistinctBatches = 4;
constexpr double kMebibyte = 1024.0 * 1024.0;

struct Args {
  std::string model = "resnet";
  std::int64_t depth = 0;  // 0: the plugin's default
  std::int64_t bands = 12;
  std::int64_t size = 120;
  std::int64_t batch = 32;
  std::int64_t classes = 19;
  int threads = 2;
  std::string optimizer = "adam";
  int warmup = 2;
  int steps = 10;
  std::int64_t seed = 1;
  std::filesystem::path plugins = std::filesystem::path(EORUN_BINARY_DIR) / "plugins";
  std::string trace;  // empty: no profiling
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "bench_step: " << problem
            << "\nusage: bench_step [--model resnet|densenet] [--depth D] [--bands C] [--size S] "
               "[--batch B] [--classes K] [--threads T] [--optimizer adam|sgd] [--warmup W] "
               "[--steps N] [--seed S] [--plugins DIR] [--trace FILE]\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--model") {
      args.model = value;
    } else if (flag == "--depth") {
      args.depth = std::stoll(value);
    } else if (flag == "--bands") {
      args.bands = std::stoll(value);
    } else if (flag == "--size") {
      args.size = std::stoll(value);
    } else if (flag == "--batch") {
      args.batch = std::stoll(value);
    } else if (flag == "--classes") {
      args.classes = std::stoll(value);
    } else if (flag == "--threads") {
      args.threads = std::stoi(value);
    } else if (flag == "--optimizer") {
      args.optimizer = value;
    } else if (flag == "--warmup") {
      args.warmup = std::stoi(value);
    } else if (flag == "--steps") {
      args.steps = std::stoi(value);
    } else if (flag == "--seed") {
      args.seed = std::stoll(value);
    } else if (flag == "--plugins") {
      args.plugins = value;
    } else if (flag == "--trace") {
      args.trace = value;
    } else {
      usage("unknown option " + flag);
    }
  }
  if (args.threads < 1) usage("--threads must be at least 1");
  if (args.steps < 1 || args.warmup < 0) usage("--steps must be at least 1, --warmup at least 0");
  if (args.optimizer != "adam" && args.optimizer != "sgd") usage("--optimizer must be adam or sgd");
  return args;
}

// The plugin's parameters as a run resolves them: the declared defaults, `user` on top.
eorun::Params resolved_params(const eorun::LoadedPlugin& plugin, const nlohmann::json& user) {
  std::vector<eorun::Error> errors;
  const nlohmann::json resolved = eorun::resolve_params(plugin.name, user, plugin.params, errors);
  if (!errors.empty()) throw errors.front();
  return eorun::to_params(plugin.name, resolved, plugin.params);
}

eorun::DatasetInfo dataset_info(const Args& args) {
  eorun::DatasetInfo info;
  info.task = eorun::Task::multi_label;
  for (std::int64_t k = 0; k < args.classes; ++k) info.class_names.push_back("class" + std::to_string(k));
  eorun::InputGroup group;
  group.name = "s2";
  for (std::int64_t b = 0; b < args.bands; ++b) group.bands.push_back("B" + std::to_string(b + 1));
  group.shape = {args.bands, args.size, args.size};
  info.inputs.push_back(group);
  return info;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int run(const Args& args) {
  const std::int64_t start_rss = eorun::current_resource_usage().peak_rss_bytes;
  eorun::Catalogue catalogue = eorun::Catalogue::discover({args.plugins});
  const eorun::LoadedPlugin& model_plugin = catalogue.require(eorun::PluginKind::model, args.model);
  const eorun::LoadedPlugin& loss_plugin = catalogue.require(eorun::PluginKind::loss, "bce");

  eorun::TrainSettings settings;
  settings.optimizer = args.optimizer;
  settings.batch_size = args.batch;
  settings.threads = args.threads;
  settings.seed = args.seed;
  eorun::prepare_determinism(settings.seed, args.threads);

  const eorun::DatasetInfo info = dataset_info(args);
  eorun::ModelContext model_context;
  model_context.num_classes = args.classes;
  model_context.task = info.task;
  model_context.inputs = info.inputs;
  nlohmann::json model_user = nlohmann::json::object();
  if (args.depth != 0) model_user["depth"] = args.depth;
  const eorun::Params model_params = resolved_params(model_plugin, model_user);
  const std::shared_ptr<eorun::Model> model =
      catalogue.make_model(model_plugin, model_params, model_context);
  eorun::LossContext loss_context;
  loss_context.num_classes = args.classes;
  loss_context.task = info.task;
  loss_context.class_names = info.class_names;
  const std::shared_ptr<eorun::Loss> loss_fn = catalogue.make_loss(
      loss_plugin, resolved_params(loss_plugin, nlohmann::json::object()), loss_context);

  const std::shared_ptr<torch::nn::Module> module = model->module();
  std::vector<eorun::CheckedGroup> groups = eorun::checked_groups(*model, "the model");
  const std::vector<bool> trained(groups.size(), true);
  const eorun::GroupTraining training(module, std::move(groups), trained);
  const std::unique_ptr<torch::optim::Optimizer> optimizer =
      eorun::make_optimizer(settings, training.trainable(settings.backbone_lr_scale));
  training.enter_train_mode();

  std::vector<at::Tensor> inputs, targets;
  for (int i = 0; i < kDistinctBatches; ++i) {
    inputs.push_back(torch::randn({args.batch, args.bands, args.size, args.size}));
    targets.push_back(torch::randint(0, 2, {args.batch, args.classes}).to(torch::kFloat));
  }

  double last_loss = 0;
  const auto step = [&](int i) {
    optimizer->zero_grad();
    const at::Tensor loss =
        loss_fn->compute(model->forward({inputs[i % kDistinctBatches]}), targets[i % kDistinctBatches]);
    last_loss = loss.item<double>();
    loss.backward();
    const std::vector<at::Tensor> parameters = module->parameters();
    optimizer->step();
  };
  for (int i = 0; i < args.warmup; ++i) step(i);
  std::optional<torch::autograd::profiler::RecordProfile> profile;
  if (!args.trace.empty()) profile.emplace(args.trace);
  const eorun::ResourceUsage before = eorun::current_resource_usage();
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < args.steps; ++i) step(args.warmup + i);
  const double seconds = seconds_since(start);
  const eorun::ResourceUsage after = eorun::current_resource_usage();
  profile.reset();

  const nlohmann::json line = {
      {"impl", "eorun"},
      {"model", args.model + std::to_string(model_params.get_int("depth"))},
      {"bands", args.bands},
      {"size", args.size},
      {"batch", args.batch},
      {"classes", args.classes},
      {"threads", args.threads},
      {"torch_threads", at::get_num_threads()},
      {"optimizer", args.optimizer},
      {"warmup", args.warmup},
      {"steps", args.steps},
      {"seconds", seconds},
      {"samples_per_s", static_cast<double>(args.steps * args.batch) / seconds},
      {"cpu_seconds", (after.user_cpu_seconds + after.system_cpu_seconds) -
                          (before.user_cpu_seconds + before.system_cpu_seconds)},
      {"start_rss_mib", static_cast<double>(start_rss) / kMebibyte},
      {"peak_rss_mib", static_cast<double>(after.peak_rss_bytes) / kMebibyte},
      {"last_loss", last_loss}};
  std::cout << line.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "bench_step: error: " << e.what() << "\n";
    return 1;
  }
}
