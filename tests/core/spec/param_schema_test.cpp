#include "spec/param_schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <limits>

namespace eorun {
namespace {

const std::vector<ParamSpec>& schema() {
  static const std::vector<ParamSpec> specs = {
      {"root", ParamType::path, "\"\"", nullptr, "data folder"},
      {"bands", ParamType::string_or_list, "\"rgb\"", "[\"rgb\", \"ms\"]", "band preset or list"},
      {"classes", ParamType::integer, "19", "[43, 19]", "label set"},
      {"lr", ParamType::real, "0.001", nullptr, "learning rate"},
      {"shuffle", ParamType::boolean, "true", nullptr, "shuffle"},
  };
  return specs;
}

std::string joined(const std::vector<Error>& errors) {
  std::string out;
  for (const auto& e : errors) out += std::string(e.what()) + "\n";
  return out;
}

TEST(ParamSchema, FillsDefaultsAndTypes) {
  std::vector<Error> errors;
  nlohmann::json resolved = resolve_params("dataset", {{"lr", 1}}, schema(), errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  EXPECT_EQ(resolved.at("bands"), "rgb");
  EXPECT_EQ(resolved.at("classes"), 19);
  EXPECT_TRUE(resolved.at("lr").is_number_float()) << "an integer given for a real is widened";
  EXPECT_DOUBLE_EQ(resolved.at("lr").get<double>(), 1.0);
  EXPECT_EQ(resolved.at("shuffle"), true);
}

TEST(ParamSchema, AnEmptyTableIsAnEmptyList) {
  // What a sweep's derive hands back for an empty list: Lua has one kind of table.
  const std::vector<ParamSpec> lists = {{"augment", ParamType::string_list, "[\"flip\"]", nullptr, "list"},
                                        {"lr", ParamType::real, "0.1", nullptr, "a number"}};
  std::vector<Error> errors;
  nlohmann::json resolved = resolve_params("train", {{"augment", nlohmann::json::object()}}, lists, errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  EXPECT_EQ(resolved.at("augment"), nlohmann::json::array());
  resolve_params("train", {{"lr", nlohmann::json::object()}}, lists, errors);
  EXPECT_EQ(errors.size(), 1u) << "not where a list is not allowed";
}

TEST(ParamSchema, CollectsEveryProblemAtOnce) {
  std::vector<Error> errors;
  resolve_params("dataset", {{"bandz", "rgb"}, {"classes", "19"}, {"lr", "fast"}}, schema(), errors);
  ASSERT_EQ(errors.size(), 3u) << joined(errors);
  const std::string text = joined(errors);
  EXPECT_NE(text.find("dataset.bandz: unknown key; valid keys of [dataset]: root, bands, classes, lr, shuffle"),
            std::string::npos) << text;
  EXPECT_NE(text.find("dataset.classes: expected an integer, got string \"19\""), std::string::npos) << text;
  EXPECT_NE(text.find("dataset.lr: expected a number"), std::string::npos) << text;
}

TEST(ParamSchema, RejectsDisallowedValueListingAllowedOnes) {
  std::vector<Error> errors;
  resolve_params("dataset", {{"classes", 10}}, schema(), errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].subject(), "dataset.classes");
  EXPECT_NE(errors[0].remedy().find("43, 19"), std::string::npos) << errors[0].what();
}

TEST(ParamSchema, ListBypassesPresetNamesForStringOrList) {
  std::vector<Error> errors;
  nlohmann::json resolved =
      resolve_params("dataset", {{"bands", {"B08", "B04"}}}, schema(), errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  EXPECT_EQ(resolved.at("bands"), nlohmann::json({"B08", "B04"}));
  Params params = to_params("dataset", resolved, schema());
  EXPECT_EQ(params.get_strings("bands"), (std::vector<std::string>{"B08", "B04"}));
  EXPECT_FALSE(params.is_string("bands"));
}

TEST(ParamSchema, MakesPathsAbsolute) {
  std::vector<Error> errors;
  nlohmann::json resolved = resolve_params("dataset", {{"root", "data/./synth"}}, schema(), errors);
  ASSERT_TRUE(errors.empty());
  const std::filesystem::path root = resolved.at("root").get<std::string>();
  EXPECT_TRUE(root.is_absolute());
  EXPECT_EQ(root, (std::filesystem::current_path() / "data/synth").lexically_normal());
}

TEST(ParamSchema, TypedParamsRefuseTheWrongGetter) {
  std::vector<Error> errors;
  Params params = to_params("dataset", resolve_params("dataset", {}, schema(), errors), schema());
  EXPECT_EQ(params.get_int("classes"), 19);
  EXPECT_DOUBLE_EQ(params.get_real("classes"), 19.0) << "integers read as reals";
  EXPECT_THROW(params.get_string("classes"), Error);
  EXPECT_THROW(params.get_int("missing"), Error);
}

TEST(ParamSchema, BrokenDeclaredDefaultIsReported) {
  ParamSpec broken{"depth", ParamType::integer, "\"deep\"", nullptr, "layers"};
  EXPECT_THROW(param_default(broken), Error);
}

}  // namespace
}  // namespace eorun

namespace eorun {
namespace {

const std::vector<ParamSpec>& bounded_schema() {
  static const std::vector<ParamSpec> specs = {
      ParamSpec{"lr", ParamType::real, "0.001", nullptr, "learning rate"}.greater_than(0),
      ParamSpec{"dropout", ParamType::real, "0.0", nullptr, "drop rate"}.at_least(0).less_than(1),
      ParamSpec{"depth", ParamType::integer, "18", "[18, 34, 50]", "depth"}.at_least(18),
      ParamSpec{"kernels", ParamType::integer_list, "[3, 5]", nullptr, "per layer"}.between(1, 7),
      ParamSpec{"weights", ParamType::real_list, "[1.0]", nullptr, "per class"}.at_least(0),
      {"augment", ParamType::string_list, "[]", "[\"hflip\", \"vflip\", \"rot90\"]", "any subset"},
      ParamSpec{"bands", ParamType::integer_or_string_list, "12", nullptr, "count or names"}
          .at_least(1),
  };
  return specs;
}

Error only_error(const nlohmann::json& user) {
  std::vector<Error> errors;
  resolve_params("model", user, bounded_schema(), errors);
  EXPECT_EQ(errors.size(), 1u) << joined(errors);
  return errors.empty() ? Error("", "") : errors.front();
}

TEST(ParamSchemaBounds, AValueOutsideTheBoundsNamesTheBound) {
  EXPECT_STREQ(only_error({{"lr", 0}}).what(),
               "model.lr: 0.0 must be greater than 0; use a value in (0, inf)");
  EXPECT_STREQ(only_error({{"dropout", 1.0}}).what(),
               "model.dropout: 1.0 must be less than 1; use a value in [0, 1)");
  EXPECT_STREQ(only_error({{"dropout", -0.5}}).what(),
               "model.dropout: -0.5 is below the minimum 0; use a value in [0, 1)");
  EXPECT_STREQ(only_error({{"bands", 0}}).what(),
               "model.bands: 0 is below the minimum 1; use a value in [1, inf)");
}

TEST(ParamSchemaBounds, ValuesOnAndInsideTheBoundsPass) {
  std::vector<Error> errors;
  nlohmann::json resolved =
      resolve_params("model", {{"dropout", 0}, {"kernels", {1, 7}}, {"weights", {0, 2}}},
                     bounded_schema(), errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  EXPECT_EQ(resolved.at("kernels"), nlohmann::json({1, 7}));
  EXPECT_TRUE(resolved.at("weights")[0].is_number_float()) << "list elements are widened";
}

TEST(ParamSchemaBounds, ListsAreCheckedElementByElement) {
  EXPECT_STREQ(only_error({{"kernels", {3, 9}}}).what(),
               "model.kernels: element 2 (9) is above the maximum 7; use a value in [1, 7]");
  EXPECT_STREQ(only_error({{"augment", {"hflip", "blur"}}}).what(),
               "model.augment: element 2 (\"blur\") is not allowed; use one of: \"hflip\", "
               "\"vflip\", \"rot90\"");
}

TEST(ParamSchemaBounds, AListOfTheWrongElementTypeNamesTheElement) {
  EXPECT_STREQ(only_error({{"kernels", {3, "five"}}}).what(),
               "model.kernels: expected a list of integers, got list [3,\"five\"] (element 2 is "
               "string \"five\"); e.g. kernels = [3,5]");
  EXPECT_STREQ(only_error({{"weights", {0.5, true}}}).what(),
               "model.weights: expected a list of numbers, got list [0.5,true] (element 2 is "
               "boolean true); e.g. weights = [1.0]");
  EXPECT_STREQ(only_error({{"bands", "rgb"}}).what(),
               "model.bands: expected an integer or a list of strings, got string \"rgb\"; e.g. "
               "bands = 12");
}

TEST(ParamSchemaBounds, NonFiniteNumbersAreRefused) {
  EXPECT_NE(std::string(only_error({{"lr", std::numeric_limits<double>::infinity()}}).what())
                .find("expected a number"),
            std::string::npos);
}

TEST(ParamSchemaBounds, TypedListsReachThePlugin) {
  std::vector<Error> errors;
  const nlohmann::json resolved =
      resolve_params("model", {{"bands", {"B02", "B08"}}}, bounded_schema(), errors);
  ASSERT_TRUE(errors.empty()) << joined(errors);
  const Params params = to_params("model", resolved, bounded_schema());
  EXPECT_EQ(params.get_ints("kernels"), (std::vector<std::int64_t>{3, 5}));
  EXPECT_EQ(params.get_reals("weights"), (std::vector<double>{1.0}));
  EXPECT_FALSE(params.is_int("bands"));
  EXPECT_EQ(params.get_strings("bands"), (std::vector<std::string>{"B02", "B08"}));
  const Params counted = to_params(
      "model", resolve_params("model", {{"bands", 4}}, bounded_schema(), errors), bounded_schema());
  EXPECT_TRUE(counted.is_int("bands"));
  EXPECT_EQ(counted.get_int("bands"), 4);
}

}  // namespace
}  // namespace eorun
