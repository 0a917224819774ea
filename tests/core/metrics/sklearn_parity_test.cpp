// eorun's metric suites against scikit-learn on random cases: the cases are made here with a fixed
// seed, written to a file, and scored by tests/core/metrics/sklearn_metrics.py run with Debian's
// /usr/bin/python3 (python3-sklearn, 1.2 on Debian 12). Every scalar, every per-class value and
// the confusion matrix must agree within 1e-9. Without python3 or sklearn the tests fail.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "metrics/metric_suite.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using nlohmann::json;

constexpr double kParityTolerance = 1e-9;
constexpr std::uint64_t kSeed = 20240611;
const std::filesystem::path kPython = "/usr/bin/python3";

// Rounded to `decimals` places, so that many scores tie.
double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

struct Case {
  Task task = Task::multi_label;
  std::size_t samples = 0;
  std::size_t classes = 0;
  double threshold = 0.5;
  std::vector<double> scores;           // row-major [samples, classes]
  std::vector<double> label_targets;    // multi-label: 0/1, row-major [samples, classes]
  std::vector<std::int64_t> indices;    // single-label: [samples]

  at::Tensor score_tensor() const {
    return torch::tensor(scores, torch::kDouble)
        .reshape({static_cast<std::int64_t>(samples), static_cast<std::int64_t>(classes)});
  }
  // Through compute_metric_suite, the entry point callers use.
  MetricSuite compute() const {
    const at::Tensor scores = score_tensor();
    const at::Tensor targets =
        task == Task::single_label
            ? torch::tensor(indices, torch::kLong)
            : torch::tensor(label_targets, torch::kDouble).reshape(scores.sizes());
    return compute_metric_suite(task, scores, targets, threshold);
  }
  json to_json() const {
    json rows = json::array();
    json targets = json::array();
    for (std::size_t i = 0; i < samples; ++i) {
      rows.push_back(std::vector<double>(&scores[i * classes], &scores[(i + 1) * classes]));
      if (task == Task::multi_label)
        targets.push_back(std::vector<int>(&label_targets[i * classes],
                                           &label_targets[(i + 1) * classes]));
      else
        targets.push_back(indices[i]);
    }
    json out = {{"task", task == Task::multi_label ? "multi_label" : "single_label"},
                {"scores", rows},
                {"targets", targets}};
    if (task == Task::multi_label) out["threshold"] = threshold;
    return out;
  }
};

// Multi-label: class rates between 10% and 60%; scores lean towards the truth and are rounded to
// two decimals (ties, and scores of exactly the threshold). `empty_classes` never occur; the
// first `negative_rows` samples have no label, the next `positive_rows` every label (except the
// empty classes); the class `tied_class` has one score for every sample.
Case multilabel_case(std::mt19937_64& rng, std::size_t samples, std::size_t classes,
                     double threshold, const std::vector<std::size_t>& empty_classes,
                     std::size_t negative_rows, std::size_t positive_rows, std::size_t tied_class) {
  Case c;
  c.samples = samples;
  c.classes = classes;
  c.threshold = threshold;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> rate(classes);
  for (double& r : rate) r = 0.1 + 0.5 * unit(rng);
  for (std::size_t i = 0; i < samples; ++i)
    for (std::size_t k = 0; k < classes; ++k) {
      const bool empty = std::count(empty_classes.begin(), empty_classes.end(), k) > 0;
      bool truth = unit(rng) < rate[k];
      if (i < negative_rows) truth = false;
      else if (i < negative_rows + positive_rows) truth = true;
      if (empty) truth = false;
      c.label_targets.push_back(truth);
      const double score = k == tied_class ? 0.5 : std::min(1.0, 0.7 * unit(rng) + 0.35 * truth);
      c.scores.push_back(rounded(score, 2));
    }
  return c;
}

// Single-label: classes drawn uniformly except the last two, which are never true; the second to
// last is sometimes predicted, the last never (its score is 0). Scores are softmax-like (positive,
// summing to 1) with the true class favoured, rounded to `decimals` places (ties in the argmax).
Case singlelabel_case(std::mt19937_64& rng, std::size_t samples, std::size_t classes,
                      int decimals) {
  Case c;
  c.task = Task::single_label;
  c.samples = samples;
  c.classes = classes;
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<std::int64_t> label(0, static_cast<std::int64_t>(classes) - 3);
  for (std::size_t i = 0; i < samples; ++i) {
    const std::int64_t truth = label(rng);
    c.indices.push_back(truth);
    std::vector<double> raw(classes);
    for (std::size_t k = 0; k + 1 < classes; ++k) raw[k] = unit(rng);
    if (unit(rng) < 0.6) raw[static_cast<std::size_t>(truth)] += 1.0;
    double sum = 0;
    for (double v : raw) sum += v;
    for (double v : raw) c.scores.push_back(rounded(v / sum, decimals));
  }
  return c;
}

std::vector<Case> parity_cases() {
  std::mt19937_64 rng(kSeed);
  return {
      multilabel_case(rng, 50, 5, 0.5, {}, 3, 3, 2),
      multilabel_case(rng, 120, 11, 0.5, {3}, 5, 0, 5),
      multilabel_case(rng, 200, 19, 0.4, {7, 18}, 4, 0, 0),
      singlelabel_case(rng, 60, 5, 1),
      singlelabel_case(rng, 150, 9, 2),
      singlelabel_case(rng, 200, 13, 1),
  };
}

// Runs the reference script on `cases`; fails the test (with the reason and the remedy) when
// python3, numpy or sklearn is missing or the script fails.
json sklearn_results(const std::vector<Case>& cases) {
  if (!std::filesystem::exists(kPython)) {
    ADD_FAILURE() << kPython << " is missing; run scripts/install-deps.sh (python3-sklearn)";
    return {};
  }
  test::TempDir dir;
  json all = json::array();
  for (const Case& c : cases) all.push_back(c.to_json());
  std::ofstream(dir.path() / "cases.json") << all.dump();
  const std::string script =
      std::string(EORUN_SOURCE_DIR) + "/tests/core/metrics/sklearn_metrics.py";
  const test::CommandResult result =
      test::run_program(kPython, {script, (dir.path() / "cases.json").string()}, dir.path());
  if (result.exit_code != 0) {
    ADD_FAILURE() << "the sklearn reference failed (exit " << result.exit_code
                  << "): " << result.err
                  << "(run scripts/install-deps.sh if python3-sklearn is missing)";
    return {};
  }
  return json::parse(result.out);
}

void expect_parity(const Case& c, const MetricSuite& suite, const json& reference,
                   const std::string& label) {
  std::size_t checked = 0;
  for (const std::string& name : metric_names(c.task)) {
    ASSERT_TRUE(reference["scalars"].contains(name)) << label << ": the reference lacks " << name;
    EXPECT_NEAR(suite.scalars.at(name), reference["scalars"][name].get<double>(), kParityTolerance)
        << label << ": " << name;
    ++checked;
  }
  EXPECT_EQ(checked, reference["scalars"].size()) << label << ": the reference has other metrics";
  EXPECT_EQ(suite.per_class.size(), reference["per_class"].size()) << label;
  for (const auto& [name, values] : suite.per_class) {
    ASSERT_TRUE(reference["per_class"].contains(name)) << label << ": per-class " << name;
    const auto expected = reference["per_class"][name].get<std::vector<double>>();
    ASSERT_EQ(values.size(), expected.size()) << label << ": per-class " << name;
    for (std::size_t k = 0; k < values.size(); ++k)
      EXPECT_NEAR(values[k], expected[k], kParityTolerance)
          << label << ": " << name << " of class " << k;
  }
  if (c.task == Task::single_label)
    EXPECT_EQ(suite.confusion,
              reference["confusion"].get<std::vector<std::vector<std::int64_t>>>())
        << label;
  else
    EXPECT_TRUE(suite.confusion.empty()) << label;
}

TEST(SklearnParity, EveryMetricOfBothTasks) {
  const std::vector<Case> cases = parity_cases();
  const json reference = sklearn_results(cases);
  ASSERT_EQ(reference.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    const std::string label =
        std::string(c.task == Task::multi_label ? "multi-label" : "single-label") + " case " +
        std::to_string(i) + " (" + std::to_string(c.samples) + " x " +
        std::to_string(c.classes) + ")";
    expect_parity(c, c.compute(), reference[i], label);
  }
}

// The cases hold what they are meant to test: empty classes, label-less and all-label samples,
// scores tied with each other and with the threshold, argmax ties, and an empty class that is
// predicted as well as one that is not.
TEST(SklearnParity, CasesCoverTheEdgeCases) {
  const std::vector<Case> cases = parity_cases();
  const std::vector<double>& first = cases[0].label_targets;  // 5 classes
  EXPECT_EQ(std::count(first.begin(), first.begin() + 5, 1.0), 0) << "sample 0 has no label";
  EXPECT_EQ(std::count(first.begin() + 15, first.begin() + 20, 1.0), 5)
      << "sample 3 has every label";
  const Case& with_empty = cases[1];  // 11 classes, class 3 empty
  double class3 = 0;
  for (std::size_t i = 0; i < with_empty.samples; ++i)
    class3 += with_empty.label_targets[i * 11 + 3];
  EXPECT_EQ(class3, 0.0);
  EXPECT_GT(std::count(with_empty.scores.begin(), with_empty.scores.end(), 0.5), 0)
      << "scores equal to the threshold";

  const Case& single = cases[3];
  std::size_t argmax_ties = 0;
  for (std::size_t i = 0; i < single.samples; ++i) {
    const auto row = single.scores.begin() + static_cast<std::ptrdiff_t>(i * single.classes);
    const double best = *std::max_element(row, row + static_cast<std::ptrdiff_t>(single.classes));
    argmax_ties += std::count(row, row + static_cast<std::ptrdiff_t>(single.classes), best) > 1;
  }
  EXPECT_GT(argmax_ties, 0u);
  const MetricSuite suite = single.compute();
  const std::size_t c = single.classes;
  std::int64_t predicted_never_true = 0;
  std::int64_t last_class = 0;
  for (std::size_t t = 0; t < c; ++t) {
    predicted_never_true += suite.confusion[t][c - 2];
    last_class += suite.confusion[t][c - 1] + suite.confusion[c - 1][t];
  }
  EXPECT_GT(predicted_never_true, 0) << "class C-2 is never true but predicted";
  EXPECT_EQ(last_class, 0) << "class C-1 is never true nor predicted";
}

}  // namespace
}  // namespace eorun
