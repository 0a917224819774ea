#include "registry/run_status.hpp"

#include <array>

namespace eorun {

namespace {

constexpr std::array<RunStatus, 3> kStatuses = {RunStatus::completed, RunStatus::failed,
                                                RunStatus::interrupted};

}  // namespace

std::string to_string(RunStatus status) {
  switch (status) {
    case RunStatus::completed:
      return "completed";
    case RunStatus::failed:
      return "failed";
    case RunStatus::interrupted:
      return "interrupted";
  }
  return "unknown";
}

std::optional<RunStatus> run_status_from_string(std::string_view text) {
  for (RunStatus status : kStatuses)
    if (text == to_string(status)) return status;
  return std::nullopt;
}

const std::string& run_status_choices() {
  static const std::string choices = [] {
    std::string text;
    for (std::size_t i = 0; i < kStatuses.size(); ++i) {
      if (i > 0) text += i + 1 == kStatuses.size() ? " or " : ", ";
      text += to_string(kStatuses[i]);
    }
    return text;
  }();
  return choices;
}

}  // namespace eorun
