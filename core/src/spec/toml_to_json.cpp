#include "spec/toml_to_json.hpp"

#include <sstream>
#include <system_error>

#include <toml++/toml.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

nlohmann::json convert(const toml::node& node, const std::string& where) {
  if (const auto* table = node.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, value] : *table) {
      std::string name(key.str());
      out[name] = convert(value, where.empty() ? name : where + "." + name);
    }
    return out;
  }
  if (const auto* array = node.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : *array) out.push_back(convert(item, where));
    return out;
  }
  if (const auto* v = node.as_string()) return v->get();
  if (const auto* v = node.as_integer()) return v->get();
  if (const auto* v = node.as_floating_point()) return v->get();
  if (const auto* v = node.as_boolean()) return v->get();
  std::ostringstream line;
  line << node.source().begin.line;
  throw Error(where, "dates and times are not accepted (line " + line.str() + ")",
              "write the value as a string or a number");
}

}  // namespace

nlohmann::json load_toml_as_json(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(path.string(), "config file not found",
                "check the path; a run config looks like scripts/quickstart.toml");
  try {
    toml::table table = toml::parse_file(path.string());
    return convert(table, "");
  } catch (const toml::parse_error& e) {
    std::ostringstream subject;
    subject << path.string() << ":" << e.source().begin.line << ":" << e.source().begin.column;
    throw Error(subject.str(), std::string(e.description()), "fix the TOML syntax");
  }
}

}  // namespace eorun
