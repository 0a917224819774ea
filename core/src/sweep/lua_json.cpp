#include "sweep/lua_json.hpp"

#include <lua.hpp>

#include "eorun/error.hpp"

namespace eorun {

namespace {

constexpr int kMaxDepth = 32;

nlohmann::json convert(lua_State* L, int index, const std::string& where, int depth) {
  index = lua_absindex(L, index);
  switch (lua_type(L, index)) {
    case LUA_TNIL: return nullptr;
    case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, index));
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return static_cast<std::int64_t>(lua_tointeger(L, index));
      return static_cast<double>(lua_tonumber(L, index));
    case LUA_TSTRING: {
      std::size_t length = 0;
      const char* text = lua_tolstring(L, index, &length);
      return std::string(text, length);
    }
    case LUA_TTABLE: break;
    default:
      throw Error(where, std::string("a ") + lua_typename(L, lua_type(L, index)) +
                             " cannot be part of a run spec",
                  "use strings, numbers, booleans and tables");
  }
  if (depth > kMaxDepth)
    throw Error(where, "tables nested too deeply (or a table that contains itself)",
                "flatten the value");
  // First pass: what kind of keys.
  lua_Integer count = 0;
  lua_Integer max_index = 0;
  bool has_string_keys = false;
  bool has_other_keys = false;
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    ++count;
    if (lua_type(L, -2) == LUA_TSTRING) {
      has_string_keys = true;
    } else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
      max_index = std::max(max_index, lua_tointeger(L, -2));
    } else {
      has_other_keys = true;
    }
    lua_pop(L, 1);
  }
  if (has_other_keys || (has_string_keys && max_index > 0))
    throw Error(where, "a table mixes list items and named keys (or has non-string keys)",
                "use either a list { a, b } or a table { key = value }");
  if (max_index > 0) {
    if (max_index != count)
      throw Error(where, "a list has holes (nil items)", "remove the nil items");
    nlohmann::json out = nlohmann::json::array();
    for (lua_Integer i = 1; i <= max_index; ++i) {
      lua_rawgeti(L, index, i);
      out.push_back(convert(L, -1, where + "[" + std::to_string(i) + "]", depth + 1));
      lua_pop(L, 1);
    }
    return out;
  }
  nlohmann::json out = nlohmann::json::object();
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    std::size_t length = 0;
    const char* key = lua_tolstring(L, -2, &length);  // a string: no conversion, no allocation
    std::string name(key, length);
    out[name] = convert(L, -1, where.empty() ? name : where + "." + name, depth + 1);
    lua_pop(L, 1);
  }
  return out;
}

void push_value(lua_State* L, const nlohmann::json& value) {
  luaL_checkstack(L, 4, "run spec nested too deeply");
  switch (value.type()) {
    case nlohmann::json::value_t::null: lua_pushnil(L); return;
    case nlohmann::json::value_t::boolean: lua_pushboolean(L, value.get<bool>()); return;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      lua_pushinteger(L, value.get<std::int64_t>());
      return;
    case nlohmann::json::value_t::number_float: lua_pushnumber(L, value.get<double>()); return;
    case nlohmann::json::value_t::string: {
      const std::string& text = value.get_ref<const std::string&>();
      lua_pushlstring(L, text.data(), text.size());
      return;
    }
    case nlohmann::json::value_t::array: {
      lua_createtable(L, static_cast<int>(value.size()), 0);
      lua_Integer i = 0;
      for (const auto& item : value) {
        push_value(L, item);
        lua_rawseti(L, -2, ++i);
      }
      return;
    }
    default: {
      lua_createtable(L, 0, static_cast<int>(value.size()));
      for (auto it = value.begin(); it != value.end(); ++it) {
        lua_pushlstring(L, it.key().data(), it.key().size());
        push_value(L, it.value());
        lua_rawset(L, -3);
      }
      return;
    }
  }
}

int push_protected(lua_State* L) {
  const auto* value = static_cast<const nlohmann::json*>(lua_touserdata(L, 1));
  lua_pop(L, 1);
  push_value(L, *value);
  return 1;
}

}  // namespace

nlohmann::json lua_to_json(lua_State* L, int index, const std::string& where) {
  return convert(L, index, where, 0);
}

void push_json(lua_State* L, const nlohmann::json& value) {
  lua_pushcfunction(L, push_protected);
  lua_pushlightuserdata(L, const_cast<nlohmann::json*>(&value));
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    lua_pop(L, 1);
    throw Error("lua", "out of memory while passing a run to the script",
                "make the script build smaller tables");
  }
}

}  // namespace eorun
