// Which way is better for a metric, known from its name.
#pragma once

#include <string_view>

namespace eorun {

// False for loss- and error-like metrics, where lower is better: hamming_loss, coverage_error,
// ranking_loss, one_error, loss, and any name ending in "_loss" or "_error". True otherwise
// (f1_*, map_*, precision_*, recall_*, accuracy, ...).
bool higher_is_better(std::string_view metric);

}  // namespace eorun
