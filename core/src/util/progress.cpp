#include "util/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace eorun {

namespace {

constexpr std::chrono::milliseconds kBarInterval{100};
constexpr int kBarWidth = 24;

ProgressReporter::Style default_style(bool enabled) {
  if (!enabled) return ProgressReporter::Style::none;
  return isatty(STDERR_FILENO) ? ProgressReporter::Style::bar : ProgressReporter::Style::lines;
}

std::string format_rate(double per_second, const std::string& unit) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, per_second >= 100 ? "%.0f %s/s" : "%.1f %s/s",
                per_second, unit.c_str());
  return buffer;
}

}  // namespace

std::string format_duration(double seconds) {
  char buffer[32];
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.1fs", seconds);
  } else if (seconds < 3600) {
    const auto s = static_cast<long long>(seconds);
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
  } else {
    const auto s = static_cast<long long>(seconds);
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s % 3600) / 60);
  }
  return buffer;
}

ProgressReporter::ProgressReporter(std::string label, std::int64_t total, std::string unit,
                                   bool enabled)
    : ProgressReporter(std::move(label), total, std::move(unit), default_style(enabled),
                       std::cerr) {}

ProgressReporter::ProgressReporter(std::string label, std::int64_t total, std::string unit,
                                   Style style, std::ostream& out)
    : label_(std::move(label)),
      total_(total),
      unit_(std::move(unit)),
      style_(style),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressReporter::~ProgressReporter() {
  try {
    finish();
  } catch (...) {
    // A failing stderr must not turn into a crash while unwinding.
  }
}

void ProgressReporter::update(std::int64_t done, const std::string& note) {
  done_ = done;
  note_ = note;
  if (style_ == Style::none || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = style_ == Style::bar ? kBarInterval : line_interval_;
  if (drawn_ && now - last_draw_ < interval) return;
  if (!drawn_ && style_ == Style::lines && now - start_ < line_interval_) return;
  last_draw_ = now;
  draw(done, note, false);
}

void ProgressReporter::finish(const std::string& note) {
  if (finished_) return;
  finished_ = true;
  if (style_ == Style::none) return;
  draw(done_, note.empty() ? note_ : note, true);
}

void ProgressReporter::draw(std::int64_t done, const std::string& note, bool final) {
  drawn_ = true;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  std::string text = label_ + " " + std::to_string(done) + "/" + std::to_string(total_) + " " +
                     format_rate(rate, unit_);
  if (final) {
    text += " in " + format_duration(elapsed);
  } else if (rate > 0 && total_ > done) {
    text += " ETA " + format_duration(static_cast<double>(total_ - done) / rate);
  }
  if (!note.empty()) text += "  " + note;

  if (style_ == Style::lines) {
    out_ << text << "\n" << std::flush;
    return;
  }
  const double fraction =
      total_ > 0 ? std::clamp(static_cast<double>(done) / static_cast<double>(total_), 0.0, 1.0)
                 : 1.0;
  const int filled = static_cast<int>(fraction * kBarWidth);
  std::string bar = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
  // \r returns to the line start, \033[K clears what a longer previous line left behind.
  out_ << "\r" << bar << text << "\033[K";
  if (final) out_ << "\n";
  out_ << std::flush;
}

}  // namespace eorun
