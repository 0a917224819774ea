// Several input errors reported together (every problem of a spec at once, not one per try).
#pragma once

#include <string>
#include <vector>

#include "eorun/error.hpp"

namespace eorun {

class ErrorList : public Error {
 public:
  explicit ErrorList(std::vector<Error> errors)
      : Error(errors.empty() ? Error("spec", "invalid") : errors.front()), errors_(std::move(errors)) {}
  const std::vector<Error>& errors() const noexcept { return errors_; }

 private:
  std::vector<Error> errors_;
};

// Throws ErrorList when `errors` is not empty.
inline void throw_if_any(std::vector<Error> errors) {
  if (!errors.empty()) throw ErrorList(std::move(errors));
}

}  // namespace eorun
