// safetensors: what a reference writer lays out is read value for value (every dtype, metadata,
// tensors stored out of name order), what eorun writes the reference reads back, and every lie a
// header can tell is an error naming the file and the tensor.
#include "weights/safetensors.hpp"

#include <cstring>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "support/run_eorun.hpp"
#include "support/temp_dir.hpp"

namespace eorun {
namespace {

using ::testing::HasSubstr;
using json = nlohmann::json;

const std::filesystem::path kPython = "/usr/bin/python3";
const std::string kScript = std::string(EORUN_SOURCE_DIR) + "/tests/core/weights/safetensors_reference.py";

test::CommandResult reference(const std::string& mode, const std::filesystem::path& path) {
  return test::run_program(kPython, {kScript, mode, path.string()}, path.parent_path());
}

// A file with an 8-byte length, `header` as JSON text, then `data`.
void write_raw(const std::filesystem::path& path, const std::string& header, const std::string& data) {
  std::string length(8, '\0');
  for (std::size_t i = 0; i < 8; ++i) length[i] = static_cast<char>((header.size() >> (8 * i)) & 0xff);
  std::ofstream(path, std::ios::binary) << length << header << data;
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_safetensors(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Safetensors, ReadsWhatTheReferenceWritesValueForValue) {
  test::TempDir dir;
  const auto path = dir.path() / "ref.safetensors";
  const test::CommandResult written = reference("write", path);
  ASSERT_EQ(written.exit_code, 0) << written.err << "(python3-torch: run scripts/install-deps.sh)";
  ASSERT_TRUE(looks_like_safetensors(path));
  const SafetensorsFile file = read_safetensors(path);
  EXPECT_EQ(file.metadata, (std::map<std::string, std::string>{{"bands", "B04,B03,B02"}, {"format", "pt"}}));
  const std::map<std::string, std::pair<at::ScalarType, std::vector<std::int64_t>>> expected = {
      {"w.f32", {at::kFloat, {2, 3}}},  {"w.f16", {at::kHalf, {4}}},  {"w.bf16", {at::kBFloat16, {2, 2}}},
      {"b.i64", {at::kLong, {3}}},      {"x.u8", {at::kByte, {5}}},   {"mask.bool", {at::kBool, {2, 1}}},
      {"d.f64", {at::kDouble, {1}}},    {"empty.i32", {at::kInt, {0, 2}}}};
  ASSERT_EQ(file.tensors.size(), expected.size());
  for (const auto& [name, type_shape] : expected) {
    const at::Tensor& tensor = file.tensors.at(name);
    EXPECT_EQ(tensor.scalar_type(), type_shape.first) << name;
    EXPECT_EQ(tensor.sizes().vec(), type_shape.second) << name;
    at::Tensor values = at::arange(tensor.numel()).reshape(type_shape.second);
    if (type_shape.first == at::kBool) values = values.remainder(2);
    EXPECT_TRUE(tensor.equal(values.to(type_shape.first))) << name << ": " << tensor;
  }
}

TEST(Safetensors, TheReferenceReadsWhatEorunWrites) {
  test::TempDir dir;
  const auto path = dir.path() / "out.safetensors";
  SafetensorsFile file;
  file.metadata = {{"classes", "a,b"}};
  file.tensors["fc.weight"] = at::linspace(-1, 1, 6).reshape({2, 3});
  file.tensors["bn.num_batches_tracked"] = at::full({}, 7, at::kLong);
  file.tensors["half"] = at::tensor({0.5, -2.0}).to(at::kBFloat16);
  file.tensors["strided"] = at::arange(12, at::kFloat).reshape({3, 4}).t();  // not contiguous
  write_safetensors(path, file);
  // The data starts on an 8-byte boundary.
  std::ifstream in(path, std::ios::binary);
  unsigned char length[8];
  in.read(reinterpret_cast<char*>(length), 8);
  EXPECT_EQ(length[0] % 8, 0);

  const test::CommandResult read = reference("read", path);
  ASSERT_EQ(read.exit_code, 0) << read.err;
  const json seen = json::parse(read.out);
  EXPECT_EQ(seen.at("__metadata__"), json({{"classes", "a,b"}}));
  for (const auto& [name, tensor] : file.tensors) {
    const at::Tensor flat = tensor.contiguous().reshape({-1}).to(at::kDouble);
    const std::vector<double> values(flat.data_ptr<double>(), flat.data_ptr<double>() + flat.numel());
    EXPECT_EQ(seen.at(name).at("values").get<std::vector<double>>(), values) << name;
    EXPECT_EQ(seen.at(name).at("shape").get<std::vector<std::int64_t>>(), tensor.sizes().vec()) << name;
  }
  // And eorun reads its own file back exactly.
  const SafetensorsFile again = read_safetensors(path);
  EXPECT_EQ(again.metadata, file.metadata);
  for (const auto& [name, tensor] : file.tensors) EXPECT_TRUE(again.tensors.at(name).equal(tensor)) << name;
}

TEST(Safetensors, ATruncatedFileIsNamedAsSuch) {
  test::TempDir dir;
  const auto path = dir.path() / "cut.safetensors";
  SafetensorsFile file;
  file.tensors["a"] = at::ones({4, 4});
  write_safetensors(path, file);
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 10);
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'a' ends at byte 64 of the data, which has 54 bytes (truncated file?)"));
  std::filesystem::resize_file(path, 20);
  EXPECT_THAT(error_of(path), HasSubstr("goes past the end of the 20-byte file"));
  std::filesystem::resize_file(path, 3);
  EXPECT_THAT(error_of(path), HasSubstr("is 3 bytes long, too short for a safetensors file"));
}

TEST(Safetensors, AHeaderThatLiesAboutSizesIsRefused) {
  test::TempDir dir;
  const auto path = dir.path() / "lie.safetensors";
  const std::string data(24, '\0');
  write_raw(path, R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]},"b":{"dtype":"F32","shape":[1],"data_offsets":[20,24]}})", data);
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'w' is [2,3] F32 = 24 bytes, but its data_offsets span 20"));
  write_raw(path, R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[3],"data_offsets":[12,24]}})", data);
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'b' begins at byte 12 of the data, where 16 was expected (it overlaps the tensor before)"));
  write_raw(path, R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[1],"data_offsets":[20,24]}})", data);
  EXPECT_THAT(error_of(path), HasSubstr("where 16 was expected (a hole before it)"));
  write_raw(path, R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", data);
  EXPECT_THAT(error_of(path), HasSubstr("the tensors cover 16 of the data's 24 bytes"));
  write_raw(path, R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[16,0]}})", data);
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'w' ends (byte 0) before it begins (byte 16)"));
}

TEST(Safetensors, UnknownTypesAndBrokenHeadersAreNamed) {
  test::TempDir dir;
  const auto path = dir.path() / "bad.safetensors";
  write_raw(path, R"({"w":{"dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4]}})", std::string(4, '\0'));
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'w' has dtype \"F8_E4M3\", which eorun does not read; convert it to one of F64, F32, F16, BF16"));
  write_raw(path, R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", std::string(4, '\0'));
  EXPECT_THAT(error_of(path), HasSubstr("has a shape that is not a list of sizes"));
  write_raw(path, R"({"w":{"dtype":"F32")", std::string(4, '\0'));
  EXPECT_THAT(error_of(path), HasSubstr("its header is not JSON"));
  write_raw(path, R"({"w":{"shape":[1]}})", std::string(4, '\0'));
  EXPECT_THAT(error_of(path), HasSubstr("tensor 'w' has no dtype, shape and data_offsets"));
  EXPECT_FALSE(looks_like_safetensors(dir.path() / "missing"));
  EXPECT_THAT(error_of(dir.path() / "missing"), HasSubstr("cannot open the weights file"));
}

TEST(Safetensors, ATypeTheFormatCannotNameIsRefusedOnWriting) {
  test::TempDir dir;
  SafetensorsFile file;
  file.tensors["z"] = at::zeros({2}, at::kComplexFloat);
  try {
    write_safetensors(dir.path() / "z.safetensors", file);
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_THAT(e.what(), HasSubstr("tensor 'z' has type ComplexFloat, which safetensors has no name for"));
  }
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "z.safetensors"));
}

}  // namespace
}  // namespace eorun
