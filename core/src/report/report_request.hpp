// What `eorun report` is asked for: which runs, grouped how, compared by which metric.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/query/run_filter.hpp"

namespace eorun::report {

struct ReportRequest {
  query::RunFilter filter;  // --sweep, --where, run ids (full ids)
  // --group-by keys; nullopt: the spec keys that differ between the runs except train.seed, so
  // that groups average over seeds.
  std::optional<std::vector<std::string>> group_by;
  std::string metric;  // empty: the selection metric every selected run used
  std::string title;   // empty: made from the selection
};

}  // namespace eorun::report
