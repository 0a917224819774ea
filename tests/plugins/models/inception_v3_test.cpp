#include "inception_v3_model.hpp"

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/catalogue.hpp"
#include "plugins/models/model_test_support.hpp"
#include "plugins/models/torchvision_weights.hpp"
#include "spec/param_schema.hpp"
#include "train/model_groups.hpp"
#include "train/pretrained_weights.hpp"

namespace eorun::inception {
namespace {

using test::context_of;
using test::parameter_count;

Params params_with(bool aux_logits) {
  Params params("inception_v3");
  params.set("aux_logits", aux_logits);
  return params;
}

std::vector<std::string> group_names(const std::vector<CheckedGroup>& groups) {
  std::vector<std::string> names;
  for (const auto& group : groups) names.push_back(group.name);
  return names;
}

TEST(InceptionV3, HasTorchvisionsParameterCounts) {
  // From /usr/bin/python3 (torch 1.13, torchvision 0.14): sum of p.numel() over
  // torchvision.models.inception_v3(num_classes=K, aux_logits=A).parameters(), with K = 1000 for
  // 3 bands and K = 19 for 12 bands, where Conv2d_1a_3x3.conv is replaced by
  // Conv2d(12, 32, 3, stride=2, bias=False). 27161264 is torchvision's documented num_params.
  struct Count {
    bool aux_logits;
    std::int64_t rgb_1000;
    std::int64_t ms_19;
  };
  const Count counts[] = {{false, 23834568, 21827091}, {true, 27161264, 24399398}};
  for (const Count& c : counts) {
    SCOPED_TRACE(c.aux_logits ? "with AuxLogits" : "without AuxLogits");
    EXPECT_EQ(parameter_count(*InceptionV3(InceptionV3Options(3, 1000).aux_logits(c.aux_logits))),
              c.rgb_1000);
    EXPECT_EQ(parameter_count(*InceptionV3(InceptionV3Options(12, 19).aux_logits(c.aux_logits))),
              c.ms_19);
  }
}

TEST(InceptionV3, NamesEveryParameterAndBufferAsTorchvision) {
  // torchvision's default inception_v3 has the auxiliary classifier.
  const auto expected = test::torchvision_keys("inception_v3");
  ASSERT_EQ(expected.size(), 580u);
  InceptionV3 with_aux(InceptionV3Options(3, 1000).aux_logits(true));
  EXPECT_EQ(test::state_dict_keys(*with_aux), expected);

  std::vector<std::string> without_aux;
  for (const std::string& key : expected)
    if (key.rfind("AuxLogits.", 0) != 0) without_aux.push_back(key);
  InceptionV3 net(InceptionV3Options(3, 1000));
  EXPECT_EQ(test::state_dict_keys(*net), without_aux);
}

TEST(InceptionV3, ComputesTorchvisionsLogitsAfterTheResize) {
  test::expect_torchvision_logits("inception_v3", nlohmann::json::object(), "inception_v3");
}

TEST(InceptionV3, InitialisesAsTorchvision) {
  torch::manual_seed(2);
  InceptionV3 net(InceptionV3Options(3, 10).aux_logits(true));
  const auto stem = net->child("Conv2d_1a_3x3")->as<BasicConv2d>();
  ASSERT_NE(stem, nullptr);
  EXPECT_FALSE(stem->conv->options.bias());
  EXPECT_DOUBLE_EQ(stem->bn->options.eps(), 0.001);
  EXPECT_TRUE(torch::equal(stem->bn->weight, torch::ones({32})));
  EXPECT_TRUE(torch::equal(stem->bn->bias, torch::zeros({32})));
  const auto mixed = net->child("Mixed_6e")->as<InceptionBlock>();
  ASSERT_NE(mixed, nullptr);
  const at::Tensor weight =
      mixed->named_parameters()["branch7x7dbl_2.conv.weight"];  // 192 x 192 x 7 x 1
  EXPECT_NEAR(weight.std().item<double>(), 0.1, 0.002);
  EXPECT_NEAR(weight.mean().item<double>(), 0.0, 0.002);
  EXPECT_NEAR(net->fc->weight.std().item<double>(), 0.1, 0.002);
  EXPECT_NEAR(net->aux->fc->weight.std().item<double>(), 0.001, 0.0001);
  EXPECT_NEAR(net->aux->conv1->conv->weight.std().item<double>(), 0.1, 0.002);
}

TEST(InceptionV3, GroupsHoldEveryParameterOnceWithTheHeadLast) {
  InceptionV3Model model(InceptionV3Options(12, 19));
  const auto groups = checked_groups(model, "model plugin 'inception_v3'");
  EXPECT_EQ(group_names(groups),
            (std::vector<std::string>{"stem", "mixed_5", "mixed_6", "mixed_7", "head"}));
  EXPECT_EQ(groups[0].parameter_names.front(), "Conv2d_1a_3x3.conv.weight");
  EXPECT_EQ(groups[0].parameter_names.back(), "Conv2d_4a_3x3.bn.bias");
  EXPECT_EQ(groups[1].parameter_names.back(), "Mixed_5d.branch_pool.bn.bias");
  EXPECT_EQ(groups[2].parameter_names.back(), "Mixed_6e.branch_pool.bn.bias");
  EXPECT_EQ(groups.back().parameter_names,
            (std::vector<std::string>{"fc.weight", "fc.bias"}));
}

TEST(InceptionV3, PutsTheAuxiliaryClassifierInMixed6AndItsFcInTheHead) {
  InceptionV3Model model(InceptionV3Options(12, 19).aux_logits(true));
  const auto groups = checked_groups(model, "model plugin 'inception_v3'");
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[2].parameter_names.back(), "AuxLogits.conv1.bn.bias");
  EXPECT_EQ(groups.back().parameter_names,
            (std::vector<std::string>{"fc.weight", "fc.bias", "AuxLogits.fc.weight",
                                      "AuxLogits.fc.bias"}));
}

// What aux_logits is for: a torchvision file with AuxLogits, made for another number of classes,
// loads with both class-sized layers re-initialised and everything else copied.
TEST(InceptionV3, LoadsWeightsWithTheAuxiliaryClassifierForOtherClasses) {
  torch::manual_seed(7);
  InceptionV3 source(InceptionV3Options(3, 1000).aux_logits(true));
  NamedTensors weights;
  for (const auto& p : source->named_parameters()) weights.emplace(p.key(), p.value());
  for (const auto& b : source->named_buffers()) weights.emplace(b.key(), b.value());

  InceptionV3Model model(InceptionV3Options(3, 19).aux_logits(true));
  const auto groups = checked_groups(model, "model plugin 'inception_v3'");
  ASSERT_TRUE(head_differs(tensor_shapes(*model.module()), groups.back(), weights));
  const PretrainedLoad load =
      load_pretrained(*model.module(), groups.back(), weights, /*reinitialise_head=*/true,
                      "torchvision weights");
  EXPECT_TRUE(load.head_reinitialised);
  EXPECT_EQ(load.tensors_loaded, weights.size() - 4) << "all but fc and AuxLogits.fc";
  EXPECT_TRUE(torch::equal(model.net()->aux->conv1->conv->weight, source->aux->conv1->conv->weight));
  EXPECT_EQ(model.net()->aux->fc->weight.size(0), 19);
}

TEST(InceptionV3, ResizesEveryPatchTo299InsideTheModel) {
  torch::manual_seed(3);
  InceptionV3Model model(options_from(params_with(false), context_of(4, 3, 75)));
  model.module()->eval();
  torch::NoGradGuard no_grad;
  const at::Tensor x = torch::randn({1, 4, 75, 90});
  const at::Tensor resized = torch::nn::functional::interpolate(
      x, torch::nn::functional::InterpolateFuncOptions()
             .size(std::vector<std::int64_t>{299, 299})
             .mode(torch::kBilinear)
             .align_corners(false));
  const at::Tensor logits = model.forward({x});
  EXPECT_EQ(logits.sizes(), at::IntArrayRef({1, 3}));
  EXPECT_TRUE(torch::allclose(logits, model.forward({resized}), 0.0, 1e-6));
  EXPECT_THROW(model.forward({torch::randn({1, 4, 74, 299})}), Error);
  EXPECT_THROW(model.forward({torch::randn({1, 3, 80, 80})}), Error) << "the wrong band count";
}

TEST(InceptionV3, RefusesPatchesSmallerThanSeventyFive) {
  EXPECT_EQ(test::error_of([] { options_from(params_with(false), context_of(12, 19, 74)); }),
            "model inception_v3: needs patches of at least 75x75 pixels, the dataset's are "
            "74x74; use larger patches or resample them to at least 75x75");
}

TEST(InceptionV3, RefusesMoreThanOneInputGroup) {
  EXPECT_EQ(test::error_of([] {
              options_from(params_with(false), test::two_group_context_of(4, 19, 120));
            }),
            "model inception_v3: takes one input group, the dataset has 2; resample every band "
            "to one resolution (early fusion)");
}

TEST(InceptionV3, ClonesDeeply) {
  InceptionV3Model model(InceptionV3Options(4, 3).aux_logits(true));
  auto copy = std::dynamic_pointer_cast<InceptionV3Impl>(model.net()->clone());
  ASSERT_TRUE(copy);
  EXPECT_EQ(test::state_dict_keys(*copy), test::state_dict_keys(*model.net()));
  EXPECT_FALSE(copy->fc->weight.is_same(model.net()->fc->weight));
  EXPECT_TRUE(torch::equal(copy->fc->weight, model.net()->fc->weight));
  ASSERT_FALSE(copy->aux.is_empty());
  EXPECT_TRUE(torch::equal(copy->aux->fc->weight, model.net()->aux->fc->weight));
  const auto block = copy->child("Mixed_7c")->as<InceptionBlock>();
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(block->out_channels(), 2048);
}

TEST(InceptionV3, PrintsItsOptions) {
  InceptionV3 net(InceptionV3Options(12, 19).aux_logits(true));
  std::ostringstream out;
  net->pretty_print(out);
  EXPECT_EQ(out.str(), "eorun::inception::InceptionV3(in_channels=12, num_classes=19, aux_logits=true)");
}

const std::filesystem::path kPlugin =
    std::filesystem::path(EORUN_BINARY_DIR) / "plugins" / "inception_v3.so";

TEST(InceptionV3Plugin, DescribesItsMinimumAndTheAuxiliaryClassifier) {
  Catalogue catalogue;
  const auto refused = catalogue.load(kPlugin);
  ASSERT_FALSE(refused) << refused->message;
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "inception_v3");
  EXPECT_NE(plugin.summary.find("75x75"), std::string::npos) << plugin.summary;
  EXPECT_NE(plugin.summary.find("299x299"), std::string::npos) << plugin.summary;
  ASSERT_EQ(plugin.params.size(), 1u);
  EXPECT_STREQ(plugin.params[0].name, "aux_logits");
  EXPECT_EQ(plugin.params[0].type, ParamType::boolean);
  EXPECT_STREQ(plugin.params[0].default_json, "false");
  EXPECT_NE(std::string(plugin.params[0].doc).find("no part in the loss"), std::string::npos);
  std::vector<Error> errors;
  resolve_params("model", {{"aux_logits", "yes"}}, plugin.params, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].subject(), "model.aux_logits");
}

TEST(InceptionV3Plugin, MakesAModelWithWellFormedGroups) {
  Catalogue catalogue;
  ASSERT_FALSE(catalogue.load(kPlugin));
  const LoadedPlugin& plugin = catalogue.require(PluginKind::model, "inception_v3");
  for (const bool aux_logits : {false, true}) {
    SCOPED_TRACE(aux_logits ? "with AuxLogits" : "without AuxLogits");
    std::shared_ptr<Model> model =
        catalogue.make_model(plugin, params_with(aux_logits), context_of(4, 5, 75));
    EXPECT_EQ(checked_groups(*model, "model plugin 'inception_v3'").size(), 5u);
    if (!aux_logits) {
      model->module()->eval();
      torch::NoGradGuard no_grad;
      EXPECT_EQ(model->forward({torch::zeros({1, 4, 75, 75})}).sizes(), at::IntArrayRef({1, 5}));
    }
  }
  EXPECT_THROW(catalogue.make_model(plugin, params_with(false), context_of(4, 5, 64)), Error);
}

}  // namespace
}  // namespace eorun::inception
