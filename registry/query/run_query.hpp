// Runs selected by a filter (see run_filter.hpp): counted, ranked by a metric or a measured
// figure (energy_j, wall_seconds, ...: see fields.hpp), listed, and the spec keys that tell them
// apart.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/query/run_filter.hpp"
#include "registry/registry.hpp"

namespace eorun::query {

struct RunRow {
  std::int64_t id = 0;  // runs.id
  std::string run_id;
  std::optional<double> val;   // the ranked metric on val (when ranked by a metric)
  std::optional<double> test;  // and on test
  std::optional<double> figure;  // the measured figure (when ranked by one)
};

// How many runs are selected.
std::size_t count_runs(const Registry& registry, const SelectedRuns& runs);

// Throws eorun::Error listing the known metric names (and the measured figures) when no run
// recorded `metric` on `split`.
void require_metric(const Registry& registry, const std::string& metric, MetricSplit split);

// Selected runs that have a number for `metric` on `split`, best first (higher, or lower for
// loss-like metrics), ties to the smaller run id; at most `top` (all when nullopt). When `metric`
// names a measured figure (measured_figure), runs are ranked by it instead, whatever `split`:
// lower first (higher for samples_per_second), runs that could not measure it left out.
std::vector<RunRow> rank_runs(const Registry& registry, const SelectedRuns& runs,
                              const std::string& metric, MetricSplit split,
                              std::optional<std::size_t> top);

// Selected runs, the most recently recorded first; at most `top` (all when nullopt).
std::vector<RunRow> list_runs(const Registry& registry, const SelectedRuns& runs,
                              std::optional<std::size_t> top);

// Those of `candidates` (spec keys) whose value differs between the selected runs, sorted: more
// than one distinct value, or present in some and absent from others. Keys that cannot differ
// (the same in every run of a larger set) are best left out of `candidates`: each costs a look
// at the selected runs.
std::vector<std::string> varying_keys(const Registry& registry, const SelectedRuns& runs,
                                      const std::vector<std::string>& candidates);

}  // namespace eorun::query
