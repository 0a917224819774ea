// The one checked converter between Lua values and JSON.
//
// Lua tables with keys 1..n become arrays, tables with string keys become objects; an empty table
// becomes an empty object (a sweep never needs an empty list). Integers stay integers. Functions,
// userdata, threads, mixed or sparse tables are refused with the dotted path of the bad value.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

struct lua_State;

namespace eorun {

// Converts the value at `index` (non-raising raw reads only). Throws eorun::Error naming
// `where` + the path inside the value.
nlohmann::json lua_to_json(lua_State* L, int index, const std::string& where);

// Pushes `value` as a Lua value (inside a protected call; out of memory is an eorun::Error).
void push_json(lua_State* L, const nlohmann::json& value);

}  // namespace eorun
