// Load-time checks of declared parameters: each broken schema names the parameter.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugins/param_spec_check.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

std::string problem_of(const ParamSpec& spec) {
  std::optional<std::string> problem = check_param_specs(&spec, 1);
  EXPECT_TRUE(problem.has_value()) << "accepted: " << (spec.name ? spec.name : "(null)");
  return problem.value_or("");
}

TEST(ParamSpecCheck, SoundSchemasPass) {
  const ParamSpec specs[] = {
      {"flag", ParamType::boolean, "true", nullptr, "doc"},
      {"epochs", ParamType::integer, "10", "[5, 10, 20]", "doc"},
      {"widened", ParamType::integer, "2.0", nullptr, "an integer-valued number is an integer"},
      {"lr", ParamType::real, "1", nullptr, "an integer is a number"},
      {"mode", ParamType::string, "\"rgb\"", "[\"rgb\", \"ms\"]", "doc"},
      {"bands", ParamType::string_list, "[\"B02\", \"B03\"]", nullptr, "doc"},
      {"preset", ParamType::string_or_list, "\"rgb\"", "[\"rgb\", \"all\"]", "doc"},
      {"custom", ParamType::string_or_list, "[\"B02\"]", "[\"rgb\"]", "a list is not a preset"},
      {"root", ParamType::path, "\"data\"", nullptr, nullptr},
  };
  EXPECT_EQ(check_param_specs(specs, sizeof specs / sizeof specs[0]), std::nullopt);
  EXPECT_EQ(check_param_specs(nullptr, 0), std::nullopt);
}

TEST(ParamSpecCheck, CountWithoutArray) {
  EXPECT_EQ(check_param_specs(nullptr, 2), "declares 2 parameters but no ParamSpec array");
}

TEST(ParamSpecCheck, Names) {
  EXPECT_EQ(problem_of({nullptr, ParamType::integer, "1", nullptr, ""}),
            "parameter #1 has no name");
  EXPECT_EQ(problem_of({"Depth", ParamType::integer, "1", nullptr, ""}),
            "parameter 'Depth': invalid name (use only a-z, 0-9 and _)");
  const ParamSpec twice[] = {{"depth", ParamType::integer, "1", nullptr, ""},
                             {"depth", ParamType::real, "1", nullptr, ""}};
  EXPECT_EQ(check_param_specs(twice, 2), "parameter 'depth' is declared twice");
}

TEST(ParamSpecCheck, UnknownType) {
  EXPECT_EQ(problem_of({"depth", static_cast<ParamType>(99), "1", nullptr, ""}),
            "parameter 'depth': unknown type 99");
}

TEST(ParamSpecCheck, Defaults) {
  EXPECT_EQ(problem_of({"depth", ParamType::integer, nullptr, nullptr, ""}),
            "parameter 'depth' has no default");
  EXPECT_EQ(problem_of({"mode", ParamType::string, "rgb", nullptr, ""}),
            "parameter 'mode': default 'rgb' is not valid JSON");
  EXPECT_EQ(problem_of({"depth", ParamType::integer, "2.5", nullptr, ""}),
            "parameter 'depth': default 2.5 is not an integer");
  EXPECT_EQ(problem_of({"flag", ParamType::boolean, "1", nullptr, ""}),
            "parameter 'flag': default 1 is not a boolean");
  EXPECT_EQ(problem_of({"bands", ParamType::string_list, "[\"B02\", 3]", nullptr, ""}),
            "parameter 'bands': default [\"B02\", 3] is not a list of strings");
}

TEST(ParamSpecCheck, AllowedValues) {
  EXPECT_THAT(problem_of({"mode", ParamType::string, "\"rgb\"", "\"rgb\"", ""}),
              HasSubstr("allowed values '\"rgb\"' are not a non-empty JSON array"));
  EXPECT_THAT(problem_of({"mode", ParamType::string, "\"rgb\"", "[]", ""}),
              HasSubstr("are not a non-empty JSON array"));
  EXPECT_EQ(problem_of({"mode", ParamType::string, "\"rgb\"", "[\"rgb\", 4]", ""}),
            "parameter 'mode': allowed value 4 is not a string");
  EXPECT_EQ(problem_of({"mode", ParamType::string, "\"nir\"", "[\"rgb\", \"ms\"]", ""}),
            "parameter 'mode': default \"nir\" is not one of the allowed values [\"rgb\", \"ms\"]");
  EXPECT_EQ(problem_of({"preset", ParamType::string_or_list, "\"rgb\"", "[[\"B02\"]]", ""}),
            "parameter 'preset': allowed value [\"B02\"] is not a string");
}

TEST(ParamSpecCheck, NumbersCompareByValueInAllowedLists) {
  const ParamSpec spec{"lr", ParamType::real, "1", "[0.5, 1.0]", ""};
  EXPECT_EQ(check_param_specs(&spec, 1), std::nullopt);
}

}  // namespace
}  // namespace eorun
