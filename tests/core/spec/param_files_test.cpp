// The files a run's path parameters name, hashed into its identity.
#include "spec/param_files.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "spec/run_identity.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

// A spec whose model declares two path parameters and whose other sections declare none.
struct SpecWithPaths {
  LoadedPlugin dataset, model, loss;
  RunSpec spec;

  SpecWithPaths(const std::string& weights, const std::string& classes) {
    dataset.name = "d";
    loss.name = "l";
    model.name = "m";
    model.params = {{"weights", ParamType::path, "\"\"", nullptr, "a weights file"},
                    {"class_list", ParamType::path, "\"\"", nullptr, "a class list"},
                    {"depth", ParamType::integer, "1", nullptr, "not a path"}};
    spec.dataset = &dataset;
    spec.model = &model;
    spec.loss = &loss;
    spec.json = {{"dataset", {{"plugin", "d"}}},
                 {"model", {{"plugin", "m"}, {"weights", weights}, {"class_list", classes},
                            {"depth", 1}}},
                 {"loss", {{"plugin", "l"}}},
                 {"train", {{"threads", 1}}}};
  }
};

TEST(ParamFiles, FilesAreHashedFoldersRecordedEmptyPathsSkipped) {
  test::TempDir dir;
  const auto weights = dir.path() / "w.pt";
  std::ofstream(weights) << "weights";
  FileHashCache cache(dir.path() / "cache");
  std::vector<ParamFile> files = hash_param_files(SpecWithPaths(weights.string(), "").spec, cache, 1);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].key, "model.weights");
  EXPECT_EQ(files[0].kind, ParamFile::Kind::file);
  EXPECT_EQ(files[0].size, 7u);
  EXPECT_EQ(files[0].sha256, sha256_hex("weights"));

  files = hash_param_files(SpecWithPaths(weights.string(), dir.path().string()).spec, cache, 1);
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].key, "model.class_list") << "sorted by key";
  EXPECT_EQ(files[0].kind, ParamFile::Kind::folder);
  EXPECT_TRUE(files[0].sha256.empty());

  files = hash_param_files(SpecWithPaths((dir.path() / "nope").string(), "").spec, cache, 1);
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].kind, ParamFile::Kind::missing);
  EXPECT_EQ(param_files_json(files).at("model.weights").at("kind"), "missing");
}

TEST(ParamFiles, AChangedFileChangesTheRunId) {
  test::TempDir dir;
  const auto weights = dir.path() / "w.pt";
  std::ofstream(weights) << "weights";
  FileHashCache cache(dir.path() / "cache");
  const SpecWithPaths s(weights.string(), "");
  auto run_id = [&] {
    const nlohmann::json files = param_files_json(hash_param_files(s.spec, cache, 1));
    return run_id_of(identity_document(s.spec, "manifest", files, "build", "cpu"));
  };
  const std::string before = run_id();
  EXPECT_EQ(run_id(), before);
  std::ofstream(weights) << "other weights, another size";
  EXPECT_NE(run_id(), before);
}

}  // namespace
}  // namespace eorun
