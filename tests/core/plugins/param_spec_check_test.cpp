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
      ParamSpec{"rate", ParamType::real, "0.5", nullptr, "doc"}.greater_than(0).at_most(1),
      ParamSpec{"sizes", ParamType::integer_list, "[1, 2]", "[1, 2, 4]", "doc"}.at_least(1),
      ParamSpec{"weights", ParamType::real_list, "[0.5, 2]", nullptr, "doc"}.at_least(0),
      ParamSpec{"channels", ParamType::integer_or_string_list, "3", nullptr, "doc"}.at_least(1),
      {"names", ParamType::integer_or_string_list, "[\"B02\"]", nullptr, "doc"},
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

TEST(ParamSpecCheck, ListTypesCheckEveryElement) {
  EXPECT_EQ(problem_of({"sizes", ParamType::integer_list, "[1, 2.5]", nullptr, ""}),
            "parameter 'sizes': default [1, 2.5] is not a list of integers");
  EXPECT_EQ(problem_of({"weights", ParamType::real_list, "[1, \"a\"]", nullptr, ""}),
            "parameter 'weights': default [1, \"a\"] is not a list of numbers");
  EXPECT_EQ(problem_of({"sizes", ParamType::integer_list, "[1, 3]", "[1, 2]", ""}),
            "parameter 'sizes': default [1, 3] holds 3, which is not one of the allowed values "
            "[1, 2]");
  EXPECT_EQ(problem_of({"sizes", ParamType::integer_list, "[1]", "[[1]]", ""}),
            "parameter 'sizes': allowed value [1] is not an integer");
  EXPECT_EQ(problem_of({"bands", ParamType::integer_or_string_list, "\"rgb\"", nullptr, ""}),
            "parameter 'bands': default \"rgb\" is not an integer or a list of strings");
}

TEST(ParamSpecCheck, Bounds) {
  EXPECT_EQ(problem_of(ParamSpec{"mode", ParamType::string, "\"rgb\"", nullptr, ""}.at_least(0)),
            "parameter 'mode': has bounds but is a string (bounds apply to integers, numbers "
            "and their lists)");
  EXPECT_EQ(problem_of(ParamSpec{"rate", ParamType::real, "0.5", nullptr, ""}.at_least(1).at_most(0)),
            "parameter 'rate': bounds [1, 0] admit no value");
  EXPECT_EQ(problem_of(ParamSpec{"rate", ParamType::real, "1", nullptr, ""}.greater_than(1).at_most(1)),
            "parameter 'rate': bounds (1, 1] admit no value");
  EXPECT_EQ(problem_of(ParamSpec{"rate", ParamType::real, "0", nullptr, ""}.greater_than(0)),
            "parameter 'rate': default 0 must be greater than 0 of its bounds (0, inf)");
  EXPECT_EQ(problem_of(ParamSpec{"sizes", ParamType::integer_list, "[1, 9]", nullptr, ""}.at_most(8)),
            "parameter 'sizes': default 9 is above the maximum 8 of its bounds (-inf, 8]");
  EXPECT_EQ(problem_of(ParamSpec{"k", ParamType::integer, "2", "[2, 0]", ""}.at_least(1)),
            "parameter 'k': allowed value 0 is below the minimum 1 of its bounds [1, inf)");
  ParamSpec unknown_kind{"k", ParamType::integer, "2", nullptr, ""};
  unknown_kind.min_kind = static_cast<BoundKind>(7);
  EXPECT_EQ(problem_of(unknown_kind), "parameter 'k': unknown bound kind");
}

TEST(ParamSpecCheck, NumbersCompareByValueInAllowedLists) {
  const ParamSpec spec{"lr", ParamType::real, "1", "[0.5, 1.0]", ""};
  EXPECT_EQ(check_param_specs(&spec, 1), std::nullopt);
}

}  // namespace
}  // namespace eorun
