// What the two kinds of query result share: --top, field names in options, the selection line.
#include <charconv>

#include "cli/query/query_output.hpp"
#include "eorun/error.hpp"

namespace eorun {

std::optional<std::size_t> top_limit(const QueryArgs& options,
                                     std::optional<std::size_t> fallback) {
  if (options.top.empty()) return fallback;
  if (options.top == "all") return std::nullopt;
  std::size_t top = 0;
  const char* first = options.top.data();
  const char* last = first + options.top.size();
  const auto [end, ec] = std::from_chars(first, last, top);
  if (ec != std::errc() || end != last || top == 0)
    throw Error("--top '" + options.top + "'", "is not a number of rows",
                "give a positive whole number, or 'all'");
  return top;
}

query::Field resolve_option_field(const query::FieldCatalog& catalog, const std::string& option,
                                  const std::string& name) {
  std::optional<query::Field> field = catalog.find(name);
  if (!field)
    throw Error(option + " '" + name + "'", "is not a field of this registry",
                catalog.known_names(name));
  return *field;
}

std::string describe_selection(const QueryScope& scope) {
  const query::SelectedRuns& selected = scope.selected;
  std::string text = std::to_string(scope.selected_count) +
                     (selected.only_completed ? " completed runs" : " runs");
  const bool where = !scope.options.where.empty();
  const bool sweep = !scope.options.sweep.empty();
  if (where && sweep) return text + " selected by --where and --sweep";
  if (where) return text + " selected by --where";
  if (sweep) return text + " of sweep " + scope.options.sweep;
  return text;
}

}  // namespace eorun
