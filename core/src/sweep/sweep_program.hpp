// A loaded sweep script: what it declares, and its filter and derive functions ready to call.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "sweep/lua_sandbox.hpp"

namespace eorun {

struct SweepDefinition {
  std::string name;             // defaults to the script's file name without extension
  std::int64_t seed = 0;        // seeds math.random (for filter/derive) and random sampling
  nlohmann::json base;          // run config, same keys as a run's TOML file
  nlohmann::json grid;          // "dotted.key" -> list of values (cartesian product)
  nlohmann::json zip;           // "dotted.key" -> list of values (paired, equal lengths)
  nlohmann::json random;        // {n, seed, space: "dotted.key" -> distribution}
  bool has_filter = false;
  bool has_derive = false;
};

class SweepProgram {
 public:
  // Runs `script` in a fresh sandbox. `data_roots` backs the `data "name"` helper.
  SweepProgram(const std::filesystem::path& script,
               const std::map<std::string, std::filesystem::path>& data_roots, LuaLimits limits = {});

  const SweepDefinition& definition() const { return definition_; }
  const std::string& text() const { return text_; }
  const std::string& sha256() const { return sha256_; }

  // derive(run) on a copy of `run`; the function may change the table in place or return a new one.
  nlohmann::json derive(const nlohmann::json& run);
  // filter(run): keep the run when it returns a true value.
  bool filter(const nlohmann::json& run);

 private:
  std::filesystem::path path_;
  std::string text_;
  std::string sha256_;
  LuaSandbox sandbox_;
  SweepDefinition definition_;
  int filter_index_ = 0;  // stack slots holding the functions (or false)
  int derive_index_ = 0;
};

}  // namespace eorun
