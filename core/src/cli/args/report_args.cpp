#include "cli/args/report_args.hpp"

#include <CLI/CLI.hpp>

namespace eorun {

void declare_report(CLI::App& command, ReportArgs& args) {
  command.add_option("runs", args.runs, "Report these runs (ids or unique prefixes of 6+ hex digits)")
      ->type_name("RUN_ID...");
  command
      .add_option("--sweep", args.sweep,
                  "Only the runs of this sweep's plan (its name, the latest sweep of that name, or "
                  "a sweep id prefix)")
      ->type_name("NAME|ID");
  command.add_option("--where", args.where,
                     "Only the runs this expression selects, as in `eorun query --where`")
      ->type_name("EXPR");
  command
      .add_option_function<std::vector<std::string>>(
          "--group-by",
          [&args](const std::vector<std::string>& keys) {
            args.group_by = keys;
            args.group_by_given = true;
          },
          "Group runs by these spec keys (default: the keys that differ between the runs except "
          "train.seed, so groups average over seeds); each group gets mean, std, n and a 95% "
          "confidence interval")
      ->delimiter(',')
      ->type_name("KEY,...");
  command
      .add_option("--metric", args.metric,
                  "The metric to compare (default: the one the runs picked their best epoch by)")
      ->type_name("METRIC");
  command.add_option("--out", args.out, "The HTML file to write (one file, opens offline)")
      ->required()
      ->type_name("FILE.html");
  command.add_option("--title", args.title, "The page's title (default: from the selection)")
      ->type_name("TEXT");
  command.footer(
      "Examples:\n"
      "  eorun report --sweep rgb-vs-ms --out rgb-vs-ms.html\n"
      "  eorun report --where \"model.plugin = 'resnet'\" --group-by dataset.bands --metric map_macro "
      "--out resnet.html\n"
      "  eorun report 3f2a9c 8e01d4 --out two-runs.html\n"
      "The page shows the runs (sortable), groups with error bars (95% CI, Student t), learning\n"
      "curves, per-class results and the confusion matrix of the best run, parallel coordinates\n"
      "of the varying keys, time and energy, parent runs, hashes and reproduce commands.");
}

}  // namespace eorun
