#include "weights/pytorch_file.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>
#include <torch/serialize.h>

#include "eorun/error.hpp"
#include "util/atomic_file.hpp"
#include "weights/pickle_reader.hpp"

namespace eorun {

namespace {

using Kind = PickleValue::Kind;

constexpr const char* kResave =
    "load it in Python and save the state dict again: torch.save(torch.load(PATH, "
    "map_location='cpu'), NEW_PATH) (PyTorch 1.6 or later)";

// torch.<Type>Storage, as a persistent id names a storage's element type.
at::ScalarType storage_type(const std::string& global) {
  static const std::map<std::string, at::ScalarType> types = {
      {"torch.DoubleStorage", at::kDouble}, {"torch.FloatStorage", at::kFloat},
      {"torch.HalfStorage", at::kHalf},     {"torch.BFloat16Storage", at::kBFloat16},
      {"torch.LongStorage", at::kLong},     {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort},   {"torch.CharStorage", at::kChar},
      {"torch.ByteStorage", at::kByte},     {"torch.BoolStorage", at::kBool}};
  const auto found = types.find(global);
  if (found == types.end()) throw std::runtime_error("a storage of unknown type " + global);
  return found->second;
}

std::vector<std::int64_t> integers(const PickleValue& tuple, const char* what) {
  if (tuple.kind != Kind::tuple) throw std::runtime_error(std::string("a tensor whose ") + what + " is " + tuple.describe());
  std::vector<std::int64_t> values;
  for (const PickleValue& item : *tuple.items) {
    if (item.kind != Kind::integer) throw std::runtime_error(std::string("a tensor whose ") + what + " holds " + item.describe());
    values.push_back(item.integer);
  }
  return values;
}

class StateDictReader {
 public:
  explicit StateDictReader(const std::filesystem::path& path) : reader_(path.string()) {}

  PickleValue root() {
    const auto [data, size] = reader_.getRecord("data.pkl");
    const std::string_view bytes(static_cast<const char*>(data.get()), size);
    return read_pickle(bytes, {[this](const PickleValue& id) { return storage(id); },
                               [](const PickleValue& global, const PickleValue& arguments) {
                                 return build(global, arguments);
                               }});
  }

 private:
  // ('storage', torch.<Type>Storage, key, location, numel): record data/<key>, read once.
  PickleValue storage(const PickleValue& id) {
    if (id.kind != Kind::tuple || id.items->size() < 5 || (*id.items)[0].text != "storage")
      throw std::runtime_error("a persistent id that is not a storage: " + id.describe());
    const std::vector<PickleValue>& parts = *id.items;
    const std::string key = parts[2].text;
    const auto cached = storages_.find(key);
    if (cached != storages_.end()) return PickleValue::of_tensor(cached->second);
    const at::ScalarType type = storage_type(parts[1].text);
    const std::int64_t numel = parts[4].integer;
    const auto [data, size] = reader_.getRecord("data/" + key);
    const std::size_t expected = static_cast<std::size_t>(numel) * c10::elementSize(type);
    if (size != expected)
      throw std::runtime_error("storage " + key + " has " + std::to_string(size) + " bytes, " +
                               std::to_string(expected) + " expected");
    at::Tensor tensor = at::empty({numel}, at::TensorOptions(type));
    if (size > 0) std::memcpy(tensor.data_ptr(), data.get(), size);
    storages_.emplace(key, tensor);
    return PickleValue::of_tensor(tensor);
  }

  // What the globals of a state dict build; anything else stays an opaque placeholder.
  static PickleValue build(const PickleValue& global, const PickleValue& arguments) {
    const std::string& name = global.text;
    if (name == "collections.OrderedDict") return PickleValue::empty_dict();
    const std::vector<PickleValue>& args = *arguments.items;
    if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
      if (args.size() < 4 || args[0].kind != Kind::tensor || args[1].kind != Kind::integer)
        throw std::runtime_error(name + " with unexpected arguments");
      at::Tensor tensor = args[0].tensor.as_strided(integers(args[2], "size"),
                                                    integers(args[3], "stride"), args[1].integer);
      return PickleValue::of_tensor(std::move(tensor));
    }
    // LibTorch's torch::pickle_save tags a container with its TorchScript type.
    if (name == "torch.jit._pickle.restore_type_tag") {
      if (args.empty()) throw std::runtime_error(name + " without a value");
      return args[0];
    }
    if (name == "torch._utils._rebuild_parameter" ||
        name == "torch._utils._rebuild_parameter_with_state") {
      if (args.empty() || args[0].kind != Kind::tensor) throw std::runtime_error(name + " without a tensor");
      return args[0];
    }
    return global;  // another object (an argparse.Namespace in a checkpoint, ...): not weights
  }

  caffe2::serialize::PyTorchStreamReader reader_;
  std::map<std::string, at::Tensor> storages_;
};

// The tensors of `dict` by string key; empty when it holds none.
std::map<std::string, at::Tensor> tensors_of(const PickleValue& dict) {
  std::map<std::string, at::Tensor> tensors;
  if (dict.kind != Kind::dict) return tensors;
  for (const auto& [key, value] : *dict.entries)
    if (key.kind == Kind::text && value.kind == Kind::tensor) tensors.emplace(key.text, value.tensor);
  return tensors;
}

}  // namespace

void write_pytorch_state_dict(const std::filesystem::path& path,
                              const std::map<std::string, at::Tensor>& tensors) {
  c10::Dict<std::string, at::Tensor> dict;
  for (const auto& [name, tensor] : tensors) dict.insert(name, tensor.detach().to(at::kCPU).contiguous());
  const std::vector<char> bytes = torch::pickle_save(c10::IValue(dict));
  write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

bool looks_like_zip(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::array<char, 4> start{};
  return in.read(start.data(), start.size()) && std::memcmp(start.data(), "PK\3\4", 4) == 0;
}

PytorchWeights read_pytorch_weights(const std::filesystem::path& path) {
  const std::string subject = path.string();
  if (!std::filesystem::is_regular_file(path))
    throw Error(subject, "no such weights file", "check the path");
  if (!looks_like_zip(path))
    throw Error(subject, "is not a zip archive: not a torch.save file of PyTorch 1.6 or later (or not PyTorch at all)", kResave);
  PickleValue root;
  try {
    StateDictReader reader(path);
    root = reader.root();
  } catch (const c10::Error& e) {
    throw Error(subject, std::string("cannot read it as a PyTorch archive: ") + e.what_without_backtrace(),
                "the file is truncated or corrupt; copy or download it again");
  } catch (const std::runtime_error& e) {
    throw Error(subject, std::string("cannot read its pickled state dict: ") + e.what(), kResave);
  }
  PytorchWeights weights;
  weights.tensors = tensors_of(root);
  if (!weights.tensors.empty()) return weights;
  if (root.kind == Kind::dict) {
    for (const char* key : {"state_dict", "model_state_dict", "model", "module", "net", "weights"})
      for (const auto& [name, value] : *root.entries)
        if (name.kind == Kind::text && name.text == key && !tensors_of(value).empty()) {
          weights.tensors = tensors_of(value);
          weights.found_under = key;
          return weights;
        }
    std::string keys;
    for (const auto& entry : *root.entries)
      if (keys.size() < 200) keys += (keys.empty() ? "'" : ", '") + entry.first.text + "'";
    throw Error(subject, "holds no state dict: a dict of " + keys + " without tensors",
                "save the model's weights with torch.save(model.state_dict(), PATH)");
  }
  throw Error(subject, "holds " + root.describe() + ", not a state dict",
              "save the model's weights with torch.save(model.state_dict(), PATH)");
}

}  // namespace eorun
