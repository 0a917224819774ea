// Which runs a query looks at: --where, --sweep, and the default scope.
//
// By default a query sees completed runs only. An expression that names `status`
// (`--where "status = 'failed'"`) sets the scope itself: then every run it matches is seen.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "registry/query/fields.hpp"
#include "registry/query/sql_builder.hpp"
#include "registry/registry.hpp"

namespace eorun::query {

struct RunFilter {
  std::string where;                 // a --where expression; empty for none
  std::optional<std::string> sweep;  // --sweep: a sweep name or sweep id prefix
  std::vector<std::string> run_ids;  // only these runs (full ids); empty for no such limit
};

struct SelectedRuns {
  SqlBuilder condition;   // a boolean SQL expression over `runs r`
  bool filtered = false;  // --where, --sweep or run ids narrowed the runs
  bool only_completed = true;
  std::string sweep_id;  // the sweep --sweep resolved to
};

// Every completed run: what a query sees without filters.
SelectedRuns completed_runs();

// Parses and compiles --where, resolves --sweep. Throws eorun::Error for a bad expression
// (subject --where) or a sweep the registry does not have (subject --sweep).
SelectedRuns select_runs(const Registry& registry, const FieldCatalog& catalog,
                         const RunFilter& filter);

}  // namespace eorun::query
