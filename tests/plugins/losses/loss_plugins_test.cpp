// The built loss plugins through the real loader: each loads, its schema refuses a value out of
// its bounds (naming the bound) before any factory runs, a factory's refusal of the wrong task
// passes through the catalogue, and every loss keeps its gradient finite on saturated logits.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "loss_test_support.hpp"
#include "plugins/catalogue.hpp"
#include "spec/param_schema.hpp"

namespace eorun {
namespace {

const char* const kLosses[] = {"bce", "weighted_bce", "focal", "asymmetric", "cross_entropy", "mse"};

const Catalogue& catalogue() {
  static const Catalogue loaded = [] {
    Catalogue c;
    for (const char* name : kLosses)
      c.load(std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / (std::string(name) + ".so"));
    return c;
  }();
  return loaded;
}

std::vector<Error> schema_errors(const std::string& loss, const nlohmann::json& user) {
  std::vector<Error> errors;
  resolve_params("loss", user, catalogue().require(PluginKind::loss, loss).params, errors);
  return errors;
}

std::shared_ptr<Loss> make(const std::string& loss, const nlohmann::json& user,
                           const LossContext& context) {
  const LoadedPlugin& plugin = catalogue().require(PluginKind::loss, loss);
  std::vector<Error> errors;
  const nlohmann::json resolved = resolve_params("loss", user, plugin.params, errors);
  if (!errors.empty()) throw errors.front();
  return catalogue().make_loss(plugin, to_params(loss, resolved, plugin.params), context);
}

TEST(LossPlugins, EachLoadsWithDocumentedParameters) {
  for (const RefusedPlugin& refused : catalogue().refused()) ADD_FAILURE() << refused.message;
  for (const char* name : kLosses) {
    SCOPED_TRACE(name);
    const LoadedPlugin* plugin = catalogue().find(PluginKind::loss, name);
    ASSERT_NE(plugin, nullptr);
    EXPECT_EQ(plugin->version, "1.0.0");
    EXPECT_FALSE(plugin->summary.empty());
    for (const ParamSpec& spec : plugin->params) EXPECT_STRNE(spec.doc, "") << spec.name;
  }
}

struct OutOfBounds {
  const char* loss;
  nlohmann::json user;
  const char* message;  // the whole error the core reports
};

TEST(LossPlugins, SchemasRefuseValuesOutOfBounds) {
  const OutOfBounds cases[] = {
      {"weighted_bce", {{"max_weight", 0}},
       "loss.max_weight: 0.0 must be greater than 0; use a value in (0, inf)"},
      {"weighted_bce", {{"label_smoothing", 1}},
       "loss.label_smoothing: 1.0 must be less than 1; use a value in [0, 1)"},
      {"focal", {{"gamma", -0.5}}, "loss.gamma: -0.5 is below the minimum 0; use a value in [0, inf)"},
      {"focal", {{"alpha", 1.5}}, "loss.alpha: 1.5 is above the maximum 1; use a value in (-inf, 1]"},
      {"asymmetric", {{"gamma_pos", -0.1}},
       "loss.gamma_pos: -0.1 is below the minimum 0; use a value in [0, inf)"},
      {"asymmetric", {{"gamma_neg", -1}},
       "loss.gamma_neg: -1.0 is below the minimum 0; use a value in [0, inf)"},
      {"asymmetric", {{"clip", 1}}, "loss.clip: 1.0 must be less than 1; use a value in [0, 1)"},
      {"cross_entropy", {{"label_smoothing", 1}},
       "loss.label_smoothing: 1.0 must be less than 1; use a value in [0, 1)"},
      {"cross_entropy", {{"label_smoothing", -0.1}},
       "loss.label_smoothing: -0.1 is below the minimum 0; use a value in [0, 1)"},
  };
  for (const OutOfBounds& c : cases) {
    SCOPED_TRACE(std::string(c.loss) + " " + c.user.dump());
    const std::vector<Error> errors = schema_errors(c.loss, c.user);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_STREQ(errors.front().what(), c.message);
  }
}

// The values at the bounds, and a negative alpha (torchvision's "off"), pass the schema.
TEST(LossPlugins, SchemasAcceptValuesAtTheirBounds) {
  const std::pair<const char*, nlohmann::json> cases[] = {
      {"weighted_bce", {{"max_weight", 1e-3}, {"label_smoothing", 0}}},
      {"focal", {{"gamma", 0}, {"alpha", 1}}},
      {"focal", {{"alpha", 0}}},
      {"focal", {{"alpha", -1}}},
      {"asymmetric", {{"gamma_pos", 0}, {"gamma_neg", 0}, {"clip", 0}}},
      {"cross_entropy", {{"weights", "inverse_frequency"}, {"label_smoothing", 0.999}}},
  };
  for (const auto& [loss, user] : cases) {
    SCOPED_TRACE(std::string(loss) + " " + user.dump());
    for (const Error& error : schema_errors(loss, user)) ADD_FAILURE() << error.what();
  }
}

TEST(LossPlugins, SchemasRefuseUndeclaredValues) {
  std::vector<Error> errors = schema_errors("cross_entropy", {{"weights", "balanced"}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front().subject(), "loss.weights");
  // mse declares no parameters, so any key is refused.
  errors = schema_errors("mse", {{"gamma", 2}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors.front().subject(), "loss.gamma");
}

// The whole message, as the CLI prints it after "eorun: error: ".
TEST(LossPlugins, CrossEntropyOnAMultiLabelDatasetNamesTheLossesToUse) {
  try {
    make("cross_entropy", nlohmann::json::object(), loss_test::context_of(Task::multi_label));
    FAIL() << "expected cross_entropy to refuse a multi-label dataset";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "loss cross_entropy: needs a single-label dataset, got multi-label; use bce, "
                 "weighted_bce, focal, asymmetric or mse for multi-label data");
  }
}

TEST(LossPlugins, FactoriesRefuseTheWrongTaskThroughTheCatalogue) {
  const nlohmann::json defaults = nlohmann::json::object();
  const LossContext single = loss_test::context_of(Task::single_label, 4, {2, 2});
  const LossContext multi = loss_test::context_of(Task::multi_label, 4, {2, 2});
  for (const char* loss : {"bce", "weighted_bce", "focal", "asymmetric"}) {
    SCOPED_TRACE(loss);
    loss_test::expect_refusal([&] { make(loss, defaults, single); }, std::string("loss ") + loss,
                              loss_test::kNeedsMultiLabel);
  }
  loss_test::expect_refusal([&] { make("cross_entropy", defaults, multi); }, "loss cross_entropy",
                            loss_test::kNeedsSingleLabel);
  // mse accepts both tasks.
  EXPECT_NE(make("mse", defaults, multi), nullptr);
  EXPECT_NE(make("mse", defaults, single), nullptr);
}

struct GradientCase {
  const char* loss;
  Task task;
  nlohmann::json user;
};

// Logits of +-100 saturate sigmoid and softmax in float32: right and wrong with full confidence.
TEST(LossPlugins, GradientsStayFiniteOnSaturatedLogits) {
  const GradientCase cases[] = {
      {"bce", Task::multi_label, nlohmann::json::object()},
      {"weighted_bce", Task::multi_label, nlohmann::json::object()},
      {"weighted_bce", Task::multi_label, {{"max_weight", 1e6}, {"label_smoothing", 0.1}}},
      {"focal", Task::multi_label, nlohmann::json::object()},
      {"focal", Task::multi_label, {{"gamma", 0.5}}},
      {"focal", Task::multi_label, {{"gamma", 0.5}, {"alpha", -1}}},
      {"asymmetric", Task::multi_label, nlohmann::json::object()},
      {"asymmetric", Task::multi_label, {{"gamma_pos", 0.5}, {"gamma_neg", 0.5}, {"clip", 0}}},
      {"cross_entropy", Task::single_label, nlohmann::json::object()},
      {"cross_entropy", Task::single_label,
       {{"weights", "inverse_frequency"}, {"label_smoothing", 0.1}}},
      {"mse", Task::multi_label, nlohmann::json::object()},
      {"mse", Task::single_label, nlohmann::json::object()},
  };
  const at::Tensor saturated =
      torch::tensor({100.0f, -100.0f, 100.0f, -100.0f, -100.0f, 100.0f, 100.0f, -100.0f}).reshape({2, 4});
  for (const GradientCase& c : cases) {
    SCOPED_TRACE(std::string(c.loss) + " " + c.user.dump());
    const bool multi = c.task == Task::multi_label;
    // 10 train samples; multi-label: a class never positive, one always positive.
    const LossContext context = multi ? loss_test::context_of(c.task, 10, {3, 0, 10, 1})
                                      : loss_test::context_of(c.task, 10, {5, 0, 4, 1});
    const at::Tensor target = multi ? torch::tensor({1.0f, 1.0f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f, 0.0f})
                                          .reshape({2, 4})
                                    : torch::tensor({0, 3}, torch::kLong);
    at::Tensor logits = saturated.clone().requires_grad_(true);
    const at::Tensor value = make(c.loss, c.user, context)->compute(logits, target);
    value.backward();
    EXPECT_TRUE(std::isfinite(value.item<double>())) << value;
    ASSERT_TRUE(logits.grad().defined());
    EXPECT_TRUE(logits.grad().isfinite().all().item<bool>()) << logits.grad();
  }
}

}  // namespace
}  // namespace eorun
