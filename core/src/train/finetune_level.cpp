#include "train/finetune_level.hpp"

#include <cctype>

#include "eorun/error.hpp"

namespace eorun {

namespace {

constexpr const char* kSubject = "model.finetune";
constexpr const char* kForms = "use \"scratch\", \"head\", \"all\" or \"last:K\" (K >= 1)";

}  // namespace

std::string FinetuneLevel::text() const {
  switch (kind) {
    case Kind::scratch: return "scratch";
    case Kind::head: return "head";
    case Kind::all: return "all";
    case Kind::last: return "last:" + std::to_string(last_groups);
  }
  return "scratch";
}

std::string default_finetune_level(bool pretrained) { return pretrained ? "all" : "scratch"; }

FinetuneLevel parse_finetune_level(const std::string& text) {
  FinetuneLevel level;
  if (text == "scratch") return level;
  if (text == "head") {
    level.kind = FinetuneLevel::Kind::head;
    return level;
  }
  if (text == "all") {
    level.kind = FinetuneLevel::Kind::all;
    return level;
  }
  const std::string prefix = "last:";
  if (text.rfind(prefix, 0) == 0) {
    const std::string digits = text.substr(prefix.size());
    bool ok = !digits.empty() && digits.size() <= 6;
    for (char c : digits) ok = ok && std::isdigit(static_cast<unsigned char>(c)) != 0;
    if (ok && std::stoul(digits) >= 1) {
      level.kind = FinetuneLevel::Kind::last;
      level.last_groups = std::stoul(digits);
      return level;
    }
    throw Error(kSubject, "'" + text + "' does not give a whole number K >= 1 of groups",
                "write e.g. \"last:2\" (the head and the 2 groups before it), or \"head\"");
  }
  throw Error(kSubject, "unknown level '" + text + "'", kForms);
}

void check_finetune_level(const FinetuneLevel& level, bool pretrained) {
  if (level.needs_pretrained() && !pretrained)
    throw Error(kSubject, "'" + level.text() + "' fine-tunes pretrained weights but the spec has no model.pretrained",
                "set model.pretrained = \"run:<run id>\", or use finetune = \"scratch\"");
  if (!level.needs_pretrained() && pretrained)
    throw Error(kSubject, "'scratch' trains from random weights but model.pretrained is set",
                "remove model.pretrained, or use \"all\", \"head\" or \"last:K\"");
}

std::vector<bool> trained_groups(const FinetuneLevel& level, const std::vector<std::string>& group_names,
                                 const std::string& subject) {
  const std::size_t count = group_names.size();
  std::vector<bool> trained(count, true);
  if (count == 0) return trained;
  const std::size_t before_head = count - 1;
  switch (level.kind) {
    case FinetuneLevel::Kind::scratch:
    case FinetuneLevel::Kind::all: break;
    case FinetuneLevel::Kind::head:
      for (std::size_t i = 0; i < before_head; ++i) trained[i] = false;
      break;
    case FinetuneLevel::Kind::last:
      if (level.last_groups > before_head) {
        std::string names;
        for (std::size_t i = 0; i < before_head; ++i) names += (i ? ", " : "") + group_names[i];
        throw Error(kSubject,
                    "'" + level.text() + "' asks for " + std::to_string(level.last_groups) +
                        " groups before the head but " + subject + " has " +
                        std::to_string(before_head) + (names.empty() ? "" : " (" + names + ")"),
                    "use last:K with K <= " + std::to_string(before_head) + ", or \"all\"");
      }
      for (std::size_t i = 0; i + level.last_groups < before_head; ++i) trained[i] = false;
      break;
  }
  return trained;
}

}  // namespace eorun
