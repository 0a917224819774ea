// `eorun plugins` and `eorun plugins show`, run as a user would, against the fixture plugins.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/plugins/fixture_plugins.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

class PluginsCommand : public ::testing::Test {
 protected:
  test::CommandResult eorun(std::vector<std::string> args) {
    args.insert(args.begin(), {"--plugin-path", test::fixture_plugin_dir().string()});
    return test::run_eorun(args, cwd_.path());
  }
  const std::filesystem::path tiny_ = test::fixture_plugin("tiny_model");
  const std::string tiny_sha256_ = sha256_file(tiny_);

 private:
  test::TempDir cwd_;
};

const nlohmann::json* find_by_name(const nlohmann::json& list, const std::string& name) {
  for (const auto& item : list)
    if (item.at("name") == name) return &item;
  return nullptr;
}

TEST_F(PluginsCommand, TableListsTheGoodPluginAndWarnsAboutEachRefusedOne) {
  test::CommandResult r = eorun({"plugins"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Column widths depend on the build's own plugins, listed too.
  EXPECT_THAT(r.out, ::testing::ContainsRegex("^name +kind +version +sha256 +path\n"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex("\ntiny_model +model +1\\.2\\.3 +" +
                                              tiny_sha256_.substr(0, 12) + " +" + tiny_.string() +
                                              "\n"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr(tiny_sha256_)));  // the table shows 12 characters
  EXPECT_THAT(r.err, HasSubstr("eorun: warning: plugin " + test::fixture_plugin("wrong_abi").string() +
                               ": wrong ABI version: got 99, this eorun supports 3; rebuild the "
                               "plugin against this eorun SDK\n"));
  EXPECT_THAT(r.err, HasSubstr("eorun: warning: plugin " +
                               test::fixture_plugin("throwing_init").string() +
                               ": init failed: init exploded on purpose;"));
}

TEST_F(PluginsCommand, JsonListsEveryFieldWithTheFullHash) {
  test::CommandResult r = eorun({"plugins", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json list = nlohmann::json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  const nlohmann::json* tiny = find_by_name(list, "tiny_model");
  ASSERT_NE(tiny, nullptr) << r.out;
  EXPECT_EQ(tiny->at("kind"), "model");
  EXPECT_EQ(tiny->at("version"), "1.2.3");
  EXPECT_EQ(tiny->at("summary"), "a tiny model for the loader's tests");
  EXPECT_EQ(tiny->at("sha256"), tiny_sha256_);
  EXPECT_EQ(tiny->at("path"), tiny_.string());
}

TEST_F(PluginsCommand, ShowPrintsTheSummaryAndTheParameterSchema) {
  test::CommandResult r = eorun({"plugins", "show", "tiny_model"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("tiny_model (model) 1.2.3: a tiny model for the loader's tests\n"));
  EXPECT_THAT(r.out, HasSubstr("  sha256:   " + tiny_sha256_ + "\n"));
  EXPECT_THAT(r.out, HasSubstr("parameter  type    default  allowed"));
  EXPECT_THAT(r.out, ::testing::ContainsRegex(
                         "\nhidden +int +8 +- +\\[1, 64\\] +width of the hidden layer\n"));
  EXPECT_THAT(r.out, HasSubstr("\"\", \"eorun_error\", \"std_error\", \"unknown\", \"null\""));
}

TEST_F(PluginsCommand, ShowAsJson) {
  test::CommandResult r = eorun({"plugins", "show", "tiny_model", "--kind", "model", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json shown = nlohmann::json::parse(r.out);
  EXPECT_EQ(shown.at("sha256"), tiny_sha256_);
  const nlohmann::json& params = shown.at("params");
  ASSERT_EQ(params.size(), 3u);
  EXPECT_EQ(params[0], nlohmann::json({{"name", "hidden"},
                                       {"type", "int"},
                                       {"default", 8},
                                       {"allowed", nullptr},
                                       {"min", {{"value", 1.0}, {"inclusive", true}}},
                                       {"max", {{"value", 64.0}, {"inclusive", true}}},
                                       {"doc", "width of the hidden layer"}}));
  EXPECT_EQ(params[1].at("default"), "");
  EXPECT_EQ(params[1].at("allowed").size(), 6u);
}

TEST_F(PluginsCommand, ShowAnUnknownNameListsTheAvailablePlugins) {
  test::CommandResult r = eorun({"plugins", "show", "nope"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty());
  EXPECT_THAT(r.err, HasSubstr("eorun: error: plugin 'nope': not found; available: "));
  EXPECT_THAT(r.err, HasSubstr("tiny_model (model)"));
  EXPECT_THAT(r.err, HasSubstr("; see `eorun plugins`\n"));
}

TEST_F(PluginsCommand, ShowWithTheWrongKindIsNotFound) {
  test::CommandResult r = eorun({"plugins", "show", "tiny_model", "--kind", "loss"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("eorun: error: loss plugin 'tiny_model': not found; available: "));
}

TEST_F(PluginsCommand, AnUnknownKindIsAUsageError) {
  test::CommandResult r = eorun({"plugins", "show", "tiny_model", "--kind", "models"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("--kind"));
}

}  // namespace
}  // namespace eorun
