#include "util/metric_direction.hpp"

namespace eorun {

namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

bool higher_is_better(std::string_view metric) {
  if (metric == "loss" || metric == "error" || metric == "coverage") return false;
  return !ends_with(metric, "_loss") && !ends_with(metric, "_error");
}

}  // namespace eorun
