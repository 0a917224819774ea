#include "sweep/sweep_plan.hpp"

#include <cmath>

#include "eorun/error.hpp"
#include "spec/error_list.hpp"
#include "sweep/sweep_random.hpp"

namespace eorun {

namespace {

using Axis = std::vector<nlohmann::json>;  // each item: an object of dotted key -> value

Axis grid_axis(const std::string& key, const nlohmann::json& values) {
  if (!values.is_array() || values.empty())
    throw Error("sweep.grid[\"" + key + "\"]", "expected a non-empty list of values",
                "e.g. [\"" + key + "\"] = { 1, 2 }");
  Axis axis;
  for (const auto& v : values) axis.push_back({{key, v}});
  return axis;
}

Axis zip_axis(const nlohmann::json& zip) {
  Axis axis;
  std::size_t length = 0;
  std::string first;
  for (const auto& [key, values] : zip.items()) {
    if (!values.is_array() || values.empty())
      throw Error("sweep.zip[\"" + key + "\"]", "expected a non-empty list of values",
                  "paired lists of equal length");
    if (first.empty()) {
      first = key;
      length = values.size();
      axis.assign(length, nlohmann::json::object());
    } else if (values.size() != length) {
      throw Error("sweep.zip[\"" + key + "\"]",
                  "has " + std::to_string(values.size()) + " values but zip[\"" + first + "\"] has " +
                      std::to_string(length),
                  "paired lists must have equal lengths");
    }
    for (std::size_t i = 0; i < length; ++i) axis[i][key] = values[i];
  }
  return axis;
}

Axis random_axis(const nlohmann::json& random, std::int64_t sweep_seed) {
  if (random.empty()) return {};
  const nlohmann::json n = random.value("n", nlohmann::json());
  if (!n.is_number_integer() || n.get<std::int64_t>() < 1)
    throw Error("sweep.random.n", "expected a positive integer", "e.g. n = 20");
  const nlohmann::json seed = random.value("seed", nlohmann::json(sweep_seed));
  if (!seed.is_number_integer()) throw Error("sweep.random.seed", "expected an integer", "e.g. seed = 7");
  const nlohmann::json space = random.value("space", nlohmann::json::object());
  if (!space.is_object() || space.empty())
    throw Error("sweep.random.space", "expected a table of key = distribution",
                "e.g. space = { [\"train.lr\"] = loguniform(1e-5, 1e-1) }");
  SweepRandom rng(static_cast<std::uint64_t>(seed.get<std::int64_t>()));
  Axis axis;
  for (std::int64_t i = 0; i < n.get<std::int64_t>(); ++i) {
    nlohmann::json sample = nlohmann::json::object();
    for (const auto& [key, distribution] : space.items())  // sorted keys: a stable draw order
      sample[key] = rng.draw(distribution, "sweep.random.space[\"" + key + "\"]");
    axis.push_back(std::move(sample));
  }
  return axis;
}

}  // namespace

std::string describe_planned_run(std::size_t index, const nlohmann::json& assignment) {
  std::string values;
  for (const auto& [key, value] : assignment.items())
    values += (values.empty() ? "" : ", ") + key + "=" + value.dump();
  return "sweep run #" + std::to_string(index + 1) + " (" + (values.empty() ? "base" : values) + ")";
}

std::pair<std::string, nlohmann::json> parse_override(const std::string& assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw Error("--set " + assignment, "expected key=value", "e.g. --set train.epochs=1");
  std::string key = assignment.substr(0, eq);
  std::string text = assignment.substr(eq + 1);
  nlohmann::json value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) value = text;
  return {key, value};
}

nlohmann::json parse_overrides(const std::vector<std::string>& assignments) {
  nlohmann::json object = nlohmann::json::object();
  for (const std::string& assignment : assignments) {
    auto [key, value] = parse_override(assignment);
    object[key] = std::move(value);
  }
  return object;
}

void set_dotted(nlohmann::json& spec, const std::string& dotted, const nlohmann::json& value) {
  nlohmann::json* node = &spec;
  std::size_t start = 0;
  for (;;) {
    const auto dot = dotted.find('.', start);
    const std::string part = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (part.empty())
      throw Error("sweep key '" + dotted + "'", "has an empty part", "write keys like train.lr");
    if (!node->is_object()) *node = nlohmann::json::object();
    if (dot == std::string::npos) {
      (*node)[part] = value;
      return;
    }
    node = &(*node)[part];
    start = dot + 1;
  }
}

SweepPlan expand_sweep(SweepProgram& program,
                       const std::vector<std::pair<std::string, nlohmann::json>>& overrides,
                       const SpecResolver& resolve) {
  const SweepDefinition& def = program.definition();
  std::vector<Axis> axes;
  for (const auto& [key, values] : def.grid.items()) axes.push_back(grid_axis(key, values));
  if (!def.zip.empty()) axes.push_back(zip_axis(def.zip));
  if (!def.random.empty()) axes.push_back(random_axis(def.random, def.seed));

  nlohmann::json base = def.base;
  for (const auto& [key, value] : overrides) set_dotted(base, key, value);

  SweepPlan plan;
  plan.name = def.name;
  std::vector<std::size_t> position(axes.size(), 0);
  for (std::size_t index = 0;; ++index) {
    nlohmann::json assignment = nlohmann::json::object();
    for (std::size_t a = 0; a < axes.size(); ++a)
      for (const auto& [key, value] : axes[a][position[a]].items()) assignment[key] = value;
    nlohmann::json spec = base;
    for (const auto& [key, value] : assignment.items()) set_dotted(spec, key, value);
    try {
      spec = resolve(spec);
      if (def.has_derive) spec = resolve(program.derive(spec));
    } catch (const Error&) {
      rethrow_with_context(describe_planned_run(index, assignment));
    }
    if (program.filter(spec))
      plan.runs.push_back({index, assignment, spec});
    else
      ++plan.filtered_out;
    // Next combination: the last axis varies fastest.
    std::size_t a = axes.size();
    while (a > 0) {
      --a;
      if (++position[a] < axes[a].size()) break;
      position[a] = 0;
      if (a == 0) return plan;
    }
    if (axes.empty()) return plan;
  }
}

}  // namespace eorun
