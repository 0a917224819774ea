// Names as messages and records write them: "B04,B03,B02" (or with another separator).
#pragma once

#include <string>
#include <vector>

namespace eorun {

inline std::string joined(const std::vector<std::string>& names, const std::string& separator = ",") {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? separator : "") + names[i];
  return out;
}

}  // namespace eorun
