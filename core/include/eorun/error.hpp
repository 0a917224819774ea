// eorun plugin SDK: the one error type that crosses the plugin boundary.
//
// A plugin (or the core) throws eorun::Error for bad input. The CLI prints it as
//   eorun: error: <subject>: <problem>; <remedy>
// so every message names what is wrong, why, and what to do about it.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace eorun {

class Error : public std::runtime_error {
 public:
  Error(std::string subject, std::string problem, std::string remedy = {})
      : std::runtime_error(compose(subject, problem, remedy)),
        subject_(std::move(subject)),
        problem_(std::move(problem)),
        remedy_(std::move(remedy)) {}

  const std::string& subject() const noexcept { return subject_; }
  const std::string& problem() const noexcept { return problem_; }
  const std::string& remedy() const noexcept { return remedy_; }

 private:
  static std::string compose(const std::string& subject, const std::string& problem,
                             const std::string& remedy) {
    std::string text = subject + ": " + problem;
    if (!remedy.empty()) text += "; " + remedy;
    return text;
  }

  std::string subject_;
  std::string problem_;
  std::string remedy_;
};

}  // namespace eorun
