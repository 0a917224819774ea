// The options of `eorun query` (implementation: cli/query_command.cpp and cli/query/).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eorun {

struct QueryArgs {
  std::string best;                   // rank by this metric; empty: list runs, newest first
  std::string split = "val";          // rank on val or test
  std::string top;                    // N or "all"; empty: 10 runs, or every group
  std::string format = "table";       // table | json | csv
  std::string where;                  // --where expression; empty for none
  std::string sweep;                  // --sweep NAME|ID; empty for none
  std::vector<std::string> group_by;  // --group-by keys
  std::vector<std::string> columns;   // --columns fields
};

void declare_query(CLI::App& command, QueryArgs& args);

}  // namespace eorun
