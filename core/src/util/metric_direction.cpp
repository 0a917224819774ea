#include "util/metric_direction.hpp"

#include <array>

namespace eorun {

namespace {

// What a run costs: less is better.
constexpr std::array<std::string_view, 8> kCosts = {
    "wall_seconds", "cpu_seconds",    "energy_j",         "gpu_energy_j",
    "co2_g",        "peak_rss_bytes", "parameters_total", "parameters_trainable"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

bool higher_is_better(std::string_view metric) {
  if (metric == "loss" || metric == "error" || metric == "coverage") return false;
  for (std::string_view cost : kCosts)
    if (metric == cost) return false;
  return !ends_with(metric, "_loss") && !ends_with(metric, "_error");
}

}  // namespace eorun
