// eorun data split: new split lists for a dataset. Every sample of the plugin's train, val and
// test splits is assigned to one of K folds, stratified by class (data/stratified_folds.hpp),
// optionally keeping each scene or tile in one fold; fold-k/ then holds train.txt, val.txt and
// test.txt (test = fold k, val = fold k+1, train = the rest), one sample id per line, which the
// plugin reads back through split_train, split_val and split_test (SDK: eorun/dataset.hpp).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli/data_subcommands.hpp"
#include "cli/selected_dataset.hpp"
#include "data/class_counts.hpp"
#include "data/stratified_folds.hpp"
#include "eorun/error.hpp"
#include "util/atomic_file.hpp"
#include "util/text_table.hpp"

namespace eorun {

namespace {

namespace fs = std::filesystem;

constexpr const char* kSplits[] = {"train", "val", "test"};

struct SplitSamples {
  std::vector<std::string> ids;
  std::vector<std::string> class_names;
  FoldRequest request;
  std::size_t duplicates = 0;  // ids listed in more than one of the plugin's splits
};

// Every sample of the three splits once (first occurrence), with labels and groups.
SplitSamples collect_samples(const SelectedDataset& selected, const SplitArgs& args) {
  SplitSamples out;
  std::map<std::string, bool> seen;
  for (const char* name : kSplits) {
    std::shared_ptr<Dataset> split = selected.open(name);
    const DatasetInfo& info = split->info();
    out.class_names = info.class_names;
    out.request.classes = info.class_names.size();
    for (std::size_t i = 0; i < split->size(); ++i) {
      std::string id = split->sample_id(i);
      if (!seen.emplace(id, true).second) {
        ++out.duplicates;
        continue;
      }
      if (!args.group_by.empty()) {
        std::string group = split->group(i, args.group_by);
        if (group.empty())
          throw Error("--group-by", "dataset '" + selected.name() + "' gives no " +
                                        args.group_by + " of sample '" + id + "' (" + name +
                                        " split)",
                      "split without --group-by, or group by what the dataset knows (scene or "
                      "tile)");
        out.request.groups.push_back(std::move(group));
      }
      out.request.labels.push_back(
          target_classes(split->target(i), info.task, static_cast<std::int64_t>(info.class_names.size()),
                         std::string(name) + " sample '" + id + "'"));
      out.ids.push_back(std::move(id));
    }
  }
  if (out.ids.empty())
    throw Error("dataset '" + selected.name() + "'", "has no samples in any split",
                "check dataset.root");
  return out;
}

void write_lists(const fs::path& out, const SplitSamples& samples, const std::vector<int>& folds,
                 int k_folds) {
  std::string table = samples.request.groups.empty() ? "id,fold\n" : "id,fold,group\n";
  for (std::size_t i = 0; i < samples.ids.size(); ++i) {
    table += csv_quote(samples.ids[i]) + "," + std::to_string(folds[i] + 1);
    if (!samples.request.groups.empty()) table += "," + csv_quote(samples.request.groups[i]);
    table += "\n";
  }
  for (int k = 0; k < k_folds; ++k) {
    const fs::path dir = out / ("fold-" + std::to_string(k + 1));
    fs::create_directories(dir);
    std::string lists[3];  // train, val, test
    for (std::size_t i = 0; i < samples.ids.size(); ++i) {
      const int split = folds[i] == k ? 2 : folds[i] == (k + 1) % k_folds ? 1 : 0;
      lists[split] += samples.ids[i] + "\n";
    }
    for (int s = 0; s < 3; ++s)
      write_file_atomically(dir / (std::string(kSplits[s]) + ".txt"), lists[s]);
  }
  write_file_atomically(out / "folds.csv", table);
}

// Per class: its samples, and the lowest and highest share of them in one fold (ideal 1/K).
void print_balance(const SplitSamples& samples, const std::vector<int>& folds, int k_folds,
                   const std::vector<std::string>& class_names) {
  const auto counts = fold_class_counts(samples.request, folds);
  std::vector<std::int64_t> fold_sizes(static_cast<std::size_t>(k_folds), 0);
  for (int f : folds) ++fold_sizes[static_cast<std::size_t>(f)];
  std::string sizes;
  for (std::int64_t n : fold_sizes) sizes += (sizes.empty() ? "" : ", ") + std::to_string(n);
  std::cout << "fold sizes  " << sizes << "\n";
  TextTable table({"#", "class", "samples", "min share", "max share"});
  double worst = 0;
  for (std::size_t k = 0; k < samples.request.classes; ++k) {
    std::int64_t total = 0;
    std::int64_t low = -1, high = 0;
    for (const auto& fold : counts) {
      total += fold[k];
      low = low < 0 ? fold[k] : std::min(low, fold[k]);
      high = std::max(high, fold[k]);
    }
    if (total == 0) {
      table.add_row({std::to_string(k), class_names.at(k), "0", "-", "-"});
      continue;
    }
    const double low_share = static_cast<double>(low) / static_cast<double>(total);
    const double high_share = static_cast<double>(high) / static_cast<double>(total);
    worst = std::max({worst, std::abs(low_share - 1.0 / k_folds), std::abs(high_share - 1.0 / k_folds)});
    table.add_row({std::to_string(k), class_names.at(k), std::to_string(total),
                   format_number(100 * low_share, 3) + " %", format_number(100 * high_share, 3) + " %"});
  }
  table.print(std::cout);
  std::cout << "ideal share " << format_number(100.0 / k_folds, 3)
            << " % per fold; largest deviation " << format_number(100 * worst, 3) << " points\n";
}

}  // namespace

void execute_split(const SplitArgs& args, const AppContext& context) {
  const SelectedDataset selected(args.selection, context);
  const fs::path out = fs::absolute(args.out).lexically_normal();
  std::error_code ec;
  if (fs::exists(out / "folds.csv", ec) && !args.force)
    throw Error("--out", "'" + out.string() + "' already holds split lists (folds.csv)",
                "choose another folder, or add --force to replace them");
  try {
    SplitSamples samples = collect_samples(selected, args);
    samples.request.folds = args.folds;
    samples.request.seed = args.seed;
    const std::vector<int> folds = stratified_folds(samples.request);
    fs::create_directories(out);
    write_lists(out, samples, folds, args.folds);
    std::cout << "wrote " << args.folds << " folds of " << samples.ids.size() << " "
              << selected.name() << " samples to " << out.string()
              << (args.group_by.empty() ? "" : " (grouped by " + args.group_by + ")") << "\n";
    if (samples.duplicates > 0)
      std::cout << "note: " << samples.duplicates
                << " sample(s) listed in more than one split were kept once\n";
    print_balance(samples, folds, args.folds, samples.class_names);
    const fs::path first = out / "fold-1";
    std::cout << "read fold 1 with (fold k: fold-k/):\n  [dataset]\n"
              << "  split_train = \"" << (first / "train.txt").string() << "\"\n"
              << "  split_val = \"" << (first / "val.txt").string() << "\"\n"
              << "  split_test = \"" << (first / "test.txt").string() << "\"\n";
  } catch (...) {
    selected.rethrow_as_own_error();
  }
}

}  // namespace eorun
