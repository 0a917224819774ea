// eorun data inspect: what a dataset plugin serves, split by split: task, input groups with their
// band names in channel order, classes, per-split and per-class counts, and every sample's id
// and label indices (--format json), so that a reader can be checked against a user's own tools.
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/data_subcommands.hpp"
#include "cli/selected_dataset.hpp"
#include "data/class_counts.hpp"
#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "util/joined.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

struct InspectedSample {
  std::string id;
  std::vector<std::int64_t> labels;
};

struct InspectedSplit {
  std::string name;
  std::shared_ptr<Dataset> dataset;
  std::vector<InspectedSample> samples;    // every sample, in split order
  std::vector<std::int64_t> class_counts;  // samples per class
  std::int64_t unlabelled = 0;             // samples with no class (multi-label)
};

// Every sample's id and labels (without pixels unless `read_pixels`), on `threads` threads; the
// error of the lowest failing index is the one raised.
InspectedSplit inspect_split(const std::string& name, std::shared_ptr<Dataset> dataset,
                             bool read_pixels, int threads) {
  InspectedSplit split{name, std::move(dataset), {}, {}, 0};
  const Dataset& data = *split.dataset;
  const Task task = data.info().task;
  const auto classes = static_cast<std::int64_t>(data.info().class_names.size());
  split.samples.resize(data.size());
  parallel_for(data.size(), threads, [&](std::size_t i) {
    const std::string subject = split.name + " sample #" + std::to_string(i);
    if (read_pixels) {
      Sample sample = data.get(i);
      split.samples[i] = {sample.id, target_classes(sample.target, task, classes, subject)};
    } else {
      split.samples[i] = {data.sample_id(i),
                          target_classes(data.target(i), task, classes, subject)};
    }
  });
  split.class_counts.assign(data.info().class_names.size(), 0);
  for (const InspectedSample& sample : split.samples) {
    if (sample.labels.empty()) ++split.unlabelled;
    for (std::int64_t k : sample.labels) ++split.class_counts[static_cast<std::size_t>(k)];
  }
  return split;
}

nlohmann::ordered_json info_json(const DatasetInfo& info) {
  nlohmann::ordered_json out;
  out["task"] = info.task == Task::multi_label ? "multi_label" : "single_label";
  out["bands"] = info.band_names();
  out["classes"] = info.class_names;
  out["input_shapes"] = info.input_shapes();
  nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
  for (const InputGroup& group : info.inputs)
    inputs.push_back({{"name", group.name}, {"bands", group.bands},
                      {"resolution_m", group.resolution_m}, {"shape", group.shape}});
  out["inputs"] = inputs;
  out["reference_stats"] =
      info.reference.empty()
          ? nlohmann::ordered_json()
          : nlohmann::ordered_json{{"mean", info.reference.mean}, {"std", info.reference.std},
                                   {"source", info.reference.source}};
  return out;
}

void print_json(const InspectArgs& args, const nlohmann::json& resolved,
                const std::vector<InspectedSplit>& splits) {
  const DatasetInfo& info = splits.front().dataset->info();
  nlohmann::ordered_json out;
  out["dataset"] = resolved.at("plugin");
  out["split"] = args.split;
  out["params"] = resolved;
  const nlohmann::ordered_json described = info_json(info);
  for (const auto& [key, value] : described.items()) out[key] = value;
  nlohmann::ordered_json per_split = nlohmann::ordered_json::object();
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  nlohmann::ordered_json notes = nlohmann::ordered_json::array();
  for (const InspectedSplit& split : splits) {
    per_split[split.name] = {{"samples", split.samples.size()},
                             {"class_counts", split.class_counts},
                             {"unlabelled", split.unlabelled}};
    const std::size_t count =
        args.limit == 0 ? split.samples.size() : std::min(args.limit, split.samples.size());
    for (std::size_t i = 0; i < count; ++i)
      items.push_back({{"split", split.name}, {"id", split.samples[i].id},
                       {"labels", split.samples[i].labels}});
    for (const std::string& note : split.dataset->info().notes)
      notes.push_back(split.name + ": " + note);
  }
  if (splits.size() == 1) {
    out["samples"] = splits.front().samples.size();
    out["class_counts"] = splits.front().class_counts;
  }
  out["splits"] = per_split;
  out["notes"] = notes;
  out["items"] = items;
  std::cout << out.dump(2) << "\n";
}

void print_table(const InspectArgs& args, const std::string& dataset,
                 const std::vector<InspectedSplit>& splits) {
  const DatasetInfo& info = splits.front().dataset->info();
  std::cout << "dataset  " << dataset << " ("
            << (splits.size() == 1 ? splits.front().name + " split" : std::string("all splits"))
            << ", " << (info.task == Task::multi_label ? "multi-label" : "single-label") << ")\n";
  for (const InspectedSplit& split : splits)
    std::cout << "split    " << split.name << ": " << split.samples.size() << " samples\n";
  if (splits.size() == 1) std::cout << "samples  " << splits.front().samples.size() << "\n";
  for (const InputGroup& group : info.inputs)
    std::cout << "input    " << group.name << ": " << joined(group.bands, ", ") << " ("
              << (group.resolution_m > 0 ? format_number(group.resolution_m) + " m, " : "")
              << group.shape.at(1) << "x" << group.shape.at(2) << " px)\n";
  if (!info.reference.empty())
    std::cout << "reference statistics  " << info.reference.source << "\n";
  for (const InspectedSplit& split : splits)
    for (const std::string& note : split.dataset->info().notes)
      std::cout << "note     " << split.name << ": " << note << "\n";
  std::cout << "classes  " << info.class_names.size() << "\n";
  std::vector<std::string> header = {"#", "class"};
  for (const InspectedSplit& split : splits) header.push_back(split.name);
  TextTable classes(header);
  for (std::size_t k = 0; k < info.class_names.size(); ++k) {
    std::vector<std::string> row = {std::to_string(k), info.class_names[k]};
    for (const InspectedSplit& split : splits) row.push_back(std::to_string(split.class_counts[k]));
    classes.add_row(std::move(row));
  }
  if (info.task == Task::multi_label) {
    std::vector<std::string> row = {"-", "(no label)"};
    for (const InspectedSplit& split : splits) row.push_back(std::to_string(split.unlabelled));
    classes.add_row(std::move(row));
  }
  classes.print(std::cout);
  std::cout << "\n";
  for (const InspectedSplit& split : splits) {
    const std::size_t count =
        args.limit == 0 ? split.samples.size() : std::min(args.limit, split.samples.size());
    TextTable table({"#", "id", "labels"});
    for (std::size_t i = 0; i < count; ++i) {
      std::string labels;
      for (std::int64_t k : split.samples[i].labels)
        labels += (labels.empty() ? "" : ",") + std::to_string(k);
      table.add_row({std::to_string(i), split.samples[i].id, labels});
    }
    if (splits.size() > 1) std::cout << split.name << "\n";
    table.print(std::cout);
    if (count < split.samples.size())
      std::cout << "(first " << count << " of " << split.samples.size()
                << " samples; --limit 0 shows all)\n";
  }
}

}  // namespace

void execute_inspect(const InspectArgs& args, const AppContext& context) {
  const SelectedDataset selected(args.selection, context);
  std::vector<std::string> names = {args.split};
  if (args.split == "all") names = {"train", "val", "test"};
  try {
    std::vector<InspectedSplit> splits;
    for (const std::string& name : names)
      splits.push_back(inspect_split(name, selected.open(name), args.read_pixels, args.threads));
    if (args.format == "json")
      print_json(args, selected.resolved(), splits);
    else
      print_table(args, selected.name(), splits);
  } catch (...) {
    selected.rethrow_as_own_error();
  }
}

}  // namespace eorun
