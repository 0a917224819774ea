// Runs grouped by spec keys or recorded fields, with the mean and spread of a metric per group:
// how `eorun query --group-by` averages over seeds.
//
// Each input is read with one pass over an index (a spec key's values, a metric's values) and
// joined by run in memory, so grouping 100k runs reads each index once instead of seeking per
// run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "registry/query/fields.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/registry.hpp"

namespace eorun::query {

struct Summary {
  std::size_t n = 0;
  std::optional<double> mean;    // nullopt when n == 0
  std::optional<double> stddev;  // the sample standard deviation; nullopt when n < 2
  // Half the width of the 95% confidence interval of the mean (Student t with n - 1 degrees of
  // freedom: mean +- ci95); nullopt when n < 2.
  std::optional<double> ci95;
};

struct Group {
  std::vector<nlohmann::json> key;  // one value per grouping field; null when runs lack it
  std::size_t runs = 0;
  std::vector<std::int64_t> members;  // runs.id of the group's runs, in id order
  Summary val;                   // the ranked metric on val (empty when ranked by a figure)
  Summary test;                  // and on test
  Summary figure;                // the ranked measured figure (empty when ranked by a metric)
  std::vector<Summary> columns;  // one per extra column
};

struct GroupQuery {
  std::vector<Field> keys;  // spec keys or recorded fields (not metrics, not sweep)
  std::string metric;       // the ranked metric, or measured figure (energy_j, ...: fields.hpp)
  MetricSplit split = MetricSplit::val;
  std::vector<Field> columns;  // extra numeric columns to summarise (metrics, numbers)
};

struct Grouping {
  std::vector<Group> groups;
  std::size_t selected_runs = 0;  // before leaving out runs without the metric
};

// The selected runs that have a number for the metric on the ranked split (or for the measured
// figure), grouped; best mean first (by higher_is_better), ties in key order.
// Throws eorun::Error when the metric is unknown, or a key or column cannot be grouped by or
// summarised.
Grouping group_runs(const Registry& registry, const SelectedRuns& runs, const GroupQuery& query);

}  // namespace eorun::query
