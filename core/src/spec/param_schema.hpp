// Validation of user values against declared parameters (a plugin's or the core's own).
//
// One checked converter serves every section: `[dataset]`, `[model]`, `[loss]` against their
// plugin's ParamSpec array and `[train]` against the core's. Every problem is collected, so a
// user sees all mistakes of a config at once.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "eorun/params.hpp"

namespace eorun {

std::string_view to_string(ParamType type);

// The declared default of `spec`, parsed (throws eorun::Error when the plugin declared bad JSON).
nlohmann::json param_default(const ParamSpec& spec);
// The declared allowed values of `spec` (an empty array when any value of the type is allowed).
nlohmann::json param_allowed(const ParamSpec& spec);

// Checks `user` (a JSON object) against `schema` and returns every declared key with its value,
// defaults filled in, numbers typed as declared (an integer given for a real becomes a real).
// Each unknown key, wrong type or disallowed value is appended to `errors`, naming
// "<section>.<key>" and listing what is valid.
nlohmann::json resolve_params(const std::string& section, const nlohmann::json& user,
                              const std::vector<ParamSpec>& schema, std::vector<Error>& errors);

// Resolved JSON (from resolve_params) to the typed values a plugin reads.
Params to_params(const std::string& owner, const nlohmann::json& resolved,
                 const std::vector<ParamSpec>& schema);

}  // namespace eorun
