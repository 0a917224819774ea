// A tensor shape as messages write it: "[4, 3, 16, 16]".
#pragma once

#include <cstdint>
#include <string>

#include <c10/util/ArrayRef.h>

namespace eorun {

inline std::string shape_text(c10::ArrayRef<std::int64_t> shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace eorun
