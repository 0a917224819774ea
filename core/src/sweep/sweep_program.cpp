#include "sweep/sweep_program.hpp"

#include <fstream>
#include <sstream>

#include <lua.hpp>

#include "eorun/error.hpp"
#include "sweep/lua_json.hpp"
#include "sweep/sweep_prelude.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

std::string read_script(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), "cannot read the sweep script", "check the path");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json field_or(const nlohmann::json& object, const char* key, nlohmann::json fallback) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? fallback : *it;
}

}  // namespace

SweepProgram::SweepProgram(const std::filesystem::path& script,
                           const std::map<std::string, std::filesystem::path>& data_roots,
                           LuaLimits limits)
    : path_(script), text_(read_script(script)), sha256_(sha256_hex(text_)), sandbox_(limits) {
  lua_State* L = sandbox_.state();
  nlohmann::json roots = nlohmann::json::object();
  for (const auto& [name, path] : data_roots) roots[name] = path.string();
  push_json(L, roots);
  lua_setglobal(L, "__eorun_data_roots");
  sandbox_.run_prelude(kSweepPrelude, "eorun sweep prelude");
  sandbox_.seed_random(0);
  sandbox_.guard_globals();

  lua_getglobal(L, "__eorun_unpack");  // the guard allows reading declared globals
  sandbox_.run_file(script);           // pushes the script's result
  sandbox_.call(1, 3, script.string());
  const nlohmann::json plain = lua_to_json(L, -3, "sweep");
  lua_remove(L, -3);
  filter_index_ = lua_absindex(L, -2);
  derive_index_ = lua_absindex(L, -1);

  const std::string subject = script.string();
  definition_.name = field_or(plain, "name", script.stem().string()).get<std::string>();
  const nlohmann::json seed = field_or(plain, "seed", 0);
  if (!seed.is_number_integer())
    throw Error(subject, "sweep.seed must be an integer", "e.g. seed = 7");
  definition_.seed = seed.get<std::int64_t>();
  definition_.base = field_or(plain, "base", nlohmann::json::object());
  definition_.grid = field_or(plain, "grid", nlohmann::json::object());
  definition_.zip = field_or(plain, "zip", nlohmann::json::object());
  definition_.random = field_or(plain, "random", nlohmann::json::object());
  for (const char* key : {"base", "grid", "zip", "random"}) {
    const nlohmann::json& value = key == std::string("base") ? definition_.base
                                  : key == std::string("grid") ? definition_.grid
                                  : key == std::string("zip") ? definition_.zip
                                                               : definition_.random;
    if (!value.is_object())
      throw Error(subject, std::string("sweep.") + key + " must be a table of named values",
                  std::string("e.g. ") + key + " = { [\"train.lr\"] = { 1e-3, 1e-4 } }");
  }
  definition_.has_filter = lua_isfunction(L, filter_index_);
  definition_.has_derive = lua_isfunction(L, derive_index_);
  sandbox_.seed_random(definition_.seed);
}

nlohmann::json SweepProgram::derive(const nlohmann::json& run) {
  if (!definition_.has_derive) return run;
  lua_State* L = sandbox_.state();
  lua_pushvalue(L, derive_index_);
  push_json(L, run);
  lua_pushvalue(L, -1);  // keep the table: derive may edit it in place and return nothing
  lua_insert(L, -3);
  sandbox_.call(1, 1, path_.string() + ": derive");
  const int result = lua_isnil(L, -1) ? -2 : -1;
  nlohmann::json out = lua_to_json(L, result, "derive(run)");
  lua_pop(L, 2);
  return out;
}

bool SweepProgram::filter(const nlohmann::json& run) {
  if (!definition_.has_filter) return true;
  lua_State* L = sandbox_.state();
  lua_pushvalue(L, filter_index_);
  push_json(L, run);
  sandbox_.call(1, 1, path_.string() + ": filter");
  const bool keep = lua_toboolean(L, -1);
  lua_pop(L, 1);
  return keep;
}

}  // namespace eorun
