// The folder of packed caches: built once and then found, rebuilt when damaged, built once by two
// builders at the same time, listed, and never removed while in use.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include <ATen/ATen.h>

#include "cache/packed_store.hpp"
#include "core/data/memory_dataset.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

namespace fs = std::filesystem;
using test::MemoryDataset;

std::shared_ptr<MemoryDataset> digital_numbers(std::size_t count) {
  auto data = MemoryDataset::patterned(count, 3, 8, 4, 1);
  for (Sample& sample : data->samples()) sample.inputs[0] = (sample.inputs[0] * 37.0f).round();
  return data;
}

PackedSource source_named(const std::string& key) {
  PackedSource source;
  source.key = key;
  source.description = {{"plugin", "memory"}, {"split", "val"}};
  return source;
}

TEST(PackedStore, BuildsOnFirstUseAndReadsTheSameFileAfterwards) {
  test::TempDir dir;
  PackedStore store(dir.path());
  auto data = digital_numbers(30);
  const OpenedCache first = store.open_or_build(data, source_named("abc"), 2);
  ASSERT_TRUE(first.build.has_value());
  EXPECT_EQ(first.file, dir.path() / "packed" / "abc.pack");
  EXPECT_EQ(first.rebuilt_because, "");
  const int reads = data->get_calls.load();
  EXPECT_GE(reads, 30);

  const OpenedCache second = store.open_or_build(data, source_named("abc"), 2);
  EXPECT_FALSE(second.build.has_value());
  EXPECT_EQ(data->get_calls.load(), reads) << "a present cache is read, not built again";
  EXPECT_EQ(second.content_sha256, first.content_sha256);
}

TEST(PackedStore, RebuildsADamagedCacheAndSaysWhy) {
  test::TempDir dir;
  PackedStore store(dir.path());
  auto data = digital_numbers(30);
  const OpenedCache first = store.open_or_build(data, source_named("abc"), 1);
  fs::resize_file(first.file, fs::file_size(first.file) / 2);
  const OpenedCache again = store.open_or_build(data, source_named("abc"), 1);
  ASSERT_TRUE(again.build.has_value());
  EXPECT_NE(again.rebuilt_because.find("truncated"), std::string::npos) << again.rebuilt_because;
  EXPECT_EQ(again.content_sha256, first.content_sha256);
  EXPECT_EQ(again.dataset->get(3).id, "s3");
}

TEST(PackedStore, TwoBuildersAtOnceBuildOnce) {
  test::TempDir dir;
  auto data = digital_numbers(40);
  std::atomic<int> built{0};
  auto open = [&] {
    PackedStore store(dir.path());
    if (store.open_or_build(data, source_named("same"), 1).build) ++built;
  };
  std::thread a(open), b(open);
  a.join();
  b.join();
  EXPECT_EQ(built.load(), 1);
  EXPECT_EQ(data->get_calls.load(), 40 + 16) << "each sample read once (plus the first chunk, read again "
                                                 "after the type was widened from uint8)";
}

TEST(PackedStore, ListsCachesAndNeverRemovesOneInUse) {
  test::TempDir dir;
  PackedStore store(dir.path());
  auto data = digital_numbers(10);
  std::optional<OpenedCache> in_use = store.open_or_build(data, source_named("used"), 1);
  store.open_or_build(data, source_named("idle"), 1);
  std::ofstream(dir.path() / "packed" / "broken.pack") << "not a cache";
  const std::vector<CacheEntry> entries = store.list();
  ASSERT_EQ(entries.size(), 3u);
  for (const CacheEntry& entry : entries) {
    if (entry.key == "broken") {
      EXPECT_FALSE(entry.header.has_value());
      EXPECT_NE(entry.problem.find("shorter than a cache's preamble"), std::string::npos) << entry.problem;
      EXPECT_TRUE(store.remove(entry));
    } else {
      ASSERT_TRUE(entry.header.has_value()) << entry.problem;
      EXPECT_EQ((*entry.header)["samples"], 10);
      EXPECT_EQ((*entry.header)["source"]["split"], "val");
      EXPECT_EQ(store.remove(entry), entry.key == "idle") << entry.key;
    }
  }
  EXPECT_TRUE(fs::exists(store.file_of("used")));
  EXPECT_FALSE(fs::exists(store.file_of("idle")));
  in_use.reset();
  for (const CacheEntry& entry : store.list()) EXPECT_TRUE(store.remove(entry));
  EXPECT_TRUE(store.list().empty());
}

}  // namespace
}  // namespace eorun
