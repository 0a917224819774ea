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

// Rethrows the exception being handled (an Error or ErrorList) with `where` put in front of each
// subject, e.g. "sweep run #3 (train.lr=0.1)". Call it only inside a catch block.
[[noreturn]] inline void rethrow_with_context(const std::string& where) {
  try {
    throw;
  } catch (const ErrorList& list) {
    std::vector<Error> named;
    for (const Error& e : list.errors()) named.emplace_back(where + ": " + e.subject(), e.problem(), e.remedy());
    throw ErrorList(std::move(named));
  } catch (const Error& e) {
    throw Error(where + ": " + e.subject(), e.problem(), e.remedy());
  }
}

// Throws ErrorList when `errors` is not empty.
inline void throw_if_any(std::vector<Error> errors) {
  if (!errors.empty()) throw ErrorList(std::move(errors));
}

}  // namespace eorun
