// A built dataset plugin (build/plugins/<name>.so) loaded through the catalogue, with the core's
// parameter validator, as `eorun run` and `eorun data inspect` use it. For tests of built
// plugins: derive a fixture and either pass the name to the constructor (loaded in SetUp) or call
// load("name") in your own SetUp.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugins/catalogue.hpp"
#include "spec/param_schema.hpp"

namespace eorun::test {

class BuiltDatasetPlugin : public ::testing::Test {
 protected:
  BuiltDatasetPlugin() = default;
  explicit BuiltDatasetPlugin(std::string name) : name_(std::move(name)) {}

  void SetUp() override {
    if (!name_.empty()) load(name_);
  }

  // Loads <build>/plugins/<name>.so; a failure fails the test.
  void load(const std::string& name) {
    const std::filesystem::path library =
        std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / (name + ".so");
    ASSERT_TRUE(std::filesystem::exists(library)) << library;
    std::optional<RefusedPlugin> refused = catalogue_.load(library);
    ASSERT_FALSE(refused.has_value()) << refused->message;
    plugin_ = &catalogue_.require(PluginKind::dataset, name);
  }

  // Resolves `user` like a [dataset] section into `params` (when not null and valid); returns
  // the errors' messages.
  std::vector<std::string> resolve(const nlohmann::json& user, Params* params) {
    std::vector<Error> errors;
    nlohmann::json resolved = resolve_params("dataset", user, plugin_->params, errors);
    std::vector<std::string> messages;
    for (const Error& e : errors) messages.push_back(e.what());
    if (errors.empty() && params) *params = to_params("dataset", resolved, plugin_->params);
    return messages;
  }

  // The names of the declared parameters.
  std::vector<std::string> parameter_names() const {
    std::vector<std::string> names;
    for (const ParamSpec& spec : plugin_->params) names.push_back(spec.name);
    return names;
  }

  std::string name_;
  Catalogue catalogue_;
  const LoadedPlugin* plugin_ = nullptr;
};

}  // namespace eorun::test
