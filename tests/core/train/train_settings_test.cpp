#include "train/train_settings.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "spec/param_schema.hpp"

namespace eorun {
namespace {

// Params holding every declared default, as the core's validator would hand them over.
Params defaults() {
  Params params("train");
  for (const ParamSpec& spec : train_param_specs()) {
    const auto value = nlohmann::json::parse(spec.default_json);
    switch (spec.type) {
      case ParamType::integer:
        params.set(spec.name, value.get<std::int64_t>());
        break;
      case ParamType::real:
        params.set(spec.name, value.get<double>());
        break;
      case ParamType::string:
        params.set(spec.name, value.get<std::string>());
        break;
      case ParamType::boolean:
        params.set(spec.name, value.get<bool>());
        break;
      case ParamType::string_list:
        params.set(spec.name, value.get<std::vector<std::string>>());
        break;
      default:
        ADD_FAILURE() << "unexpected type for " << spec.name;
    }
  }
  return params;
}

TEST(TrainSettings, DefaultsMatchTheStruct) {
  const TrainSettings settings = train_settings_from(defaults());
  const TrainSettings expected;
  EXPECT_EQ(settings.optimizer, expected.optimizer);
  EXPECT_EQ(settings.lr, expected.lr);
  EXPECT_EQ(settings.momentum, expected.momentum);
  EXPECT_EQ(settings.weight_decay, expected.weight_decay);
  EXPECT_EQ(settings.epochs, expected.epochs);
  EXPECT_EQ(settings.batch_size, expected.batch_size);
  EXPECT_EQ(settings.seed, expected.seed);
  EXPECT_EQ(settings.threads, expected.threads);
  EXPECT_EQ(settings.selection_metric, expected.selection_metric);
  EXPECT_EQ(settings.threshold, expected.threshold);
  EXPECT_EQ(settings.scheduler, expected.scheduler);
  EXPECT_EQ(settings.nesterov, expected.nesterov);
  EXPECT_EQ(settings.beta2, expected.beta2);
  EXPECT_EQ(settings.eps, expected.eps);
  EXPECT_EQ(settings.patience, expected.patience);
  EXPECT_EQ(settings.augment, expected.augment);
  EXPECT_EQ(settings.clip_grad_norm, expected.clip_grad_norm);
}

TEST(TrainSettings, DeclareEveryKeyWithADoc) {
  std::vector<std::string> names;
  for (const ParamSpec& spec : train_param_specs()) {
    names.push_back(spec.name);
    EXPECT_NE(std::string(spec.doc), "") << spec.name;
    if (spec.allowed_json != nullptr) {
      EXPECT_TRUE(nlohmann::json::parse(spec.allowed_json).is_array()) << spec.name;
    }
  }
  const std::vector<std::string> expected = {
      "optimizer",     "lr",        "momentum",      "nesterov",     "weight_decay",
      "beta1",         "beta2",     "rmsprop_alpha", "eps",          "scheduler",
      "step_size",     "gamma",     "warmup_epochs", "min_lr",       "plateau_patience",
      "plateau_factor", "patience", "augment",       "clip_grad_norm", "backbone_lr_scale",
      "device",        "amp",       "epochs",
      "batch_size",    "seed",      "threads",       "selection_metric", "threshold"};
  EXPECT_EQ(names, expected);
}

TEST(TrainSettings, SelectionMetricAllowsTheMetricNamesAndLoss) {
  for (const ParamSpec& spec : train_param_specs()) {
    if (std::string(spec.name) != "selection_metric") continue;
    const auto allowed = nlohmann::json::parse(spec.allowed_json).get<std::vector<std::string>>();
    for (const char* name : {"loss", "f1_macro", "f1_micro", "map_macro", "hamming_loss"})
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), name), allowed.end()) << name;
  }
}

// The [train] schema refuses `value` for `key` with an error naming the key and a remedy.
void expect_rejected(const std::string& key, const nlohmann::json& value) {
  std::vector<Error> errors;
  resolve_params("train", {{key, value}}, train_param_specs(), errors);
  ASSERT_EQ(errors.size(), 1u) << key << " = " << value.dump();
  EXPECT_EQ(errors[0].subject(), "train." + key) << errors[0].what();
  EXPECT_FALSE(errors[0].remedy().empty()) << errors[0].what();
}

TEST(TrainSettings, TheSchemaRejectsValuesOutOfRangeNamingTheKey) {
  expect_rejected("lr", 0.0);
  expect_rejected("lr", -1.0);
  expect_rejected("epochs", 0);
  expect_rejected("batch_size", 0);
  expect_rejected("threads", -1);
  expect_rejected("momentum", -0.1);
  expect_rejected("weight_decay", -0.1);
  expect_rejected("threshold", 1.5);
  expect_rejected("selection_metric", "f1_macr");
  expect_rejected("optimizer", "lamb");
  expect_rejected("momentum", 1.0);
  expect_rejected("beta2", 1.0);
  expect_rejected("scheduler", "exponential");
  expect_rejected("step_size", 0);
  expect_rejected("gamma", 0.0);
  expect_rejected("plateau_factor", 1.0);
  expect_rejected("patience", -1);
  expect_rejected("augment", nlohmann::json::array({"hflip", "blur"}));
  expect_rejected("clip_grad_norm", -1.0);
}

TEST(TrainSettings, NesterovNeedsMomentum) {
  Params params = defaults();
  params.set("optimizer", std::string("sgd"));
  params.set("nesterov", true);
  params.set("momentum", 0.0);
  EXPECT_THROW(train_settings_from(params), Error);
  params.set("momentum", 0.9);
  EXPECT_TRUE(train_settings_from(params).nesterov);
}

TEST(TrainSettings, AcceptAnIntegerForAReal) {
  Params params = defaults();
  params.set("lr", std::int64_t{1});
  EXPECT_EQ(train_settings_from(params).lr, 1.0);
}

}  // namespace
}  // namespace eorun
