// Build facts baked in at configure time.
#pragma once

#include <string_view>

namespace eorun {

extern const std::string_view kEorunVersion;  // project version, e.g. "0.1.0"
extern const std::string_view kGitCommit;     // commit at configure time, "unknown" outside git
extern const std::string_view kCompiler;      // e.g. "GNU 12.2.0"
extern const std::string_view kBuildType;     // e.g. "RelWithDebInfo"

}  // namespace eorun
