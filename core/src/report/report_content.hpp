// The numbers a report shows, gathered from the registry: the selected runs ranked by a metric,
// their groups with mean, std and 95% confidence interval, each run's curves, cost, parents and
// hashes, and the best run's per-class results. The page's script draws them (report_page.hpp).
#pragma once

#include <cstddef>

#include <nlohmann/json.hpp>

#include "registry/registry.hpp"
#include "report/report_request.hpp"

namespace eorun::report {

struct ReportContent {
  nlohmann::json data;  // what the page embeds (see report.js for how each part is drawn)
  std::size_t runs = 0;
  std::size_t groups = 0;
};

// Throws eorun::Error (a bad input: nothing is written) when the selection matches no run with a
// number for the metric, when a --group-by key or the metric is unknown, or when the runs were
// selected by different metrics and none is named.
ReportContent gather_report(const Registry& registry, const ReportRequest& request);

}  // namespace eorun::report
