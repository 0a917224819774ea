#include "registry/spec_leaves.hpp"

namespace eorun {

namespace {

void collect(const nlohmann::json& node, const std::string& prefix,
             std::map<std::string, nlohmann::json>& out) {
  if (!node.is_object() || node.empty()) {
    out.emplace(prefix, node);
    return;
  }
  for (const auto& [key, value] : node.items())
    collect(value, prefix.empty() ? key : prefix + "." + key, out);
}

}  // namespace

std::map<std::string, nlohmann::json> spec_leaves(const nlohmann::json& spec) {
  std::map<std::string, nlohmann::json> out;
  if (spec.is_object())
    for (const auto& [key, value] : spec.items()) collect(value, key, out);
  return out;
}

std::string leaf_text(const nlohmann::json& leaf) {
  return leaf.is_string() ? leaf.get<std::string>() : leaf.dump();
}

}  // namespace eorun
