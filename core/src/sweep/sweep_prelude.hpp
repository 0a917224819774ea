// The sweep DSL, written in Lua and run in the sandbox before the user's script.
#pragma once

namespace eorun {

// Defines sweep, grid, zip, random, choice, uniform, loguniform, int_range and data, and the
// internal __eorun_unpack. Expects the global __eorun_data_roots (a table name -> path).
extern const char* const kSweepPrelude;

}  // namespace eorun
