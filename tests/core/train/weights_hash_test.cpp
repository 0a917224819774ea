#include "train/weights_hash.hpp"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include "util/sha256.hpp"

namespace eorun {
namespace {

struct NetImpl : torch::nn::Module {
  NetImpl()
      : linear(register_module("linear", torch::nn::Linear(3, 2))),
        norm(register_module("norm", torch::nn::BatchNorm1d(2))) {}
  torch::nn::Linear linear;
  torch::nn::BatchNorm1d norm;
};
TORCH_MODULE(Net);

TEST(WeightsHash, EqualWeightsHashEqual) {
  torch::manual_seed(3);
  Net a;
  torch::manual_seed(3);
  Net b;
  EXPECT_EQ(weights_sha256(*a), weights_sha256(*b));
  EXPECT_EQ(weights_sha256(*a).size(), 64u);
}

TEST(WeightsHash, OneBitOfOneParameterChangesIt) {
  torch::manual_seed(3);
  Net net;
  const std::string before = weights_sha256(*net);
  torch::NoGradGuard no_grad;
  float* w = net->linear->weight.data_ptr<float>();
  w[4] = std::nextafter(w[4], 1.0f);
  EXPECT_NE(weights_sha256(*net), before);
}

TEST(WeightsHash, CoversBuffers) {
  torch::manual_seed(3);
  Net net;
  const std::string before = weights_sha256(*net);
  net->norm->running_mean.add_(1.0);
  EXPECT_NE(weights_sha256(*net), before);
}

TEST(WeightsHash, ChainsFromThePreviousHash) {
  const std::string w = std::string(64, 'a');
  EXPECT_EQ(chain_sha256("", w), sha256_hex(w));
  EXPECT_EQ(chain_sha256("b", w), sha256_hex("b" + w));
  EXPECT_NE(chain_sha256(chain_sha256("", w), w), chain_sha256("", w));
}

}  // namespace
}  // namespace eorun
