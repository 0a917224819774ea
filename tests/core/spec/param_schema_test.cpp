#include "spec/param_schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>

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
