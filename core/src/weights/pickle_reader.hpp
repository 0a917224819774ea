// A reader for the part of Python's pickle protocol (0 to 5) that torch.save writes: dicts
// (OrderedDict too), lists, tuples, numbers, strings, None and booleans, references to globals,
// and persistent ids (PyTorch's storages). What a global builds when called (REDUCE) and what a
// persistent id stands for is left to the caller, so the reader knows nothing of tensors.
//
//   PickleValue root = read_pickle(bytes, {persistent_load, reduce});
//
// Nothing of the pickled program is executed: the caller decides what a global builds.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ATen/core/Tensor.h>

namespace eorun {

struct PickleValue;
using PickleItems = std::vector<PickleValue>;
using PickleEntries = std::vector<std::pair<PickleValue, PickleValue>>;

struct PickleValue {
  enum class Kind { none, boolean, integer, real, text, bytes, tuple, list, dict, global, tensor };
  Kind kind = Kind::none;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text;  // text, bytes, or a global as "module.name"
  std::shared_ptr<PickleItems> items;      // tuple, list (shared: a memoized list grows in place)
  std::shared_ptr<PickleEntries> entries;  // dict, in insertion order
  at::Tensor tensor;                       // what the caller built

  static PickleValue of_tensor(at::Tensor tensor);
  static PickleValue empty_dict();
  // "a dict", "the global torch._utils._rebuild_tensor_v2", ...: for error messages.
  std::string describe() const;
};

struct PickleHooks {
  // The value a persistent id (BINPERSID's argument) stands for.
  std::function<PickleValue(const PickleValue& id)> persistent_load;
  // The value `global` (Kind::global) builds from `arguments` (a tuple).
  std::function<PickleValue(const PickleValue& global, const PickleValue& arguments)> reduce;
};

// Runs the pickle `bytes` and returns what it built. Throws std::runtime_error naming the
// opcode and its position for anything outside what torch.save writes or a malformed program;
// the hooks' exceptions pass through.
PickleValue read_pickle(std::string_view bytes, const PickleHooks& hooks);

}  // namespace eorun
