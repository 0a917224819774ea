#include "fusion_model.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "plugins/models/model_test_support.hpp"
#include "plugins/models/torchvision_weights.hpp"
#include "resnet_model.hpp"
#include "train/model_groups.hpp"

namespace eorun::resnet_fusion {
namespace {

using test::error_of;

constexpr std::int64_t kClasses = 19;

// The three native groups of BigEarthNet's 12 bands for a 10 m side of `side` (a multiple of 6).
ModelContext native_context(std::int64_t side, std::int64_t classes = kClasses) {
  ModelContext context;
  context.num_classes = classes;
  context.inputs = {{"s2_10m", {"B02", "B03", "B04", "B08"}, 10.0, {4, side, side}},
                    {"s2_20m", {"B05", "B06", "B07", "B8A", "B11", "B12"}, 20.0, {6, side / 2, side / 2}},
                    {"s2_60m", {"B01", "B09"}, 60.0, {2, side / 6, side / 6}}};
  return context;
}

std::vector<at::Tensor> native_batch(std::int64_t n, std::int64_t side) {
  return {torch::randn({n, 4, side, side}), torch::randn({n, 6, side / 2, side / 2}),
          torch::randn({n, 2, side / 6, side / 6})};
}

Params params_with(const std::string& mode, std::int64_t depth = 18) {
  Params params("resnet_fusion");
  params.set("mode", mode);
  params.set("depth", depth);
  return params;
}

FusionModel make(const std::string& mode, std::int64_t depth, std::int64_t side) {
  return FusionModel(options_from(params_with(mode, depth), native_context(side)));
}

TEST(ResNetFusion, GivesOneLogitPerClassForTheNativeBigEarthNetSizes) {
  torch::manual_seed(1);
  for (const char* mode : {"intermediate", "late"}) {
    FusionModel model = make(mode, 18, 120);
    model.module()->train();
    EXPECT_EQ(model.forward(native_batch(2, 120)).sizes(), at::IntArrayRef({2, kClasses})) << mode;
    model.module()->eval();
    torch::NoGradGuard no_grad;
    EXPECT_EQ(model.forward(native_batch(2, 120)).sizes(), at::IntArrayRef({2, kClasses})) << mode;
  }
}

TEST(ResNetFusion, GivesOneLogitPerClassAtOtherDepthsAndSmallerPatches) {
  for (const auto& [mode, depth] : std::vector<std::pair<std::string, std::int64_t>>{
           {"intermediate", 50}, {"late", 34}}) {
    FusionModel model = make(mode, depth, 60);
    EXPECT_EQ(model.forward(native_batch(2, 60)).sizes(), at::IntArrayRef({2, kClasses}))
        << mode << " " << depth;
  }
}

TEST(ResNetFusion, FindsTheGroupsByResolutionInAnyOrder) {
  ModelContext context = native_context(60);
  std::swap(context.inputs[0], context.inputs[2]);  // 60 m, 20 m, 10 m
  FusionModel model(options_from(params_with("late"), context));
  std::vector<at::Tensor> batch = native_batch(2, 60);
  std::swap(batch[0], batch[2]);
  EXPECT_EQ(model.forward(batch).sizes(), at::IntArrayRef({2, kClasses}));
  EXPECT_THROW(model.forward(native_batch(2, 60)), Error) << "tensors in another order";
}

// Every tensor of a torchvision-layout ResNet for the 10 m bands, except the classifier, has the
// same name and shape in both fusion networks: torchvision weights load into the 10 m path.
TEST(ResNetFusion, TheTenMetrePathHasTorchvisionsNamesAndShapes) {
  for (std::int64_t depth : {18, 50}) {
    resnet::ResNet reference(resnet::ResNetOptions(depth, 4, kClasses));
    std::vector<std::string> torchvision = test::torchvision_keys("resnet" + std::to_string(depth));
    ASSERT_FALSE(torchvision.empty());
    for (const char* mode : {"intermediate", "late"}) {
      FusionModel model = make(mode, depth, 120);
      const auto fused = model.module()->named_parameters();
      const auto fused_buffers = model.module()->named_buffers();
      std::size_t matched = 0;
      for (const std::string& key : torchvision) {
        if (key.rfind("fc.", 0) == 0) continue;
        const at::Tensor* mine = fused.find(key);
        if (mine == nullptr) mine = fused_buffers.find(key);
        ASSERT_NE(mine, nullptr) << mode << " lacks " << key;
        const at::Tensor* theirs = reference->named_parameters().find(key);
        if (theirs == nullptr) theirs = reference->named_buffers().find(key);
        ASSERT_NE(theirs, nullptr) << key;
        EXPECT_EQ(mine->sizes(), theirs->sizes()) << mode << " " << key;
        ++matched;
      }
      EXPECT_EQ(matched + 2, torchvision.size()) << "all but fc.weight and fc.bias";
    }
  }
}

TEST(ResNetFusion, IntermediateGroupsPutEachJoinWithTheStageItFeeds) {
  FusionModel model = make("intermediate", 18, 120);
  const std::vector<CheckedGroup> groups = checked_groups(model, "model resnet_fusion");
  const test::GroupSummary summary = test::summary_of(groups);
  EXPECT_EQ(summary.names,
            (std::vector<std::string>{"stem", "layer1", "layer2", "layer3", "layer4", "head"}));
  EXPECT_EQ(summary.parameters, model.module()->parameters().size());
  EXPECT_EQ(groups[0].parameter_names,
            (std::vector<std::string>{"conv1.weight", "bn1.weight", "bn1.bias"}));
  EXPECT_EQ(groups[1].parameter_names.front(), "join_20m.entry_conv.weight");
  EXPECT_EQ(groups[2].parameter_names.front(), "join_60m.entry_conv.weight");
  EXPECT_EQ(groups.back().parameter_names, (std::vector<std::string>{"fc.weight", "fc.bias"}));
  // The joins: 20 m bands to 64 features, merged with the stem's 64; 60 m bands merged with
  // layer1's 64.
  EXPECT_EQ(model.net()->join_20m->entry_conv->weight.sizes(), at::IntArrayRef({64, 6, 3, 3}));
  EXPECT_EQ(model.net()->join_20m->merge_conv->weight.sizes(), at::IntArrayRef({64, 128, 1, 1}));
  EXPECT_EQ(model.net()->join_60m->entry_conv->weight.sizes(), at::IntArrayRef({64, 2, 3, 3}));
  EXPECT_EQ(model.net()->fc->weight.sizes(), at::IntArrayRef({kClasses, 512}));
}

TEST(ResNetFusion, LateGroupsHoldEachStageOfEveryBranch) {
  FusionModel model = make("late", 50, 60);
  const std::vector<CheckedGroup> groups = checked_groups(model, "model resnet_fusion");
  EXPECT_EQ(test::summary_of(groups).parameters, model.module()->parameters().size());
  ASSERT_EQ(groups.size(), 6u);
  EXPECT_EQ(groups[0].name, "stem");
  EXPECT_EQ(groups[0].parameter_names,
            (std::vector<std::string>{"conv1.weight", "bn1.weight", "bn1.bias",
                                      "branch_20m.conv1.weight", "branch_20m.bn1.weight",
                                      "branch_20m.bn1.bias", "branch_60m.conv1.weight",
                                      "branch_60m.bn1.weight", "branch_60m.bn1.bias"}));
  for (std::size_t k = 1; k <= 4; ++k) {
    const std::string layer = "layer" + std::to_string(k);
    EXPECT_EQ(groups[k].name, layer);
    std::map<std::string, std::size_t> per_path;  // prefix before layerK -> parameters
    for (const std::string& name : groups[k].parameter_names)
      ++per_path[name.substr(0, name.find(layer + "."))];
    EXPECT_EQ(per_path.size(), 3u) << layer << ": the 10 m path and both branches";
    EXPECT_EQ(per_path[""], per_path["branch_20m."]) << layer;
    EXPECT_EQ(per_path[""], per_path["branch_60m."]) << layer;
  }
  EXPECT_EQ(groups.back().name, "head");
  EXPECT_EQ(model.net()->fc->weight.sizes(), at::IntArrayRef({kClasses, 3 * 2048}));
  EXPECT_EQ((*model.net()->branch_20m->conv1->options.stride())[0], 1);
  EXPECT_EQ((*model.net()->branch_60m->conv1->options.stride())[0], 1);
  EXPECT_EQ((*model.net()->conv1->options.stride())[0], 2);
  EXPECT_TRUE(model.net()->branch_20m->options.stem_pool());
  EXPECT_FALSE(model.net()->branch_60m->options.stem_pool());
}

TEST(ResNetFusion, ASingleResampledStackIsRefusedWithTheSettingThatGivesTheGroups) {
  ModelContext stack;
  stack.num_classes = kClasses;
  stack.inputs = {{"s2", std::vector<std::string>(12, "b"), 10.0, {12, 120, 120}}};
  EXPECT_EQ(error_of([&] { options_from(params_with("intermediate"), stack); }),
            "model resnet_fusion: needs three input groups, one each at 10 m, 20 m and 60 m "
            "(Sentinel-2 bands at their native sizes); the dataset gives 1 input group: s2 (10 m, "
            "[12, 120, 120]); set dataset.resample = \"none\" and select bands of all three "
            "resolutions (bigearthnet: dataset.bands = \"ms\"), or use the resnet model for one "
            "resampled stack");
  ModelContext two = native_context(120);
  two.inputs.pop_back();
  EXPECT_NE(error_of([&] { options_from(params_with("late"), two); })
                .find("the dataset gives 2 input groups: s2_10m (10 m, [4, 120, 120]), s2_20m "
                      "(20 m, [6, 60, 60])"),
            std::string::npos);
  ModelContext doubled = native_context(120);
  doubled.inputs[2].resolution_m = 20.0;
  EXPECT_NE(error_of([&] { options_from(params_with("late"), doubled); }).find("needs three input groups"),
            std::string::npos);
}

TEST(ResNetFusion, GroupsOfAnotherGroundAreRefused) {
  ModelContext context = native_context(120);
  context.inputs[1].shape = {6, 120, 120};  // 20 m bands resampled to the 10 m grid
  const std::string message = error_of([&] { options_from(params_with("intermediate"), context); });
  EXPECT_NE(message.find("must be in the ratio 6:3:1"), std::string::npos) << message;
  EXPECT_NE(message.find("dataset.resample = \"none\""), std::string::npos) << message;
}

TEST(ResNetFusion, PatchesBelowTheModesMinimumAreRefused) {
  EXPECT_NO_THROW(options_from(params_with("intermediate"), native_context(kMinimumSideIntermediate)));
  EXPECT_EQ(error_of([] { options_from(params_with("intermediate"), native_context(30)); }),
            "model resnet_fusion: the 10 m patches are 30x30, smaller than intermediate fusion's "
            "minimum of 36 pixels along one side (a trunk's layer4 would see 1x1 maps, on which "
            "batch norm cannot train a batch of one sample); use larger patches (BigEarthNet's "
            "120/60/20 pixels work)");
  EXPECT_NO_THROW(options_from(params_with("late"), native_context(kMinimumSideLate)));
  EXPECT_NE(error_of([] { options_from(params_with("late"), native_context(48)); })
                .find("late fusion's minimum of 54 pixels"),
            std::string::npos);
}

TEST(ResNetFusion, TrainsOneSampleFromItsMinimumSide) {
  // The minimums are real: one sample below them leaves some trunk a 1x1 map at layer4.
  for (const auto& [mode, minimum] : std::vector<std::pair<std::string, std::int64_t>>{
           {"intermediate", kMinimumSideIntermediate}, {"late", kMinimumSideLate}}) {
    FusionModel model = make(mode, 18, minimum);
    model.module()->train();
    EXPECT_NO_THROW(model.forward(native_batch(1, minimum))) << mode;
    EXPECT_ANY_THROW(model.forward(native_batch(1, minimum - 6))) << mode;
  }
}

TEST(ResNetFusion, WrongTensorsAreRefusedWithTheExpectedShapes) {
  FusionModel model = make("late", 18, 60);
  EXPECT_EQ(error_of([&] { model.forward({torch::randn({2, 12, 60, 60})}); }),
            "model resnet_fusion: takes 3 input tensors (10 m, 20 m and 60 m bands), got 1; set "
            "dataset.resample = \"none\" and select bands of all three resolutions (bigearthnet: "
            "dataset.bands = \"ms\"), or use the resnet model for one resampled stack");
  std::vector<at::Tensor> batch = native_batch(2, 60);
  batch[1] = torch::randn({2, 6, 60, 60});
  EXPECT_EQ(error_of([&] { model.forward(batch); }),
            "model resnet_fusion: expects 10 m [N, 4, H, W], 20 m [N, 6, H/2, W/2] and 60 m [N, 2, "
            "H/6, W/6], got [2, 4, 60, 60], [2, 6, 60, 60] and [2, 2, 10, 10]; give it batches of "
            "the dataset it was made for");
  batch = native_batch(2, 60);
  batch[2] = torch::randn({2, 3, 10, 10});
  EXPECT_THROW(model.forward(batch), Error);
}

TEST(ResNetFusion, RefusesUnknownModesAndDepths) {
  EXPECT_NE(error_of([] { options_from(params_with("early"), native_context(120)); })
                .find("model.mode: unknown fusion mode 'early'"),
            std::string::npos);
  EXPECT_NE(error_of([] { options_from(params_with("late", 101), native_context(120)); })
                .find("model.depth: must be 18, 34 or 50, got 101"),
            std::string::npos);
}

TEST(ResNetFusion, JoinResizesTheGroupToTheTrunksMap) {
  Join join(JoinOptions(2, 64));
  EXPECT_EQ(join->forward(torch::randn({2, 64, 30, 30}), torch::randn({2, 2, 20, 20})).sizes(),
            at::IntArrayRef({2, 64, 30, 30}));
  EXPECT_EQ(join->forward(torch::randn({2, 64, 60, 60}), torch::randn({2, 2, 60, 60})).sizes(),
            at::IntArrayRef({2, 64, 60, 60}));
}

TEST(ResNetFusion, PrintsItsOptionsAndClonesDeeply) {
  FusionModel model = make("intermediate", 18, 60);
  std::ostringstream out;
  model.module()->pretty_print(out);
  EXPECT_EQ(out.str(),
            "eorun::resnet_fusion::FusionNet(mode=intermediate, depth=18, bands=[4, 6, 2], "
            "num_classes=19)");
  auto copy = std::dynamic_pointer_cast<FusionNetImpl>(model.net()->clone());
  ASSERT_TRUE(copy);
  const auto original = model.module()->named_parameters();
  const auto cloned = copy->named_parameters();
  ASSERT_EQ(cloned.size(), original.size());
  for (const auto& item : original) {
    EXPECT_FALSE(cloned[item.key()].is_same(item.value())) << item.key();
    EXPECT_TRUE(torch::equal(cloned[item.key()], item.value())) << item.key();
  }
}

}  // namespace
}  // namespace eorun::resnet_fusion
