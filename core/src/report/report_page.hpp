// One self-contained HTML file: the report's numbers (report_content.hpp), its script and styles,
// and the charting library, all inline, so the page opens offline and asks the network for
// nothing (its Content-Security-Policy forbids it).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace eorun::report {

// The charting library inlined into every report: Apache ECharts, the version pinned in
// third_party/report-js/package.json.
struct ChartLibrary {
  std::string name;
  std::string version;
  std::string license;
};
ChartLibrary chart_library();

// The whole page for `data` (ReportContent::data; chart_library() is added to it).
std::string report_page(nlohmann::json data);

}  // namespace eorun::report
