// The current time as recorded everywhere in eorun: UTC, ISO 8601, to the second.
#pragma once

#include <string>

namespace eorun {

// e.g. "2026-12-07T04:40:12Z".
std::string utc_now();

}  // namespace eorun
