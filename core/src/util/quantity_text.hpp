// Sizes and durations as people write them on a command line ("50G", "30d") and read them.
#pragma once

#include <cstdint>
#include <string>

namespace eorun {

// "1.2 GB", "340 MB", "12 kB", "512 B" (decimal units).
std::string format_bytes(std::uint64_t bytes);
// "3 d", "5 h", "12 min", "40 s".
std::string format_age(std::int64_t seconds);

// A size: a number with an optional unit K, M, G or T (powers of 1000; "B" and "iB" forms
// accepted, the latter as powers of 1024). Throws eorun::Error naming `subject`.
std::uint64_t parse_bytes(const std::string& text, const std::string& subject);
// A duration: a number with a unit s, m, h, d or w. Throws eorun::Error naming `subject`.
std::int64_t parse_duration_seconds(const std::string& text, const std::string& subject);

}  // namespace eorun
