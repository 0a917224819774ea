#include "weights/safetensors.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <limits>
#include <utility>
#include <vector>

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include "eorun/error.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

namespace {

constexpr std::size_t kLengthBytes = 8;
constexpr std::uint64_t kMaxHeaderBytes = 100u << 20;  // as the reference implementation
constexpr const char* kMetadataKey = "__metadata__";

struct DtypeName {
  const char* name;
  at::ScalarType type;
};

constexpr std::array<DtypeName, 10> kDtypes = {{{"F64", at::kDouble},
                                                {"F32", at::kFloat},
                                                {"F16", at::kHalf},
                                                {"BF16", at::kBFloat16},
                                                {"I64", at::kLong},
                                                {"I32", at::kInt},
                                                {"I16", at::kShort},
                                                {"I8", at::kChar},
                                                {"U8", at::kByte},
                                                {"BOOL", at::kBool}}};

std::string dtype_names() {
  std::string names;
  for (const DtypeName& dtype : kDtypes) names += (names.empty() ? "" : ", ") + std::string(dtype.name);
  return names;
}

std::uint64_t little_endian_u64(const unsigned char* bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < kLengthBytes; ++i) value |= std::uint64_t{bytes[i]} << (8 * i);
  return value;
}

std::vector<unsigned char> read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path.string(), "cannot open the weights file", "check the path and its permissions");
  return std::vector<unsigned char>(std::istreambuf_iterator<char>(in), {});
}

// One tensor's entry in the header, checked against the data's size.
struct Entry {
  std::string name;
  at::ScalarType type;
  std::vector<std::int64_t> shape;
  std::uint64_t begin = 0, end = 0;
};

Entry parse_entry(const std::string& subject, const std::string& name, const nlohmann::json& value,
                  std::uint64_t data_bytes) {
  const std::string where = "tensor '" + name + "'";
  const auto bad = [&](const std::string& problem) {
    return Error(subject, where + " " + problem,
                 "the file is corrupt or not safetensors; write it again (safetensors.torch.save_file)");
  };
  if (!value.is_object() || !value.contains("dtype") || !value.contains("shape") ||
      !value.contains("data_offsets"))
    throw bad("has no dtype, shape and data_offsets");
  Entry entry;
  entry.name = name;
  const nlohmann::json& dtype = value.at("dtype");
  const auto known = std::find_if(kDtypes.begin(), kDtypes.end(), [&](const DtypeName& d) {
    return dtype.is_string() && dtype.get<std::string>() == d.name;
  });
  if (known == kDtypes.end())
    throw Error(subject, where + " has dtype " + dtype.dump() + ", which eorun does not read",
                "convert it to one of " + dtype_names());
  entry.type = known->type;
  std::uint64_t elements = 1;
  for (const nlohmann::json& side : value.at("shape")) {
    if (!side.is_number_unsigned()) throw bad("has a shape that is not a list of sizes: " + value.at("shape").dump());
    const std::uint64_t size = side.get<std::uint64_t>();
    if (size != 0 && elements > std::numeric_limits<std::uint64_t>::max() / size)
      throw bad("has a shape too large to exist: " + value.at("shape").dump());
    elements *= size;
    entry.shape.push_back(static_cast<std::int64_t>(size));
  }
  const nlohmann::json& offsets = value.at("data_offsets");
  if (!offsets.is_array() || offsets.size() != 2 || !offsets[0].is_number_unsigned() ||
      !offsets[1].is_number_unsigned())
    throw bad("has data_offsets that are not [begin, end]: " + offsets.dump());
  entry.begin = offsets[0].get<std::uint64_t>();
  entry.end = offsets[1].get<std::uint64_t>();
  if (entry.end < entry.begin) throw bad("ends (byte " + std::to_string(entry.end) + ") before it begins (byte " + std::to_string(entry.begin) + ")");
  if (entry.end > data_bytes)
    throw bad("ends at byte " + std::to_string(entry.end) + " of the data, which has " +
              std::to_string(data_bytes) + " bytes (truncated file?)");
  const std::uint64_t item = c10::elementSize(entry.type);
  if (elements > std::numeric_limits<std::uint64_t>::max() / item || entry.end - entry.begin != elements * item)
    throw bad("is " + value.at("shape").dump() + " " + dtype.get<std::string>() + " = " +
              std::to_string(elements * item) + " bytes, but its data_offsets span " +
              std::to_string(entry.end - entry.begin));
  return entry;
}

// The tensors must tile the data exactly: sorted by offset, each begins where the last ended.
void check_tiling(const std::string& subject, std::vector<Entry>& entries, std::uint64_t data_bytes) {
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return std::tie(a.begin, a.end) < std::tie(b.begin, b.end); });
  std::uint64_t expected = 0;
  for (const Entry& entry : entries) {
    if (entry.begin != expected)
      throw Error(subject,
                  "tensor '" + entry.name + "' begins at byte " + std::to_string(entry.begin) +
                      " of the data, where " + std::to_string(expected) + " was expected (" +
                      (entry.begin < expected ? "it overlaps the tensor before" : "a hole before it") + ")",
                  "the file is corrupt or not safetensors; write it again");
    expected = entry.end;
  }
  if (expected != data_bytes)
    throw Error(subject,
                "the tensors cover " + std::to_string(expected) + " of the data's " +
                    std::to_string(data_bytes) + " bytes",
                "the file is corrupt or not safetensors; write it again");
}

const char* dtype_name(at::ScalarType type) {
  for (const DtypeName& dtype : kDtypes)
    if (dtype.type == type) return dtype.name;
  return nullptr;
}

}  // namespace

bool looks_like_safetensors(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<unsigned char, kLengthBytes + 1> start{};
  if (!in.read(reinterpret_cast<char*>(start.data()), start.size())) return false;
  const std::uint64_t length = little_endian_u64(start.data());
  return length > 1 && length <= kMaxHeaderBytes && start[kLengthBytes] == '{';
}

SafetensorsFile read_safetensors(const std::filesystem::path& path) {
  const std::string subject = path.string();
  const std::vector<unsigned char> bytes = read_bytes(path);
  if (bytes.size() < kLengthBytes)
    throw Error(subject, "is " + std::to_string(bytes.size()) + " bytes long, too short for a safetensors file",
                "the file is truncated; copy or download it again");
  const std::uint64_t header_bytes = little_endian_u64(bytes.data());
  if (header_bytes > kMaxHeaderBytes || header_bytes > bytes.size() - kLengthBytes)
    throw Error(subject,
                "its header length (" + std::to_string(header_bytes) + " bytes) goes past the end of the " +
                    std::to_string(bytes.size()) + "-byte file",
                "the file is truncated or not safetensors; copy or download it again");
  const auto header_begin = bytes.begin() + kLengthBytes;
  const auto data_begin = header_begin + static_cast<std::ptrdiff_t>(header_bytes);
  nlohmann::json header;
  try {
    header = nlohmann::json::parse(header_begin, data_begin);
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(subject, std::string("its header is not JSON: ") + e.what(),
                "the file is corrupt or not safetensors; write it again");
  }
  if (!header.is_object())
    throw Error(subject, "its header is not a JSON object", "the file is corrupt or not safetensors");
  const std::uint64_t data_bytes = static_cast<std::uint64_t>(bytes.end() - data_begin);

  SafetensorsFile file;
  std::vector<Entry> entries;
  for (const auto& [name, value] : header.items()) {
    if (name == kMetadataKey) {
      if (!value.is_object())
        throw Error(subject, "its __metadata__ is not an object of strings", "write the file again");
      for (const auto& [key, text] : value.items()) {
        if (!text.is_string())
          throw Error(subject, "its __metadata__ entry '" + key + "' is not a string", "write the file again");
        file.metadata.emplace(key, text.get<std::string>());
      }
      continue;
    }
    entries.push_back(parse_entry(subject, name, value, data_bytes));
  }
  check_tiling(subject, entries, data_bytes);
  for (const Entry& entry : entries) {
    at::Tensor tensor = at::empty(entry.shape, at::TensorOptions(entry.type));
    if (entry.end > entry.begin)
      std::memcpy(tensor.data_ptr(), &*(data_begin + static_cast<std::ptrdiff_t>(entry.begin)),
                  entry.end - entry.begin);
    file.tensors.emplace(entry.name, std::move(tensor));
  }
  return file;
}

void write_safetensors(const std::filesystem::path& path, const SafetensorsFile& file) {
  nlohmann::json header = nlohmann::json::object();
  if (!file.metadata.empty()) header[kMetadataKey] = file.metadata;
  std::vector<at::Tensor> data;
  std::uint64_t offset = 0;
  for (const auto& [name, tensor] : file.tensors) {
    const char* dtype = dtype_name(tensor.scalar_type());
    if (dtype == nullptr)
      throw Error(path.string(), "tensor '" + name + "' has type " + std::string(c10::toString(tensor.scalar_type())) +
                                     ", which safetensors has no name for",
                  "convert it to one of " + dtype_names());
    at::Tensor bytes = tensor.detach().to(at::kCPU).contiguous();
    const std::uint64_t size = static_cast<std::uint64_t>(bytes.nbytes());
    header[name] = {{"dtype", dtype}, {"shape", bytes.sizes().vec()}, {"data_offsets", {offset, offset + size}}};
    offset += size;
    data.push_back(std::move(bytes));
  }
  std::string text = header.dump();
  text.append((kLengthBytes - text.size() % kLengthBytes) % kLengthBytes, ' ');
  std::array<char, kLengthBytes> length{};
  for (std::size_t i = 0; i < kLengthBytes; ++i)
    length[i] = static_cast<char>((static_cast<std::uint64_t>(text.size()) >> (8 * i)) & 0xff);

  std::string content(length.data(), length.size());
  content += text;
  for (const at::Tensor& tensor : data)
    content.append(static_cast<const char*>(tensor.data_ptr()), tensor.nbytes());
  write_file_atomically(path, content);
}

}  // namespace eorun
