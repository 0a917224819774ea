#include "weights/pickle_reader.hpp"

#include <cstring>
#include <map>
#include <stdexcept>

namespace eorun {

PickleValue PickleValue::of_tensor(at::Tensor tensor) {
  PickleValue value;
  value.kind = Kind::tensor;
  value.tensor = std::move(tensor);
  return value;
}

PickleValue PickleValue::empty_dict() {
  PickleValue value;
  value.kind = Kind::dict;
  value.entries = std::make_shared<PickleEntries>();
  return value;
}

std::string PickleValue::describe() const {
  switch (kind) {
    case Kind::none: return "None";
    case Kind::boolean: return boolean ? "True" : "False";
    case Kind::integer: return "the integer " + std::to_string(integer);
    case Kind::real: return "a float";
    case Kind::text: return "the string '" + text + "'";
    case Kind::bytes: return "bytes";
    case Kind::tuple: return "a tuple of " + std::to_string(items->size());
    case Kind::list: return "a list of " + std::to_string(items->size());
    case Kind::dict: return "a dict of " + std::to_string(entries->size());
    case Kind::global: return "the global " + text;
    case Kind::tensor: return "a tensor";
  }
  return "a value";
}

namespace {

class Machine {
 public:
  Machine(std::string_view bytes, const PickleHooks& hooks) : bytes_(bytes), hooks_(hooks) {}

  PickleValue run() {
    while (true) {
      opcode_at_ = position_;
      const auto opcode = static_cast<unsigned char>(take(1)[0]);
      if (opcode == '.') {
        if (stack_.empty()) fail(opcode, "STOP with nothing built");
        return stack_.back();
      }
      step(opcode);
    }
  }

 private:
  [[noreturn]] void fail(unsigned char opcode, const std::string& problem) const {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02x", opcode);
    throw std::runtime_error("pickle opcode " + std::string(code) + " at byte " +
                             std::to_string(opcode_at_) + ": " + problem);
  }

  std::string_view take(std::size_t count) {
    if (bytes_.size() - position_ < count)
      throw std::runtime_error("the pickle ends in the middle of the opcode at byte " +
                               std::to_string(opcode_at_));
    const std::string_view part = bytes_.substr(position_, count);
    position_ += count;
    return part;
  }

  std::uint64_t unsigned_le(std::size_t count) {
    const std::string_view part = take(count);
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < count; ++i)
      value |= std::uint64_t{static_cast<unsigned char>(part[i])} << (8 * i);
    return value;
  }

  std::string line() {
    const std::size_t end = bytes_.find('\n', position_);
    if (end == std::string_view::npos) throw std::runtime_error("a GLOBAL without its line end");
    std::string text(bytes_.substr(position_, end - position_));
    position_ = end + 1;
    return text;
  }

  PickleValue pop(unsigned char opcode) {
    if (stack_.size() <= (marks_.empty() ? 0 : marks_.back())) fail(opcode, "the stack is empty");
    PickleValue value = std::move(stack_.back());
    stack_.pop_back();
    return value;
  }

  PickleValue& top(unsigned char opcode) {
    if (stack_.empty()) fail(opcode, "the stack is empty");
    return stack_.back();
  }

  // Everything above the last MARK, which is removed.
  std::vector<PickleValue> pop_to_mark(unsigned char opcode) {
    if (marks_.empty()) fail(opcode, "no MARK before it");
    const std::size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleValue> values(std::make_move_iterator(stack_.begin() + static_cast<std::ptrdiff_t>(mark)),
                                    std::make_move_iterator(stack_.end()));
    stack_.resize(mark);
    return values;
  }

  static PickleValue sequence(PickleValue::Kind kind, std::vector<PickleValue> values) {
    PickleValue value;
    value.kind = kind;
    value.items = std::make_shared<PickleItems>(std::move(values));
    return value;
  }

  static PickleValue scalar_text(PickleValue::Kind kind, std::string_view text) {
    PickleValue value;
    value.kind = kind;
    value.text = std::string(text);
    return value;
  }

  static PickleValue integer(std::int64_t number) {
    PickleValue value;
    value.kind = PickleValue::Kind::integer;
    value.integer = number;
    return value;
  }

  PickleValue::Kind expect_container(unsigned char opcode, PickleValue::Kind kind, const PickleValue& target) {
    if (target.kind != kind) fail(opcode, "expected a " + std::string(kind == PickleValue::Kind::dict ? "dict" : "list") + ", found " + target.describe());
    return kind;
  }

  void step(unsigned char opcode) {
    using Kind = PickleValue::Kind;
    switch (opcode) {
      case 0x80: take(1); return;                       // PROTO
      case 0x95: take(8); return;                       // FRAME
      case 'c': {                                       // GLOBAL
        std::string module = line();
        stack_.push_back(scalar_text(Kind::global, module + "." + line()));
        return;
      }
      case 0x93: {                                      // STACK_GLOBAL
        const PickleValue name = pop(opcode);
        const PickleValue module = pop(opcode);
        stack_.push_back(scalar_text(Kind::global, module.text + "." + name.text));
        return;
      }
      case 'q': memo_[unsigned_le(1)] = top(opcode); return;      // BINPUT
      case 'r': memo_[unsigned_le(4)] = top(opcode); return;      // LONG_BINPUT
      case 0x94: memo_[memo_.size()] = top(opcode); return;       // MEMOIZE
      case 'h':
      case 'j': {                                                 // BINGET, LONG_BINGET
        const auto found = memo_.find(unsigned_le(opcode == 'h' ? 1 : 4));
        if (found == memo_.end()) fail(opcode, "a memo entry that was never stored");
        stack_.push_back(found->second);
        return;
      }
      case '}': stack_.push_back(PickleValue::empty_dict()); return;
      case ']': stack_.push_back(sequence(Kind::list, {})); return;
      case ')': stack_.push_back(sequence(Kind::tuple, {})); return;
      case '(': marks_.push_back(stack_.size()); return;
      case '1': pop_to_mark(opcode); return;                      // POP_MARK
      case '0': pop(opcode); return;                              // POP
      case '2': stack_.push_back(top(opcode)); return;            // DUP
      case 'X': stack_.push_back(scalar_text(Kind::text, take(unsigned_le(4)))); return;
      case 0x8c: stack_.push_back(scalar_text(Kind::text, take(unsigned_le(1)))); return;
      case 0x8d: stack_.push_back(scalar_text(Kind::text, take(unsigned_le(8)))); return;
      case 'U': stack_.push_back(scalar_text(Kind::text, take(unsigned_le(1)))); return;
      case 'T': stack_.push_back(scalar_text(Kind::text, take(unsigned_le(4)))); return;
      case 'C': stack_.push_back(scalar_text(Kind::bytes, take(unsigned_le(1)))); return;
      case 'B': stack_.push_back(scalar_text(Kind::bytes, take(unsigned_le(4)))); return;
      case 0x8e: stack_.push_back(scalar_text(Kind::bytes, take(unsigned_le(8)))); return;
      case 's': {                                                 // SETITEM
        PickleValue value = pop(opcode);
        PickleValue key = pop(opcode);
        PickleValue& dict = top(opcode);
        expect_container(opcode, Kind::dict, dict);
        dict.entries->emplace_back(std::move(key), std::move(value));
        return;
      }
      case 'u': {                                                 // SETITEMS
        std::vector<PickleValue> values = pop_to_mark(opcode);
        if (values.size() % 2 != 0) fail(opcode, "an odd number of keys and values");
        PickleValue& dict = top(opcode);
        expect_container(opcode, Kind::dict, dict);
        for (std::size_t i = 0; i < values.size(); i += 2)
          dict.entries->emplace_back(std::move(values[i]), std::move(values[i + 1]));
        return;
      }
      case 'a': {                                                 // APPEND
        PickleValue value = pop(opcode);
        PickleValue& list = top(opcode);
        expect_container(opcode, Kind::list, list);
        list.items->push_back(std::move(value));
        return;
      }
      case 'e': {                                                 // APPENDS
        std::vector<PickleValue> values = pop_to_mark(opcode);
        PickleValue& list = top(opcode);
        expect_container(opcode, Kind::list, list);
        for (PickleValue& value : values) list.items->push_back(std::move(value));
        return;
      }
      case 't': stack_.push_back(sequence(Kind::tuple, pop_to_mark(opcode))); return;
      case 0x85:
      case 0x86:
      case 0x87: {                                                // TUPLE1, TUPLE2, TUPLE3
        std::vector<PickleValue> values(opcode - 0x84);
        for (auto it = values.rbegin(); it != values.rend(); ++it) *it = pop(opcode);
        stack_.push_back(sequence(Kind::tuple, std::move(values)));
        return;
      }
      case 'J': stack_.push_back(integer(static_cast<std::int32_t>(unsigned_le(4)))); return;
      case 'K': stack_.push_back(integer(static_cast<std::int64_t>(unsigned_le(1)))); return;
      case 'M': stack_.push_back(integer(static_cast<std::int64_t>(unsigned_le(2)))); return;
      case 0x8a: {                                                // LONG1
        const std::size_t count = unsigned_le(1);
        if (count > 8) fail(opcode, "an integer of more than 64 bits");
        std::uint64_t bits = count == 0 ? 0 : unsigned_le(count);
        if (count > 0 && count < 8 && (bits >> (8 * count - 1)) != 0) bits |= ~std::uint64_t{0} << (8 * count);
        stack_.push_back(integer(static_cast<std::int64_t>(bits)));
        return;
      }
      case 'G': {                                                 // BINFLOAT, big-endian
        const std::string_view part = take(8);
        std::uint64_t bits = 0;
        for (char byte : part) bits = (bits << 8) | static_cast<unsigned char>(byte);
        PickleValue value;
        value.kind = Kind::real;
        std::memcpy(&value.real, &bits, sizeof bits);
        stack_.push_back(value);
        return;
      }
      case 0x88:
      case 0x89: {                                                // NEWTRUE, NEWFALSE
        PickleValue value;
        value.kind = Kind::boolean;
        value.boolean = opcode == 0x88;
        stack_.push_back(value);
        return;
      }
      case 'N': stack_.push_back(PickleValue{}); return;
      case 'R':
      case 0x81: {                                                // REDUCE, NEWOBJ
        PickleValue arguments = pop(opcode);
        PickleValue callable = pop(opcode);
        if (callable.kind != Kind::global) fail(opcode, "calls " + callable.describe());
        stack_.push_back(hooks_.reduce(callable, arguments));
        return;
      }
      case 'b':                                                   // BUILD
        // Python attributes (a state dict's _metadata, a tensor's hooks, an opaque object's
        // fields) carry nothing a weights reader needs.
        pop(opcode);
        top(opcode);
        return;
      case 'Q': {                                                 // BINPERSID
        const PickleValue id = pop(opcode);
        stack_.push_back(hooks_.persistent_load(id));
        return;
      }
      default:
        fail(opcode, "not an opcode torch.save writes");
    }
  }

  std::string_view bytes_;
  const PickleHooks& hooks_;
  std::size_t position_ = 0;
  std::size_t opcode_at_ = 0;
  std::vector<PickleValue> stack_;
  std::vector<std::size_t> marks_;
  std::map<std::uint64_t, PickleValue> memo_;
};

}  // namespace

PickleValue read_pickle(std::string_view bytes, const PickleHooks& hooks) {
  return Machine(bytes, hooks).run();
}

}  // namespace eorun
