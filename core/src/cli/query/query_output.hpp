// The two kinds of `eorun query` result, each printed as a table, CSV or JSON on stdout.
#pragma once

#include <string>
#include <vector>

#include "cli/app_context.hpp"
#include "cli/query/query_options.hpp"
#include "registry/query/fields.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/registry.hpp"

namespace eorun {

// What every result needs: the registry, the options, and the runs the filters selected.
struct QueryScope {
  const Registry& registry;
  const QueryArgs& options;
  const query::FieldCatalog& catalog;
  const query::SelectedRuns& selected;
  std::size_t selected_count = 0;  // runs the filters selected (set by the printer)
};

// A field named in --columns or --group-by; throws eorun::Error naming the option when the
// registry knows no such field.
query::Field resolve_option_field(const query::FieldCatalog& catalog, const std::string& option,
                                  const std::string& name);

// "12 completed runs", "12 completed runs selected by --where and --sweep", "12 runs ...".
std::string describe_selection(const QueryScope& scope);

// Runs, ranked by --best or newest first, with their columns. Sets context.exit_code to failed
// when an unfiltered ranking finds no run with a number for the metric.
void print_runs(QueryScope scope, AppContext& context);

// Runs grouped by --group-by, with the mean and std of the ranked metric per group.
void print_groups(QueryScope scope);

}  // namespace eorun
