#include "sweep/lua_sandbox.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <lua.hpp>

#include "eorun/error.hpp"

namespace eorun {

namespace {

constexpr int kHookEvery = 1000;  // instructions between budget checks
const char* const kBudgetKey = "eorun.instruction_budget";

int traceback_handler(lua_State* L) {
  const char* message = lua_tostring(L, 1);
  if (message == nullptr) message = luaL_typename(L, 1);
  luaL_traceback(L, L, message, 1);
  return 1;
}

void count_instructions(lua_State* L, lua_Debug*) {
  lua_getfield(L, LUA_REGISTRYINDEX, kBudgetKey);
  lua_Integer left = lua_tointeger(L, -1) - kHookEvery;
  lua_pop(L, 1);
  lua_pushinteger(L, left);
  lua_setfield(L, LUA_REGISTRYINDEX, kBudgetKey);
  if (left < 0) luaL_error(L, "instruction budget exhausted (an endless loop?)");
}

int undeclared_read(lua_State* L) {
  return luaL_error(L, "undeclared global '%s' (declare it with `local`, or check the spelling)",
                    lua_tostring(L, 2));
}

int undeclared_write(lua_State* L) {
  return luaL_error(L, "assignment to undeclared global '%s' (use `local %s = ...`)",
                    lua_tostring(L, 2), lua_tostring(L, 2));
}

// "path:12: message\nstack traceback:..." -> subject "path:12", problem "message", rest.
Error lua_error_to_eorun(const std::string& text, const std::string& what) {
  std::string first = text.substr(0, text.find('\n'));
  std::string trace = text.find('\n') == std::string::npos ? "" : text.substr(text.find('\n') + 1);
  std::string subject = what;
  std::string problem = first;
  // Find "file:line:" at the start of the message.
  auto colon = first.find(':');
  if (colon != std::string::npos) {
    auto second = first.find(':', colon + 1);
    if (second != std::string::npos && second > colon + 1 &&
        first.find_first_not_of("0123456789", colon + 1) == second) {
      subject = first.substr(0, second);
      problem = first.substr(second + 1);
      while (!problem.empty() && problem.front() == ' ') problem.erase(0, 1);
    }
  }
  std::string remedy = "fix the script";
  if (!trace.empty()) remedy += "\n" + trace;
  return Error(subject, problem, remedy);
}

int open_sandbox_libraries(lua_State* L) {
  luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
  luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
  luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
  luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
  luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
  lua_settop(L, 0);
  for (const char* name : {"dofile", "loadfile", "load", "require", "collectgarbage", "rawset",
                           "rawget", "rawequal", "setmetatable", "getmetatable"}) {
    lua_pushnil(L);
    lua_setglobal(L, name);
  }
  return 0;
}

int install_guard(lua_State* L) {
  lua_pushglobaltable(L);
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, undeclared_read);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, undeclared_write);
  lua_setfield(L, -2, "__newindex");
  lua_pushstring(L, "the global table is protected");
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
  return 0;
}

int seed_math_random(lua_State* L) {
  lua_Integer seed = lua_tointeger(L, 1);
  lua_getglobal(L, "math");
  lua_getfield(L, -1, "randomseed");
  lua_pushinteger(L, seed);
  lua_call(L, 1, 0);
  return 0;
}

}  // namespace

void* LuaSandbox::allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) {
  auto* budget = static_cast<Budget*>(ud);
  const std::size_t old_bytes = ptr ? old_size : 0;
  if (new_size == 0) {
    budget->used -= old_bytes;
    std::free(ptr);
    return nullptr;
  }
  if (new_size > old_bytes && budget->used + (new_size - old_bytes) > budget->limit) return nullptr;
  void* grown = std::realloc(ptr, new_size);
  if (grown != nullptr) budget->used = budget->used - old_bytes + new_size;
  return grown;
}

LuaSandbox::LuaSandbox(LuaLimits limits) : limits_(limits) {
  memory_.limit = limits.memory_bytes;
  state_ = lua_newstate(&LuaSandbox::allocate, &memory_);
  if (state_ == nullptr) throw Error("lua", "cannot create a Lua state", "free some memory");
  lua_pushcfunction(state_, open_sandbox_libraries);
  call(0, 0, "lua sandbox");
  lua_sethook(state_, count_instructions, LUA_MASKCOUNT, kHookEvery);
}

LuaSandbox::~LuaSandbox() {
  if (state_ != nullptr) lua_close(state_);
}

void LuaSandbox::call(int nargs, int nresults, const std::string& what) {
  lua_State* L = state_;
  lua_pushinteger(L, limits_.instructions);
  lua_setfield(L, LUA_REGISTRYINDEX, kBudgetKey);
  const int function_index = lua_gettop(L) - nargs;
  lua_pushcfunction(L, traceback_handler);
  lua_insert(L, function_index);
  const int rc = lua_pcall(L, nargs, nresults, function_index);
  if (rc != LUA_OK) {
    std::string text = lua_tostring(L, -1) ? lua_tostring(L, -1) : "unknown Lua error";
    lua_pop(L, 2);  // message, handler
    if (rc == LUA_ERRMEM)
      throw Error(what, "out of memory (the sandbox allows " +
                            std::to_string(limits_.memory_bytes >> 20) + " MiB)",
                  "make the script build smaller tables");
    throw lua_error_to_eorun(text, what);
  }
  lua_remove(L, function_index);
}

void LuaSandbox::run_prelude(const std::string& chunk, const std::string& name) {
  if (luaL_loadbufferx(state_, chunk.data(), chunk.size(), ("=" + name).c_str(), "t") != LUA_OK) {
    std::string text = lua_tostring(state_, -1);
    lua_pop(state_, 1);
    throw lua_error_to_eorun(text, name);
  }
  call(0, 0, name);
}

void LuaSandbox::seed_random(std::int64_t seed) {
  lua_pushcfunction(state_, seed_math_random);
  lua_pushinteger(state_, seed);
  call(1, 0, "math.randomseed");
}

void LuaSandbox::guard_globals() {
  lua_pushcfunction(state_, install_guard);
  call(0, 0, "lua sandbox");
}

void LuaSandbox::run_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(path.string(), "cannot read the sweep script", "check the path");
  std::stringstream text;
  text << in.rdbuf();
  const std::string source = text.str();
  const std::string chunk_name = "@" + path.string();
  // Text mode only: a precompiled (binary) chunk is refused.
  if (luaL_loadbufferx(state_, source.data(), source.size(), chunk_name.c_str(), "t") != LUA_OK) {
    std::string message = lua_tostring(state_, -1);
    lua_pop(state_, 1);
    throw lua_error_to_eorun(message, path.string());
  }
  call(0, 1, path.string());
}

}  // namespace eorun
