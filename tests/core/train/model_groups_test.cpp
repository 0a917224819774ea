// The core's check of a model's module groups: every parameter in exactly one group, no buffer in
// two, names valid and unique; what is wrong is named.
#include "train/model_groups.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include <torch/torch.h>

#include "eorun/error.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

struct NetImpl : torch::nn::Module {
  NetImpl()
      : conv(register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3)))),
        bn(register_module("bn", torch::nn::BatchNorm2d(4))),
        head(register_module("head", torch::nn::Linear(4, 2))) {}
  torch::nn::Conv2d conv;
  torch::nn::BatchNorm2d bn;
  torch::nn::Linear head;
};
TORCH_MODULE(Net);

// A model whose groups a test chooses.
class GroupedModel final : public Model {
 public:
  using Grouping = std::function<std::vector<ModuleGroup>(Net&)>;
  explicit GroupedModel(Grouping grouping) : grouping_(std::move(grouping)) {}
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override { return inputs.at(0); }
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  std::vector<ModuleGroup> groups() override { return grouping_(net_); }
  Net net_;

 private:
  Grouping grouping_;
};

std::string problem_of(GroupedModel::Grouping grouping) {
  GroupedModel model(std::move(grouping));
  try {
    checked_groups(model, "model plugin 'test'");
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model plugin 'test'");
    return e.what();
  }
  ADD_FAILURE() << "the groups were accepted";
  return {};
}

TEST(ModelGroups, GroupsThatCoverEveryParameterOncePass) {
  GroupedModel model([](Net& net) -> std::vector<ModuleGroup> {
    return {{"stem", {net->conv.ptr(), net->bn.ptr()}}, {"head", {net->head.ptr()}}};
  });
  const std::vector<CheckedGroup> groups = checked_groups(model, "model plugin 'test'");
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].name, "stem");
  EXPECT_EQ(groups[0].parameter_names,
            (std::vector<std::string>{"conv.weight", "conv.bias", "bn.weight", "bn.bias"}));
  EXPECT_EQ(groups[0].buffer_names,
            (std::vector<std::string>{"bn.running_mean", "bn.running_var", "bn.num_batches_tracked"}));
  EXPECT_EQ(groups[1].parameter_names, (std::vector<std::string>{"head.weight", "head.bias"}));
}

TEST(ModelGroups, AMissingParameterIsNamed) {
  EXPECT_THAT(problem_of([](Net& net) -> std::vector<ModuleGroup> {
                return {{"stem", {net->conv.ptr()}}, {"head", {net->head.ptr()}}};
              }),
              HasSubstr("its groups (stem, head) miss 2 parameters: bn.weight, bn.bias"));
}

TEST(ModelGroups, ADoubledParameterNamesBothGroups) {
  EXPECT_THAT(problem_of([](Net& net) -> std::vector<ModuleGroup> {
                return {{"stem", {net->conv.ptr(), net->bn.ptr()}},
                        {"head", {net->bn.ptr(), net->head.ptr()}}};
              }),
              HasSubstr("its groups hold 5 tensors twice: bn.weight (stem and head), bn.bias (stem "
                        "and head), bn.running_mean (stem and head)"));
}

TEST(ModelGroups, AModuleThatIsNotPartOfTheModelIsRefused) {
  EXPECT_THAT(problem_of([](Net& net) -> std::vector<ModuleGroup> {
                return {{"stem", {net->conv.ptr(), net->bn.ptr()}},
                        {"head", {net->head.ptr(), torch::nn::Linear(2, 2).ptr()}}};
              }),
              HasSubstr("group 'head' holds tensors that are not in module()"));
}

TEST(ModelGroups, NamesMustBeValidAndUnique) {
  EXPECT_THAT(problem_of([](Net& net) -> std::vector<ModuleGroup> {
                return {{"Stem", {net->conv.ptr(), net->bn.ptr()}}, {"head", {net->head.ptr()}}};
              }),
              HasSubstr("has a group named 'Stem'"));
  EXPECT_THAT(problem_of([](Net& net) -> std::vector<ModuleGroup> {
                return {{"head", {net->conv.ptr(), net->bn.ptr()}}, {"head", {net->head.ptr()}}};
              }),
              HasSubstr("has two groups named 'head'"));
  EXPECT_THAT(problem_of([](Net&) -> std::vector<ModuleGroup> { return {}; }),
              HasSubstr("returns no groups"));
  EXPECT_THAT(problem_of([](Net&) -> std::vector<ModuleGroup> { return {{"head", {nullptr}}}; }),
              HasSubstr("group 'head' holds a null module"));
}

}  // namespace
}  // namespace eorun
