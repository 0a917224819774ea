// eorun data synth|inspect: write a synthetic copy of a dataset's layout (through its plugin's
// synth hook), look at what a dataset plugin serves.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "exec/dataset_synth.hpp"
#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "spec/param_schema.hpp"
#include "sweep/sweep_plan.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

nlohmann::json key_values(const std::vector<std::string>& texts) {
  nlohmann::json user = nlohmann::json::object();
  for (const std::string& text : texts) {
    auto [key, value] = parse_override(text);  // VALUE as JSON when it parses, else as text
    user[key] = std::move(value);
  }
  return user;
}

nlohmann::json user_params(const InspectArgs& args) {
  nlohmann::json user = key_values(args.params);
  if (!args.root.empty()) user["root"] = args.root;
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

void run_synth(const SynthArgs& args, const AppContext& context) {
  const Catalogue catalogue = context.load_catalogue();
  SynthRequest request;
  request.out = args.out;
  request.samples = args.patches;
  request.seed = args.seed;
  request.val_fraction = args.val_fraction;
  request.test_fraction = args.test_fraction;
  request.threads = args.threads;
  request.overwrite = args.force;
  const auto start = std::chrono::steady_clock::now();
  const SynthResult result =
      synthesize_dataset(catalogue, args.dataset, request, key_values(args.options));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "wrote " << args.patches << " synthetic " << args.dataset << " samples ("
            << result.layout << ") to " << args.out << " (train " << result.train << ", val "
            << result.val << ", test " << result.test << "; seed " << args.seed << "; "
            << result.files << " files in " << format_number(seconds, 3) << " s)\n"
            << "read it with:\n  [dataset]\n  plugin = \"" << args.dataset << "\"\n";
  for (const auto& [key, json] : result.dataset_params)
    std::cout << "  " << key << " = " << json << "\n";
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
    out["bands"] = info.band_names();
    out["classes"] = info.class_names;
    out["input_shapes"] = info.input_shapes();
    nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
    for (const InputGroup& group : info.inputs)
      inputs.push_back({{"name", group.name}, {"bands", group.bands},
                        {"resolution_m", group.resolution_m}, {"shape", group.shape}});
    out["inputs"] = inputs;
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
  for (const InputGroup& group : info.inputs)
    std::cout << "input    " << group.name << ": " << join(group.bands, ", ") << " ("
              << format_number(group.resolution_m) << " m, " << group.shape.at(1) << "x"
              << group.shape.at(2) << " px)\n";
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
    case DataArgs::Action::synth: run_synth(args.synth, context); break;
    case DataArgs::Action::inspect: run_inspect(args.inspect, context); break;
  }
}

}  // namespace eorun
