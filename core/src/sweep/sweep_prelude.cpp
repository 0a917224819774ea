#include "sweep/sweep_prelude.hpp"

namespace eorun {

const char* const kSweepPrelude = R"lua(
local data_roots = __eorun_data_roots
__eorun_data_roots = nil

local sweep_fields = { name = true, seed = true, base = true, grid = true, zip = true,
                       random = true, filter = true, derive = true }
local random_fields = { n = true, seed = true, space = true }

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  return table.concat(keys, ", ")
end

local function need_table(value, what)
  if type(value) ~= "table" then
    error(string.format("%s: expected a table, got %s", what, type(value)), 3)
  end
  return value
end

local function need_number(value, what)
  if type(value) ~= "number" then
    error(string.format("%s: expected a number, got %s", what, type(value)), 3)
  end
end

function data(name)
  if type(name) ~= "string" then error("data: expected a data root name (a string)", 2) end
  local root = data_roots[name]
  if root == nil then
    local known = sorted_keys(data_roots)
    if known == "" then known = "(none: add a [data] table to eorun.toml)" end
    error(string.format("data: unknown data root '%s'; eorun.toml [data] has: %s", name, known), 2)
  end
  return root
end

-- One run defined in the script, to be the parent of others: model = { pretrained = r }. The
-- planner computes its id, runs it before its children and never starts a child whose parent
-- failed.
function run(t)
  need_table(t, "run")
  return { __eorun = "run", spec = t }
end

function grid(t) return need_table(t, "grid") end
function zip(t) return need_table(t, "zip") end

function random(t)
  need_table(t, "random")
  for k in pairs(t) do
    if not random_fields[k] then
      error(string.format("random: unknown field '%s'; valid: n, seed, space", tostring(k)), 2)
    end
  end
  return t
end

function choice(values)
  need_table(values, "choice")
  if #values == 0 then error("choice: expected a non-empty list", 2) end
  return { __eorun = "choice", values = values }
end

function uniform(low, high)
  need_number(low, "uniform"); need_number(high, "uniform")
  if not (low < high) then error("uniform: expected low < high", 2) end
  return { __eorun = "uniform", low = low, high = high }
end

function loguniform(low, high)
  need_number(low, "loguniform"); need_number(high, "loguniform")
  if not (0 < low and low < high) then error("loguniform: expected 0 < low < high", 2) end
  return { __eorun = "loguniform", low = low, high = high }
end

function int_range(low, high)
  if math.type(low) ~= "integer" or math.type(high) ~= "integer" or low > high then
    error("int_range: expected two integers low <= high", 2)
  end
  return { __eorun = "int_range", low = low, high = high }
end

function sweep(t)
  need_table(t, "sweep")
  for k in pairs(t) do
    if not sweep_fields[k] then
      error(string.format("sweep: unknown field '%s'; valid: %s", tostring(k), sorted_keys(sweep_fields)), 2)
    end
  end
  if t.filter ~= nil and type(t.filter) ~= "function" then error("sweep: filter must be a function", 2) end
  if t.derive ~= nil and type(t.derive) ~= "function" then error("sweep: derive must be a function", 2) end
  if t.random ~= nil then random(t.random) end
  return t
end

-- Splits a sweep into its data (convertible to JSON) and its two functions.
function __eorun_unpack(t)
  if type(t) ~= "table" then
    error("the script must end with `return sweep { ... }`, it returned " .. type(t), 0)
  end
  local plain = {}
  for k, v in pairs(t) do
    if k ~= "filter" and k ~= "derive" then plain[k] = v end
  end
  return plain, t.filter or false, t.derive or false
end
)lua";

}  // namespace eorun
