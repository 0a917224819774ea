#include "spec/data_manifest.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "eorun/error.hpp"
#include "support/temp_dir.hpp"
#include "util/sha256.hpp"

namespace eorun {
namespace {

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> make_data(const std::filesystem::path& root) {
  write(root / "a/x.tif", "xxxx");
  write(root / "a/y.tif", "yy");
  write(root / "split.csv", "x,y\n");
  return {(root / "split.csv").string(), (root / "a/y.tif").string(), (root / "a/x.tif").string(),
          (root / "a/x.tif").string()};
}

TEST(DataManifest, SortedDeduplicatedRelativeAndHashed) {
  test::TempDir dir;
  FileHashCache cache(dir.path() / "cache");
  DataManifest manifest = build_data_manifest(make_data(dir.path() / "data"), cache, 2);
  EXPECT_EQ(manifest.base, dir.path() / "data");
  ASSERT_EQ(manifest.entries.size(), 3u);
  EXPECT_EQ(manifest.entries[0].path, "a/x.tif");
  EXPECT_EQ(manifest.entries[0].sha256, sha256_hex("xxxx"));
  EXPECT_EQ(manifest.entries[2].path, "split.csv");
  EXPECT_EQ(manifest.byte_count, 4u + 2u + 4u);
  EXPECT_EQ(manifest.sha256, sha256_hex(manifest.to_tsv()));
}

TEST(DataManifest, MovingTheDataKeepsTheHashChangingAByteDoesNot) {
  test::TempDir dir;
  FileHashCache cache(dir.path() / "cache");
  const std::string first = build_data_manifest(make_data(dir.path() / "one"), cache, 1).sha256;
  const std::string moved = build_data_manifest(make_data(dir.path() / "two/deeper"), cache, 1).sha256;
  EXPECT_EQ(first, moved);
  write(dir.path() / "two/deeper/a/y.tif", "yz");
  std::vector<std::string> files = {(dir.path() / "two/deeper/split.csv").string(),
                                    (dir.path() / "two/deeper/a/y.tif").string(),
                                    (dir.path() / "two/deeper/a/x.tif").string()};
  EXPECT_NE(build_data_manifest(files, cache, 1).sha256, first);
}

TEST(FileHashCache, SecondPassHashesNothingAndSeesChanges) {
  test::TempDir dir;
  std::vector<std::string> files = make_data(dir.path() / "data");
  std::vector<std::filesystem::path> paths(files.begin(), files.begin() + 3);
  {
    FileHashCache cache(dir.path() / "cache");
    cache.digest(paths, 2);
    EXPECT_EQ(cache.last_hashed_count(), 3u);
  }
  FileHashCache reopened(dir.path() / "cache");
  std::vector<FileDigest> again = reopened.digest(paths, 2);
  EXPECT_EQ(reopened.last_hashed_count(), 0u) << "the cache persists across processes";
  EXPECT_EQ(again[1].sha256, sha256_hex("yy"));
  write(dir.path() / "data/a/y.tif", "a longer content");
  std::vector<FileDigest> changed = reopened.digest(paths, 2);
  EXPECT_EQ(reopened.last_hashed_count(), 1u);
  EXPECT_EQ(changed[1].sha256, sha256_hex("a longer content"));
}

// A zero-length cache file (left by another tool, or by an older eorun that stopped before it
// created the table) is a cache still to be created, not an error.
TEST(FileHashCache, AZeroLengthCacheFileIsCreatedInPlace) {
  test::TempDir dir;
  write(dir.path() / "cache" / "file-hashes.db", "");
  const std::vector<std::filesystem::path> paths = {make_data(dir.path() / "data").front()};
  FileHashCache cache(dir.path() / "cache");
  cache.digest(paths, 1);
  cache.digest(paths, 1);
  EXPECT_EQ(cache.last_hashed_count(), 0u) << "the second pass came from the cache";
}

TEST(FileHashCache, MissingFileIsNamed) {
  test::TempDir dir;
  FileHashCache cache(dir.path() / "cache");
  try {
    cache.digest({dir.path() / "nope.tif"}, 1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(e.subject().find("nope.tif"), std::string::npos);
  }
}

TEST(DataManifest, ParsesWhatItWrites) {
  test::TempDir dir;
  FileHashCache cache(dir.path() / "cache");
  DataManifest manifest = build_data_manifest(make_data(dir.path() / "data"), cache, 1);
  DataManifest parsed = parse_data_manifest(manifest.to_tsv(), manifest.base);
  EXPECT_EQ(parsed.sha256, manifest.sha256);
  ASSERT_EQ(parsed.entries.size(), manifest.entries.size());
  EXPECT_EQ(parsed.entries[1].path, manifest.entries[1].path);
  EXPECT_EQ(parsed.entries[1].size, manifest.entries[1].size);
}

}  // namespace
}  // namespace eorun
