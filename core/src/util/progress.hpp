// Progress of long work on stderr: a bar with rate and ETA on a terminal, plain periodic lines
// otherwise (logs, CI). Results never go here; they go to stdout.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace eorun {

class ProgressReporter {
 public:
  enum class Style { none, bar, lines };

  // `label` prefixes every update ("epoch 2/10 train"); `total` is the number of units
  // (batches, samples) and `unit` their name for the rate ("batch" -> "12.3 batch/s").
  // Style::bar is chosen when `out` is std::cerr and stderr is a terminal, Style::lines otherwise.
  ProgressReporter(std::string label, std::int64_t total, std::string unit, bool enabled);
  // Explicit stream and style (tests).
  ProgressReporter(std::string label, std::int64_t total, std::string unit, Style style,
                   std::ostream& out);
  ~ProgressReporter();
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  // `done` units so far; `note` is shown after the rate (e.g. "loss 0.4132"). Cheap when called
  // often: output is throttled (a bar at most 10 times a second, a line every `line_interval`).
  void update(std::int64_t done, const std::string& note = {});
  // The last state (with `note`, or the last update's note when empty), then a newline (bar) or
  // a closing line; idempotent. The destructor calls it.
  void finish(const std::string& note = {});

  void set_line_interval(std::chrono::milliseconds interval) { line_interval_ = interval; }

 private:
  void draw(std::int64_t done, const std::string& note, bool final);

  std::string label_;
  std::int64_t total_;
  std::string unit_;
  Style style_;
  std::ostream& out_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::chrono::milliseconds line_interval_{10000};
  std::int64_t done_ = 0;
  std::string note_;
  bool drawn_ = false;
  bool finished_ = false;
};

// "1h02m", "3m05s", "12.3s".
std::string format_duration(double seconds);

}  // namespace eorun
