// eorun report: one self-contained HTML page comparing recorded runs (see report/).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/list_option.hpp"
#include "cli/registry_path.hpp"
#include "eorun/error.hpp"
#include "registry/registry.hpp"
#include "report/report_content.hpp"
#include "report/report_page.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

void execute(const ReportArgs& args, AppContext& context) {
  const std::filesystem::path out(args.out);
  if (out.extension() != ".html" && out.extension() != ".htm")
    throw Error("--out " + args.out, "is not an .html file", "name the page to write, e.g. --out report.html");
  if (std::filesystem::is_directory(out))
    throw Error("--out " + args.out, "is a folder", "name the page to write, e.g. --out " + args.out + "/report.html");
  Registry registry = Registry::open(existing_registry_path(context));
  report::ReportRequest request;
  request.filter.where = args.where;
  if (!args.sweep.empty()) request.filter.sweep = args.sweep;
  for (const std::string& prefix : args.runs) request.filter.run_ids.push_back(registry.resolve_run_id(prefix));
  if (args.group_by_given) request.group_by = trimmed_items(args.group_by);
  request.metric = args.metric;
  request.title = args.title;
  const report::ReportContent content = report::gather_report(registry, request);
  write_file_atomically(out, report::report_page(content.data));
  std::cout << "report: " << out.string() << " (" << content.runs << " run" << (content.runs == 1 ? "" : "s")
            << ", " << content.groups << " group" << (content.groups == 1 ? "" : "s") << ", by val "
            << content.data["metric"].get<std::string>() << ")\n";
}

}  // namespace eorun
