// eorun query: find runs, rank them by a metric, filter them, average them over seeds.
#include <string>

#include "cli/commands.hpp"
#include "cli/list_option.hpp"
#include "cli/query/query_output.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/query/fields.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/registry.hpp"

namespace eorun {

void execute(const QueryArgs& args, AppContext& context) {
  QueryArgs options = args;
  options.group_by = trimmed_items(options.group_by);
  options.columns = trimmed_items(options.columns);
  top_limit(options, std::nullopt);  // a bad --top is reported before the registry is opened
  Registry registry = Registry::open(existing_registry_path(context));
  if (registry.run_count() == 0) {
    context.exit_code = ExitCode::failed;
    throw Error(registry.path().string(), "has no runs yet",
                "run `eorun run CONFIG.toml` or `eorun sweep FILE.lua` first, or pass --registry");
  }
  const auto snapshot = registry.read_snapshot();  // counts and rows agree
  const query::FieldCatalog catalog = query::FieldCatalog::load(registry);
  query::RunFilter filter;
  filter.where = options.where;
  if (!options.sweep.empty()) filter.sweep = options.sweep;
  const query::SelectedRuns selected = query::select_runs(registry, catalog, filter);
  if (selected.only_completed && registry.completed_run_count() == 0) {
    context.exit_code = ExitCode::failed;
    throw Error(registry.path().string(),
                "has no completed runs (" + std::to_string(registry.run_count()) +
                    " failed or interrupted)",
                "run `eorun run CONFIG.toml` first, pass --registry, or list them with "
                "--where \"status != 'completed'\"");
  }
  const QueryScope scope{registry, options, catalog, selected};
  if (options.group_by.empty())
    print_runs(scope, context);
  else
    print_groups(scope);
}

}  // namespace eorun
