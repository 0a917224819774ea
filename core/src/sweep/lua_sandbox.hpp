// A sandboxed Lua 5.4 state for sweep scripts.
//
// Only the base, table, string, math and utf8 libraries are opened; dofile, loadfile, require,
// load of binary chunks, io, os, debug and package are absent. Reading or assigning an undeclared
// global is an error (a typo fails loudly). An instruction budget stops runaway scripts and an
// allocation budget bounds memory. Every call into Lua is protected and its error carries
// file:line and a traceback.
//
// Lua is compiled as C here, so its errors longjmp: no C++ object with a destructor may be alive
// across a Lua API call that can raise. Calls that can raise run inside protected C functions;
// reads use only non-raising raw accessors (see lua_json.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

struct lua_State;

namespace eorun {

struct LuaLimits {
  std::int64_t instructions = 200'000'000;  // per protected call
  std::size_t memory_bytes = 256u << 20;
};

class LuaSandbox {
 public:
  explicit LuaSandbox(LuaLimits limits = {});
  ~LuaSandbox();
  LuaSandbox(const LuaSandbox&) = delete;
  LuaSandbox& operator=(const LuaSandbox&) = delete;

  lua_State* state() const { return state_; }

  // Defines a global before the guard is installed (helpers, tables of data roots).
  // `chunk` is Lua source run once, in text mode, named `name` in messages.
  void run_prelude(const std::string& chunk, const std::string& name);
  // Seeds math.random.
  void seed_random(std::int64_t seed);
  // From now on, reading or writing an undeclared global is an error.
  void guard_globals();

  // Runs the script file and leaves its first result on the stack (one value). Throws eorun::Error
  // with subject "file:line" for syntax and runtime errors.
  void run_file(const std::filesystem::path& path);

  // Calls the function at stack index `function_index` with `nargs` arguments pushed above it,
  // leaving `nresults` results. Throws eorun::Error (file:line, message, traceback) on error.
  void call(int nargs, int nresults, const std::string& what);

 private:
  struct Budget {
    std::size_t used = 0;
    std::size_t limit = 0;
  };
  static void* allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size);

  lua_State* state_ = nullptr;
  Budget memory_;
  LuaLimits limits_;
};

}  // namespace eorun
