// eorun data synth|inspect: write a synthetic BigEarthNet, look at what a dataset plugin serves.
#include <algorithm>
#include <atomic>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "data/synth/bigearthnet_synth.hpp"
#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

// One --param KEY=VALUE: VALUE is read as JSON when it parses (numbers, true, ["B04","B03"]),
// else as a string.
void add_param_text(const std::string& text, nlohmann::json& user) {
  std::size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0)
    throw Error("--param '" + text + "'", "is not KEY=VALUE",
                "e.g. --param s2_folder=BigEarthNet-v1.0");
  std::string key = text.substr(0, equals);
  std::string value = text.substr(equals + 1);
  nlohmann::json parsed = nlohmann::json::parse(value, nullptr, /*allow_exceptions=*/false);
  user[key] = parsed.is_discarded() ? nlohmann::json(value) : parsed;
}

nlohmann::json user_params(const InspectArgs& args) {
  nlohmann::json user = nlohmann::json::object();
  for (const std::string& text : args.params) add_param_text(text, user);
  if (!args.root.empty()) user["root"] = args.root;
  if (args.classes != 0) user["classes"] = args.classes;
  if (!args.bands.empty()) {
    if (args.bands.find(',') == std::string::npos) {
      user["bands"] = args.bands;
    } else {
      nlohmann::json list = nlohmann::json::array();
      std::size_t start = 0;
      while (start <= args.bands.size()) {
        std::size_t comma = std::min(args.bands.find(',', start), args.bands.size());
        list.push_back(args.bands.substr(start, comma - start));
        start = comma + 1;
      }
      user["bands"] = list;
    }
  }
  return user;
}

// Class indices of a sample's target: the 1s of a multi-hot vector, or the single class index.
std::vector<std::int64_t> label_indices(const Sample& sample, Task task) {
  std::vector<std::int64_t> out;
  at::Tensor target = sample.target.contiguous();
  if (task == Task::single_label) {
    out.push_back(target.to(at::kLong).item<std::int64_t>());
    return out;
  }
  at::Tensor flat = target.to(at::kFloat).reshape({-1});
  const float* values = flat.data_ptr<float>();
  for (std::int64_t k = 0; k < flat.numel(); ++k)
    if (values[k] > 0.5f) out.push_back(k);
  return out;
}

struct InspectedSample {
  std::string id;
  std::vector<std::int64_t> labels;
};

// Reads samples [0, count) on `threads` threads; rethrows the error of the lowest index.
std::vector<InspectedSample> read_samples(const Dataset& dataset, std::size_t count, int threads) {
  std::vector<InspectedSample> samples(count);
  const Task task = dataset.info().task;
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> errors(count);
  std::atomic<bool> failed{false};
  auto work = [&] {
    for (std::size_t i = next++; i < count && !failed; i = next++) {
      try {
        Sample sample = dataset.get(i);
        samples[i] = {sample.id, label_indices(sample, task)};
      } catch (...) {
        errors[i] = std::current_exception();
        failed = true;
      }
    }
  };
  std::size_t workers_wanted = threads > 0
                                   ? static_cast<std::size_t>(threads)
                                   : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  workers_wanted = std::max<std::size_t>(1, std::min(workers_wanted, count));
  std::vector<std::thread> workers;
  for (std::size_t t = 1; t < workers_wanted; ++t) workers.emplace_back(work);
  work();
  for (std::thread& worker : workers) worker.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
  return samples;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string join_indices(const std::vector<std::int64_t>& items) {
  std::string out;
  for (std::int64_t item : items) out += (out.empty() ? "" : ",") + std::to_string(item);
  return out;
}

void run_synth(const SynthArgs& args) {
  synth::SynthOptions options;
  options.out = args.out;
  options.patches = args.patches;
  options.seed = args.seed;
  options.val_fraction = args.val_fraction;
  options.test_fraction = args.test_fraction;
  options.threads = args.threads;
  options.overwrite = args.force;
  synth::SynthSummary summary = synth::write_synthetic_bigearthnet(options);
  std::cout << "wrote " << options.patches << " synthetic BigEarthNet v1.0 patches to "
            << options.out.string() << " (train " << summary.train << ", val " << summary.val
            << ", test " << summary.test << "; seed " << options.seed << "; " << summary.files
            << " files in " << format_number(summary.seconds, 3) << " s)\n";
}

// Prints what the dataset serves; everything here may throw errors made by the plugin.
void print_inspection(const InspectArgs& args, const nlohmann::json& resolved,
                      const Dataset& dataset) {
  const DatasetInfo& info = dataset.info();
  const std::size_t count = args.limit == 0 ? dataset.size() : std::min(args.limit, dataset.size());
  std::vector<InspectedSample> samples = read_samples(dataset, count, args.threads);

  if (args.format == "json") {
    nlohmann::ordered_json out;
    out["dataset"] = args.dataset;
    out["split"] = args.split;
    out["params"] = resolved;
    out["task"] = info.task == Task::multi_label ? "multi_label" : "single_label";
    out["samples"] = dataset.size();
    out["bands"] = info.band_names;
    out["classes"] = info.class_names;
    out["input_shapes"] = info.input_shapes;
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (const InspectedSample& sample : samples)
      items.push_back({{"id", sample.id}, {"labels", sample.labels}});
    out["items"] = items;
    std::cout << out.dump(2) << "\n";
    return;
  }

  std::cout << "dataset  " << args.dataset << " (" << args.split << " split, "
            << (info.task == Task::multi_label ? "multi-label" : "single-label") << ")\n";
  std::cout << "samples  " << dataset.size() << "\n";
  std::cout << "bands    " << join(info.band_names, ", ") << "\n";
  std::cout << "classes  " << info.class_names.size() << "\n";
  for (std::size_t k = 0; k < info.class_names.size(); ++k)
    std::cout << "  " << (k < 10 ? " " : "") << k << "  " << info.class_names[k] << "\n";
  std::cout << "\n";
  TextTable table({"#", "id", "labels"});
  for (std::size_t i = 0; i < samples.size(); ++i)
    table.add_row({std::to_string(i), samples[i].id, join_indices(samples[i].labels)});
  table.print(std::cout);
  if (count < dataset.size())
    std::cout << "(first " << count << " of " << dataset.size()
              << " samples; --limit 0 shows all)\n";
}

void run_inspect(const InspectArgs& args, const AppContext& context) {
  if (args.format != "table" && args.format != "json")
    throw Error("--format", "unknown format '" + args.format + "'", "use table or json");
  // Declared outside the try block: the plugin's library stays loaded while its errors are copied.
  Catalogue catalogue = context.load_catalogue();
  const LoadedPlugin& plugin = catalogue.require(PluginKind::dataset, args.dataset);

  std::vector<Error> errors;
  nlohmann::json resolved = resolve_params("dataset", user_params(args), plugin.params, errors);
  throw_if_any(std::move(errors));
  Params params = to_params("dataset", resolved, plugin.params);
  try {
    std::shared_ptr<Dataset> dataset =
        catalogue.make_dataset(plugin, params, DatasetContext{args.split});
    print_inspection(args, resolved, *dataset);
  } catch (const Error& e) {
    // An error object made by the plugin lives in its library's code (vtable, what()), which is
    // unloaded with the catalogue while the exception unwinds: rethrow a copy made here.
    throw Error(e.subject(), e.problem(), e.remedy());
  } catch (const std::exception& e) {
    throw Error("dataset plugin '" + args.dataset + "'", e.what(), "report it to its author");
  }
}

}  // namespace

void execute(const DataArgs& args, AppContext& context) {
  switch (args.action) {
    case DataArgs::Action::synth: run_synth(args.synth); break;
    case DataArgs::Action::inspect: run_inspect(args.inspect, context); break;
  }
}

}  // namespace eorun
