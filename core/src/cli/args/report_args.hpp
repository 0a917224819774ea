// The options of `eorun report` (implementation: cli/report_command.cpp and report/).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct ReportArgs {
  std::vector<std::string> runs;      // run ids or unique prefixes; empty: by --sweep/--where
  std::string sweep;                  // --sweep NAME|ID; empty for none
  std::string where;                  // --where expression; empty for none
  std::vector<std::string> group_by;  // --group-by keys
  bool group_by_given = false;
  std::string metric;                 // empty: the runs' selection metric
  std::string out;                    // the HTML file to write
  std::string title;                  // empty: made from the selection
};

void declare_report(CLI::App& command, ReportArgs& args);

}  // namespace eorun
