// Fine-tuning levels on a model with batch normalisation: frozen groups really frozen (weights,
// running statistics, no optimizer state), proven by the per-group hashes the trainer records;
// the discriminative learning rate; loading pretrained weights by name and shape.
#include <gtest/gtest.h>

#include <torch/torch.h>

#include "eorun/error.hpp"
#include "train/checkpoint.hpp"
#include "train/finetune_level.hpp"
#include "train/group_training.hpp"
#include "train/pretrained_weights.hpp"
#include "train/weights_hash.hpp"
#include "trainer_fixture.hpp"

namespace eorun {
namespace {

using test::kBands;
using test::kClasses;
using test::kSide;

// conv + batch norm (stem), conv + batch norm (body), linear (head). `tamper` makes the stem
// change one of its buffers outside autograd on every forward, in any mode: what a frozen group
// must be caught doing.
struct BnNet : torch::nn::Module {
  BnNet(std::int64_t classes, bool tamper) : tamper(tamper) {
    stem = register_module("stem", torch::nn::Sequential(torch::nn::Conv2d(kBands, 4, 3),
                                                         torch::nn::BatchNorm2d(4)));
    body = register_module("body", torch::nn::Sequential(torch::nn::Conv2d(4, 4, 3),
                                                         torch::nn::BatchNorm2d(4)));
    head = register_module("head", torch::nn::Linear(4, classes));
  }
  at::Tensor forward(const at::Tensor& x) {
    if (tamper) {
      torch::NoGradGuard no_grad;
      stem->named_buffers()["1.running_mean"].add_(1.0);
    }
    at::Tensor y = torch::relu(stem->forward(x));
    y = torch::relu(body->forward(y));
    return head->forward(y.mean({2, 3}));
  }
  bool tamper;
  torch::nn::Sequential stem{nullptr}, body{nullptr};
  torch::nn::Linear head{nullptr};
};

class BnModel : public Model {
 public:
  explicit BnModel(std::int64_t classes, bool tamper = false)
      : net_(std::make_shared<BnNet>(classes, tamper)) {}
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override { return net_->forward(inputs.at(0)); }
  std::shared_ptr<torch::nn::Module> module() override { return net_; }
  std::vector<ModuleGroup> groups() override {
    return {{"stem", {net_->stem.ptr()}}, {"body", {net_->body.ptr()}}, {"head", {net_->head.ptr()}}};
  }

 private:
  std::shared_ptr<BnNet> net_;
};

std::map<std::string, at::Tensor> snapshot(torch::nn::Module& module) {
  std::map<std::string, at::Tensor> copy;
  for (const auto& item : module.named_parameters()) copy.emplace(item.key(), item.value().detach().clone());
  for (const auto& item : module.named_buffers()) copy.emplace(item.key(), item.value().detach().clone());
  return copy;
}

bool same(const at::Tensor& a, const at::Tensor& b) { return a.sizes() == b.sizes() && a.equal(b); }

class FinetuneTest : public test::TrainerTest {
 protected:
  TrainJob bn_job(const std::string& level, bool tamper = false) {
    TrainJob j = job(5, out_.path());
    j.model = std::make_shared<BnModel>(kClasses, tamper);
    j.finetune = parse_finetune_level(level);
    j.settings.optimizer = "sgd";
    j.settings.momentum = 0.9;
    j.settings.weight_decay = 0.1;  // would shrink a frozen weight if it reached the optimizer
    j.settings.lr = 0.05;
    return j;
  }
};

TEST_F(FinetuneTest, HeadTrainsOnlyTheHeadAndFreezesBatchNormStatistics) {
  TrainJob j = bn_job("head");
  const auto before = snapshot(*j.model->module());
  const TrainResult result = train(j);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  const auto after = snapshot(*j.model->module());
  for (const auto& [name, tensor] : before) {
    if (name.rfind("head.", 0) == 0)
      EXPECT_FALSE(same(tensor, after.at(name))) << name << " should have trained";
    else
      EXPECT_TRUE(same(tensor, after.at(name))) << name << " is frozen and must not move";
  }
  ASSERT_EQ(result.groups.size(), 3u);
  EXPECT_EQ(result.groups[0].name, "stem");
  EXPECT_FALSE(result.groups[0].trained);
  EXPECT_FALSE(result.groups[1].trained);
  EXPECT_TRUE(result.groups[2].trained);
  for (int g : {0, 1}) EXPECT_EQ(result.groups[g].start_sha256, result.groups[g].end_sha256);
  EXPECT_NE(result.groups[2].start_sha256, result.groups[2].end_sha256);
  EXPECT_EQ(result.parameters_trainable, 4 * kClasses + kClasses);
  EXPECT_GT(result.parameters_total, result.parameters_trainable);
}

TEST_F(FinetuneTest, AllTrainsEveryGroupAndMovesTheRunningStatistics) {
  // The control for the test above: the same job with every group trained moves the statistics.
  TrainJob j = bn_job("all");
  const auto before = snapshot(*j.model->module());
  const TrainResult result = train(j);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  const auto after = snapshot(*j.model->module());
  EXPECT_FALSE(same(before.at("stem.1.running_mean"), after.at("stem.1.running_mean")));
  EXPECT_FALSE(same(before.at("stem.0.weight"), after.at("stem.0.weight")));
  for (const GroupState& g : result.groups) {
    EXPECT_TRUE(g.trained) << g.name;
    EXPECT_NE(g.start_sha256, g.end_sha256) << g.name;
  }
  EXPECT_EQ(result.parameters_trainable, result.parameters_total);
}

TEST_F(FinetuneTest, LastKTrainsTheHeadAndTheKGroupsBeforeIt) {
  TrainJob j = bn_job("last:1");
  const auto before = snapshot(*j.model->module());
  const TrainResult result = train(j);
  ASSERT_EQ(result.status, RunStatus::completed) << result.reason;
  const auto after = snapshot(*j.model->module());
  EXPECT_TRUE(same(before.at("stem.1.running_var"), after.at("stem.1.running_var")));
  EXPECT_FALSE(same(before.at("body.1.running_var"), after.at("body.1.running_var")));
  EXPECT_FALSE(result.groups[0].trained);
  EXPECT_TRUE(result.groups[1].trained);
  EXPECT_TRUE(result.groups[2].trained);
}

TEST_F(FinetuneTest, AFrozenGroupThatMovesFailsTheRun) {
  const TrainResult result = train(bn_job("head", /*tamper=*/true));
  EXPECT_EQ(result.status, RunStatus::failed);
  EXPECT_NE(result.reason.find("frozen group(s) stem changed during training"), std::string::npos)
      << result.reason;
  ASSERT_EQ(result.groups.size(), 3u);
  EXPECT_NE(result.groups[0].start_sha256, result.groups[0].end_sha256);
}

TEST(GroupTraining, TheBackboneScaleAppliesToEveryTrainedGroupButTheHead) {
  BnModel model(kClasses);
  const std::vector<CheckedGroup> groups = checked_groups(model, "model");
  GroupTraining training(model.module(), groups, {false, true, true});
  const std::vector<TrainableGroup> trainable = training.trainable(0.1);
  ASSERT_EQ(trainable.size(), 2u) << "the frozen stem is not given to the optimizer";
  EXPECT_DOUBLE_EQ(trainable[0].lr_scale, 0.1);
  EXPECT_EQ(trainable[0].parameters.size(), 4u);  // body conv weight, bias; bn weight, bias
  EXPECT_DOUBLE_EQ(trainable[1].lr_scale, 1.0);
  EXPECT_EQ(trainable[1].parameters.size(), 2u);
  for (const auto& item : model.module()->named_parameters())
    EXPECT_EQ(item.value().requires_grad(), item.key().rfind("stem.", 0) != 0) << item.key();
  training.enter_train_mode();
  EXPECT_FALSE(groups[0].modules[0]->is_training());
  EXPECT_TRUE(groups[1].modules[0]->is_training());
}

TEST(FinetuneLevel, ParsesEveryLevelAndRefusesTheRest) {
  EXPECT_EQ(parse_finetune_level("scratch").text(), "scratch");
  EXPECT_EQ(parse_finetune_level("head").text(), "head");
  EXPECT_EQ(parse_finetune_level("all").text(), "all");
  EXPECT_EQ(parse_finetune_level("last:3").last_groups, 3u);
  for (const char* bad : {"", "last", "last:", "last:0", "last:-1", "last:1x", "Head", "frozen"})
    EXPECT_THROW(parse_finetune_level(bad), Error) << bad;
  EXPECT_EQ(default_finetune_level(false), "scratch");
  EXPECT_EQ(default_finetune_level(true), "all");
  EXPECT_THROW(check_finetune_level(parse_finetune_level("head"), false), Error);
  EXPECT_THROW(check_finetune_level(parse_finetune_level("scratch"), true), Error);
  EXPECT_NO_THROW(check_finetune_level(parse_finetune_level("last:1"), true));
}

TEST(FinetuneLevel, SaysWhichGroupsTrain) {
  const std::vector<std::string> names = {"stem", "b1", "b2", "head"};
  using Flags = std::vector<bool>;
  EXPECT_EQ(trained_groups(parse_finetune_level("scratch"), names, "m"), Flags({true, true, true, true}));
  EXPECT_EQ(trained_groups(parse_finetune_level("all"), names, "m"), Flags({true, true, true, true}));
  EXPECT_EQ(trained_groups(parse_finetune_level("head"), names, "m"), Flags({false, false, false, true}));
  EXPECT_EQ(trained_groups(parse_finetune_level("last:2"), names, "m"), Flags({false, true, true, true}));
  EXPECT_EQ(trained_groups(parse_finetune_level("last:3"), names, "m"), Flags({true, true, true, true}));
  try {
    trained_groups(parse_finetune_level("last:4"), names, "model plugin 'x'");
    FAIL() << "K larger than the groups before the head";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("has 3 (stem, b1, b2)"), std::string::npos) << e.what();
  }
}

TEST_F(FinetuneTest, CheckpointTensorsAreReadByFullNameAndLoadIntoAFreshModel) {
  BnModel trained(kClasses);
  torch::manual_seed(3);
  BnModel fresh(kClasses);
  {
    torch::NoGradGuard no_grad;
    for (auto& p : trained.module()->parameters()) p.add_(0.5);
    trained.module()->named_buffers()["stem.1.running_var"].fill_(2.0);
  }
  const auto path = out_.path() / "best.pt";
  save_checkpoint(*trained.module(), path);
  const NamedTensors weights = read_checkpoint_tensors(path);
  EXPECT_EQ(weights.size(), snapshot(*trained.module()).size());
  ASSERT_EQ(weights.count("stem.1.running_var"), 1u);

  const std::vector<CheckedGroup> groups = checked_groups(fresh, "model");
  const PretrainedLoad load = load_pretrained(*fresh.module(), groups.back(), weights, false, "source");
  EXPECT_FALSE(load.head_reinitialised);
  EXPECT_EQ(load.tensors_loaded, weights.size());
  EXPECT_EQ(weights_sha256(*fresh.module()), weights_sha256(*trained.module()));
}

TEST_F(FinetuneTest, AnotherClassCountReinitialisesOnlyTheHead) {
  BnModel parent(kClasses);
  const auto path = out_.path() / "best.pt";
  save_checkpoint(*parent.module(), path);
  const NamedTensors weights = read_checkpoint_tensors(path);
  BnModel child(kClasses + 3);
  const auto head_before = child.module()->named_parameters()["head.weight"].clone();
  const std::vector<CheckedGroup> groups = checked_groups(child, "model");
  EXPECT_THROW(load_pretrained(*child.module(), groups.back(), weights, false, "source"), Error)
      << "the head does not fit unless it is re-initialised";
  const PretrainedLoad load = load_pretrained(*child.module(), groups.back(), weights, true, "source");
  EXPECT_TRUE(load.head_reinitialised);
  EXPECT_TRUE(child.module()->named_parameters()["head.weight"].equal(head_before));
  EXPECT_TRUE(child.module()->named_parameters()["stem.0.weight"].equal(
      parent.module()->named_parameters()["stem.0.weight"]));
}

TEST(PretrainedWeights, EveryMismatchOutsideTheHeadIsNamed) {
  BnModel model(kClasses);
  const std::vector<CheckedGroup> groups = checked_groups(model, "model");
  NamedTensors weights;
  for (const auto& item : model.module()->named_parameters()) weights.emplace(item.key(), item.value().clone());
  for (const auto& item : model.module()->named_buffers()) weights.emplace(item.key(), item.value().clone());
  auto message = [&](const NamedTensors& w) {
    try {
      load_pretrained(*model.module(), groups.back(), w, true, "run abc's checkpoint");
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  NamedTensors missing = weights;
  missing.erase("body.0.bias");
  EXPECT_NE(message(missing).find("lacks 1 tensor(s) the model has: body.0.bias"), std::string::npos)
      << message(missing);
  NamedTensors shaped = weights;
  shaped["stem.0.weight"] = at::zeros({4, kBands, 5, 5});
  EXPECT_NE(message(shaped).find("stem.0.weight is [4, 3, 5, 5], the model needs [4, 3, 3, 3]"),
            std::string::npos)
      << message(shaped);
  NamedTensors extra = weights;
  extra["neck.weight"] = at::zeros({2});
  EXPECT_NE(message(extra).find("has 1 tensor(s) the model lacks: neck.weight"), std::string::npos)
      << message(extra);
}

}  // namespace
}  // namespace eorun
