// The packed cache file: samples come back bit for bit in the narrowest exact type, batches from
// the cache equal batches through the plugin, and every kind of damage is detected, never read.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <cstring>
#include <fstream>

#include <ATen/ATen.h>

#include "cache/packed_dataset.hpp"
#include "cache/packed_layout.hpp"
#include "cache/packed_writer.hpp"
#include "data/band_stats.hpp"
#include "data/batch_loader.hpp"
#include "core/data/memory_dataset.hpp"
#include "support/file_damage.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

namespace fs = std::filesystem;
using test::MemoryDataset;
using test::flip_byte;

PackedSource source_named(const std::string& key) {
  PackedSource source;
  source.key = key;
  source.description = {{"plugin", "memory"}, {"split", "train"}};
  source.manifest_tsv = "";
  return source;
}

std::shared_ptr<PackedDataset> pack(const std::shared_ptr<MemoryDataset>& data, const fs::path& file,
                                    int threads = 2) {
  write_packed_file(*data, source_named("k"), file, threads);
  return std::make_shared<PackedDataset>(data, PackedFile::open(file));
}

bool same_bits(const at::Tensor& a, const at::Tensor& b) {
  return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() &&
         std::memcmp(a.contiguous().data_ptr(), b.contiguous().data_ptr(), a.nbytes()) == 0;
}

void expect_same_samples(const Dataset& expected, const Dataset& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Sample a = expected.get(i), b = actual.get(i);
    ASSERT_EQ(a.inputs.size(), b.inputs.size());
    for (std::size_t g = 0; g < a.inputs.size(); ++g) EXPECT_TRUE(same_bits(a.inputs[g], b.inputs[g])) << i;
    const at::Tensor target = a.target.is_floating_point() ? a.target.to(at::kFloat) : a.target;
    EXPECT_TRUE(same_bits(target, b.target)) << i;
    EXPECT_TRUE(same_bits(target, actual.target(i))) << i;
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.id, actual.sample_id(i));
  }
}

// Sentinel-2-like digital numbers: integers in 0..10000.
std::shared_ptr<MemoryDataset> digital_numbers(std::size_t count, std::uint64_t seed) {
  auto data = MemoryDataset::patterned(count, 3, 8, 4, seed);
  for (Sample& sample : data->samples()) sample.inputs[0] = (sample.inputs[0] * 37.0f).round();
  return data;
}

TEST(PackedFile, KeepsIntegerBandsInTwoBytesAndReturnsEverySampleBitForBit) {
  test::TempDir dir;
  auto data = digital_numbers(50, 1);
  auto cached = pack(data, dir.path() / "a.pack");
  EXPECT_EQ(cached->file().groups()[0].type, packed::StoredType::uint16);
  expect_same_samples(*data, *cached);
}

TEST(PackedFile, KeepsFractionalValuesAsFloat32AndEachGroupInItsOwnType) {
  test::TempDir dir;
  auto data = MemoryDataset::two_resolutions(20, 2, 8, 3, 2);  // noise: fractions everywhere
  for (Sample& sample : data->samples()) sample.inputs[1] = sample.inputs[1].round().clamp(0, 200);
  auto cached = pack(data, dir.path() / "a.pack");
  EXPECT_EQ(cached->file().groups()[0].type, packed::StoredType::float32);
  EXPECT_EQ(cached->file().groups()[1].type, packed::StoredType::uint8);
  expect_same_samples(*data, *cached);
}

TEST(PackedFile, WidensTheTypeWhenALaterSampleNeedsItAndStaysExact) {
  test::TempDir dir;
  auto data = MemoryDataset::patterned(300, 2, 4, 3, 3);
  for (Sample& sample : data->samples()) sample.inputs[0] = sample.inputs[0].round().clamp(0, 255);
  data->samples()[250].inputs[0][0][0][0] = -5.0f;  // past the first chunks: uint8 -> int16
  auto cached = pack(data, dir.path() / "a.pack");
  EXPECT_EQ(cached->file().groups()[0].type, packed::StoredType::int16);
  expect_same_samples(*data, *cached);

  data->samples()[299].inputs[0][1][0][0] = -0.0f;  // -0.0 is not an integer's bits
  auto again = pack(data, dir.path() / "b.pack");
  EXPECT_EQ(again->file().groups()[0].type, packed::StoredType::float32);
  expect_same_samples(*data, *again);
}

TEST(PackedFile, KeepsSingleLabelTargetsAsIntegers) {
  test::TempDir dir;
  auto data = MemoryDataset::one_class(30, 3, 8, 5, 4);
  auto cached = pack(data, dir.path() / "a.pack");
  EXPECT_EQ(cached->target_type(), at::kLong);
  expect_same_samples(*data, *cached);
}

TEST(PackedFile, TheFileDoesNotDependOnTheThreadCount) {
  test::TempDir dir;
  auto data = digital_numbers(70, 5);
  const PackedBuildResult one = write_packed_file(*data, source_named("k"), dir.path() / "1.pack", 1);
  const PackedBuildResult three = write_packed_file(*data, source_named("k"), dir.path() / "3.pack", 3);
  EXPECT_EQ(one.content_sha256, three.content_sha256);
  EXPECT_EQ(one.bytes, three.bytes);
}

// Every batch of an epoch: inputs, targets and ids.
std::vector<Batch> epoch(const std::shared_ptr<const Dataset>& data, int threads, bool augment) {
  BandStats stats = compute_band_stats(*data, 2);
  BatchLoaderOptions options;
  options.batch_size = 7;
  options.shuffle = true;
  options.seed = 11;
  options.epoch = 2;
  options.threads = threads;
  if (augment) options.augment = AugmentationSet{true, true, true};
  BatchLoader loader(data, stats, options);
  std::vector<Batch> batches;
  while (auto batch = loader.next()) batches.push_back(std::move(*batch));
  return batches;
}

TEST(PackedDataset, GivesTheBatchLoaderBitIdenticalBatchesForAnyThreadCount) {
  test::TempDir dir;
  for (const bool single_label : {false, true}) {
    auto data = single_label ? MemoryDataset::one_class(40, 3, 8, 4, 6) : digital_numbers(40, 6);
    auto cached = pack(data, dir.path() / (single_label ? "s.pack" : "m.pack"));
    for (const bool augment : {false, true}) {
      const std::vector<Batch> plugin = epoch(data, 1, augment);
      const std::vector<Batch> from_cache = epoch(cached, 3, augment);
      ASSERT_EQ(plugin.size(), from_cache.size());
      for (std::size_t b = 0; b < plugin.size(); ++b) {
        EXPECT_TRUE(same_bits(plugin[b].inputs[0], from_cache[b].inputs[0])) << "batch " << b;
        EXPECT_TRUE(same_bits(plugin[b].target, from_cache[b].target)) << "batch " << b;
        EXPECT_EQ(plugin[b].ids, from_cache[b].ids);
      }
    }
  }
}

// --- damage ---------------------------------------------------------------------------------

std::string damage_of(const fs::path& file) {
  try {
    PackedFile::open(file);
  } catch (const PackedFileDamaged& e) {
    return e.what();
  }
  return "";
}

class DamagedPackedFile : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = digital_numbers(20, 7);
    write_packed_file(*data_, source_named("k"), file_, 1);
  }
  std::uint64_t header_offset() const {
    packed::Preamble preamble{};
    std::ifstream(file_, std::ios::binary).read(reinterpret_cast<char*>(&preamble), sizeof preamble);
    return preamble.header_offset;
  }
  test::TempDir dir_;
  fs::path file_ = dir_.path() / "a.pack";
  std::shared_ptr<MemoryDataset> data_;
};

TEST_F(DamagedPackedFile, ATruncatedFileIsRefusedOnOpen) {
  fs::resize_file(file_, fs::file_size(file_) - 100);
  EXPECT_NE(damage_of(file_).find("(truncated)"), std::string::npos) << damage_of(file_);
  fs::resize_file(file_, 1000);
  EXPECT_NE(damage_of(file_).find("shorter than a cache's preamble"), std::string::npos) << damage_of(file_);
}

TEST_F(DamagedPackedFile, AFlippedByteInTheHeaderOrASmallBlockIsRefusedOnOpen) {
  flip_byte(file_, header_offset() + 5);
  EXPECT_NE(damage_of(file_).find("header fails its checksum"), std::string::npos) << damage_of(file_);
  flip_byte(file_, header_offset() + 5);
  EXPECT_EQ(damage_of(file_), "");
  const nlohmann::json header = PackedFile::open(file_)->header();
  flip_byte(file_, header["blocks"]["id_text"]["offset"].get<std::uint64_t>() + 1);
  EXPECT_NE(damage_of(file_).find("id_text block fails its checksum"), std::string::npos) << damage_of(file_);
}

TEST_F(DamagedPackedFile, AFlippedByteInASampleFailsThatSampleAndRemovesTheFile) {
  const std::uint64_t record_bytes = PackedFile::open(file_)->header()["record_bytes"].get<std::uint64_t>();
  flip_byte(file_, packed::kPreambleBytes + 13 * record_bytes + 40);
  std::shared_ptr<const PackedFile> file = PackedFile::open(file_);  // the header is intact
  EXPECT_EQ(file->damaged_records(2), std::vector<std::size_t>{13});
  PackedDataset cached(data_, file);
  EXPECT_NO_THROW(cached.get(12));
  try {
    cached.get(13);
    FAIL() << "a damaged sample was read";
  } catch (const PackedFileDamaged& e) {
    EXPECT_NE(std::string(e.what()).find("sample 13 ('s13') fails its checksum"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(file_)) << "a damaged cache must not be found again";
}

TEST_F(DamagedPackedFile, AnotherFormatVersionIsRefused) {
  packed::Preamble preamble{};
  {
    std::ifstream(file_, std::ios::binary).read(reinterpret_cast<char*>(&preamble), sizeof preamble);
  }
  preamble.format_version = 99;
  preamble.preamble_checksum = packed::checksum(&preamble, offsetof(packed::Preamble, preamble_checksum));
  {
    std::fstream io(file_, std::ios::in | std::ios::out | std::ios::binary);
    io.write(reinterpret_cast<const char*>(&preamble), sizeof preamble);
  }
  EXPECT_NE(damage_of(file_).find("format version 99, this eorun reads version 1"), std::string::npos)
      << damage_of(file_);
}

TEST_F(DamagedPackedFile, ACacheOfOtherDataIsRefusedByTheDataset) {
  auto other = digital_numbers(21, 7);
  EXPECT_THROW(PackedDataset(other, PackedFile::open(file_)), PackedFileDamaged);
}

// A full disk while building: the file size limit (RLIMIT_FSIZE) stands in for it, with the same
// failing write. Nothing is left, under the final name or a temporary one.
TEST(PackedWriter, AFullDiskIsAClearErrorAndLeavesNoFile) {
  test::TempDir dir;
  auto data = digital_numbers(200, 8);
  rlimit before{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &before), 0);
  auto* previous = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = before;
  small.rlim_cur = 20000;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string message;
  try {
    write_packed_file(*data, source_named("k"), dir.path() / "a.pack", 2);
  } catch (const Error& e) {
    message = e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &before);
  std::signal(SIGXFSZ, previous);
  EXPECT_NE(message.find("cannot write"), std::string::npos) << message;
  EXPECT_NE(message.find("File too large"), std::string::npos) << message;
  EXPECT_NE(message.find("free space on that disk"), std::string::npos) << message;
  EXPECT_TRUE(fs::is_empty(dir.path())) << "left: " << fs::directory_iterator(dir.path())->path();
}

TEST(PackedWriter, APluginErrorNamesTheSampleAndLeavesNoFile) {
  test::TempDir dir;
  auto data = digital_numbers(30, 9);
  data->before_get = [](std::size_t index) {
    if (index == 17) throw Error("sample 's17'", "file B02.tif is unreadable");
  };
  try {
    write_packed_file(*data, source_named("k"), dir.path() / "a.pack", 2);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("s17"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

}  // namespace
}  // namespace eorun
