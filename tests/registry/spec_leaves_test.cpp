#include <gtest/gtest.h>

#include "registry/spec_leaves.hpp"

namespace eorun {
namespace {

TEST(SpecLeavesTest, FlattensObjectsToDottedKeysAndKeepsListsWhole) {
  const nlohmann::json spec = {
      {"train", {{"lr", 0.001}, {"optimizer", "adam"}, {"schedule", {{"kind", "step"}}}}},
      {"dataset", {{"bands", {"B04", "B03"}}, {"extra", nlohmann::json::object()}}},
      {"seed", 3}};
  const auto leaves = spec_leaves(spec);
  std::vector<std::string> keys;
  for (const auto& [key, value] : leaves) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"dataset.bands", "dataset.extra", "seed", "train.lr",
                                            "train.optimizer", "train.schedule.kind"}));
  EXPECT_EQ(leaf_text(leaves.at("train.lr")), "0.001");
  EXPECT_EQ(leaf_text(leaves.at("train.optimizer")), "adam");
  EXPECT_EQ(leaf_text(leaves.at("dataset.bands")), R"(["B04","B03"])");
  EXPECT_EQ(leaf_text(leaves.at("dataset.extra")), "{}");
  EXPECT_EQ(leaf_text(true), "true");
  EXPECT_EQ(leaf_text(nullptr), "null");
}

}  // namespace
}  // namespace eorun
