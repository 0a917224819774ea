// Times registry queries on a registry written by eorun_bench_make_registry.
//
//   eorun_bench_registry_query REGISTRY.db [EORUN_BINARY] [REPEATS]
//
// Prints the median and the slowest of REPEATS (default 20) timings of each Registry call that
// `eorun query --best f1_macro` makes, of all of them together on a fresh connection, of the
// query module's grouping and filtering, and, when EORUN_BINARY is given, of whole `eorun query`
// commands run as processes (start-up included).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <sys/wait.h>
#include <vector>

#include "eorun/error.hpp"
#include "registry/query/group_by.hpp"
#include "registry/query/run_filter.hpp"
#include "registry/query/run_query.hpp"
#include "registry/registry.hpp"

namespace {

using Clock = std::chrono::steady_clock;

void time_it(const std::string& label, int repeats, const std::function<void()>& work) {
  std::vector<double> ms;
  for (int i = 0; i < repeats; ++i) {
    const auto start = Clock::now();
    work();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%-52s median %8.2f ms   max %8.2f ms\n", label.c_str(), ms[ms.size() / 2],
              ms.back());
}

std::string quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 4) {
    std::cerr << "usage: eorun_bench_registry_query REGISTRY.db [EORUN_BINARY] [REPEATS]\n";
    return 2;
  }
  const std::string db = argv[1];
  const std::string eorun = argc >= 3 ? argv[2] : "";
  const int repeats = argc == 4 ? std::max(1, std::atoi(argv[3])) : 20;
  try {
    eorun::Registry registry = eorun::Registry::open(db);
    std::printf("%s: %zu runs, %zu completed\n", db.c_str(), registry.run_count(),
                registry.completed_run_count());
    std::vector<eorun::RankedRun> best;
    time_it("completed_run_count()", repeats, [&] { registry.completed_run_count(); });
    time_it("best_runs(f1_macro, val, 10)", repeats,
            [&] { best = registry.best_runs("f1_macro", eorun::MetricSplit::val, 10); });
    time_it("best_runs(hamming_loss, val, 10)", repeats,
            [&] { registry.best_runs("hamming_loss", eorun::MetricSplit::val, 10); });
    time_it("best_runs(f1_macro, test, 1000)", repeats,
            [&] { registry.best_runs("f1_macro", eorun::MetricSplit::test, 1000); });
    time_it("varying_param_keys()", repeats, [&] { registry.varying_param_keys(); });
    time_it("metric_names(val)", repeats, [&] { registry.metric_names(eorun::MetricSplit::val); });
    time_it("load_record() x 10", repeats, [&] {
      for (const auto& run : best) registry.load_record(run.run_id);
    });
    const std::string prefix = best.empty() ? "000000" : best.front().run_id.substr(0, 8);
    time_it("resolve_run_id(8 hex digits)", repeats, [&] { registry.resolve_run_id(prefix); });
    time_it("open + all of query --best f1_macro", repeats, [&] {
      eorun::Registry fresh = eorun::Registry::open(db);
      fresh.completed_run_count();
      for (const auto& run : fresh.best_runs("f1_macro", eorun::MetricSplit::val, 10))
        fresh.load_record(run.run_id);
      fresh.varying_param_keys();
    });
    time_it("FieldCatalog::load", repeats, [&] { eorun::query::FieldCatalog::load(registry); });
    const eorun::query::FieldCatalog catalog = eorun::query::FieldCatalog::load(registry);
    eorun::query::GroupQuery by_bands;
    by_bands.keys = {*catalog.find("dataset.bands"), *catalog.find("train.optimizer")};
    by_bands.metric = "f1_macro";
    time_it("group_runs(dataset.bands, train.optimizer)", repeats,
            [&] { eorun::query::group_runs(registry, eorun::query::completed_runs(), by_bands); });
    const eorun::query::SelectedRuns rgb = eorun::query::select_runs(
        registry, catalog, {"dataset.bands = 'rgb' and train.lr < 1e-3", std::nullopt});
    time_it("rank_runs(where bands, lr; 10)", repeats, [&] {
      eorun::query::rank_runs(registry, rgb, "f1_macro", eorun::MetricSplit::val, 10);
    });
    time_it("count_runs(where bands, lr)", repeats,
            [&] { eorun::query::count_runs(registry, rgb); });
    if (!eorun.empty()) {
      const std::string base = quote(eorun) + " --registry " + quote(db);
      for (const std::string& args :
           {std::string(" --help"), std::string(" query --best f1_macro"),
            std::string(" query --best f1_macro --format json"),
            std::string(" query --best f1_macro --group-by dataset.bands,train.optimizer"),
            std::string(" query --best f1_macro --group-by train.seed --format csv"),
            std::string(" query --best f1_macro --where \"dataset.bands = 'rgb' and train.lr < "
                        "1e-3\""),
            std::string(" query --best f1_macro --sweep bench_grid"),
            std::string(" show ") + prefix}) {
        const std::string command = base + args + " >/dev/null";
        time_it("process: eorun" + args, repeats, [&] {
          int status = std::system(command.c_str());
          if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            throw eorun::Error(command, "failed", "run it by hand to see why");
        });
      }
    }
  } catch (const eorun::Error& e) {
    std::cerr << "eorun_bench_registry_query: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
