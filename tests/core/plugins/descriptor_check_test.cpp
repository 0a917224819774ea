// Checks of a descriptor's own fields, without loading a library.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugins/descriptor_check.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;

Model* no_model(const Params&, const ModelContext&) { return nullptr; }

PluginDescriptor valid() {
  PluginDescriptor d =
      make_descriptor(PluginKind::model, "ok", "1.0.0", "summary", nullptr, 0);
  d.create_model = &no_model;
  return d;
}

TEST(TorchMajorMinor, CutsAfterTheSecondDot) {
  EXPECT_EQ(torch_major_minor("1.13.1"), "1.13");
  EXPECT_EQ(torch_major_minor("2.1.0+cu121"), "2.1");
  EXPECT_EQ(torch_major_minor("2.1"), "2.1");
  EXPECT_EQ(torch_major_minor("2"), "2");
}

TEST(DescriptorCheck, ValidDescriptorPasses) {
  EXPECT_FALSE(check_descriptor(valid()));
  EXPECT_FALSE(check_factory(valid()));
}

TEST(DescriptorCheck, OnlyMajorMinorOfLibTorchMustMatch) {
  const std::string ours = TORCH_VERSION;
  const std::string patched = std::string(torch_major_minor(ours)) + ".99";
  PluginDescriptor d = valid();
  d.torch_version = patched.c_str();
  EXPECT_FALSE(check_descriptor(d));
  d.torch_version = nullptr;
  ASSERT_TRUE(check_descriptor(d));
  EXPECT_THAT(check_descriptor(d)->problem, HasSubstr("declares no LibTorch version"));
}

TEST(DescriptorCheck, MissingNameOrVersion) {
  PluginDescriptor d = valid();
  d.name = nullptr;
  ASSERT_TRUE(check_descriptor(d));
  EXPECT_EQ(check_descriptor(d)->problem, "declares no name");
  d = valid();
  d.version = "";
  ASSERT_TRUE(check_descriptor(d));
  EXPECT_EQ(check_descriptor(d)->problem, "declares no version");
}

TEST(DescriptorCheck, FactoryOfTheDeclaredKind) {
  PluginDescriptor d = valid();
  d.kind = PluginKind::loss;
  ASSERT_TRUE(check_factory(d));
  EXPECT_EQ(check_factory(d)->problem, "declares kind loss but its create_loss factory is null");
  d.kind = PluginKind::dataset;
  EXPECT_EQ(check_factory(d)->remedy, "set create_dataset in the descriptor");
}

}  // namespace
}  // namespace eorun
