// Which way is better for a metric, or for a measured figure of a run, known from its name.
#pragma once

#include <string_view>

namespace eorun {

// False for loss- and error-like metrics, where lower is better: hamming_loss, coverage_error,
// ranking_loss, one_error, loss, and any name ending in "_loss" or "_error". False too for what a
// run costs (the measured figures wall_seconds, cpu_seconds, energy_j, gpu_energy_j, co2_g,
// peak_rss_bytes, parameters_total, parameters_trainable). True otherwise (f1_*, map_*,
// precision_*, recall_*, accuracy, ..., and the throughput samples_per_second).
bool higher_is_better(std::string_view metric);

}  // namespace eorun
