// The fine-tuning level of a run (`model.finetune`) and which module groups it trains.
//
//   scratch   random initial weights, every group trained (no `model.pretrained`)
//   head      pretrained weights, only the head group (the last one) trained
//   all       pretrained weights, every group trained
//   last:K    pretrained weights, the head and the K groups before it trained (K >= 1)
//
// The reference code's levels map as: 0 (transfer) = head, 1 (fine-tune) = all, 2 (scratch) =
// scratch. Implemented once here for every model plugin: a model only names its groups.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace eorun {

struct FinetuneLevel {
  enum class Kind { scratch, head, all, last };
  Kind kind = Kind::scratch;
  std::size_t last_groups = 0;  // K of "last:K"

  bool needs_pretrained() const { return kind != Kind::scratch; }
  // The canonical text ("scratch", "head", "all", "last:2").
  std::string text() const;
};

// The level a spec gets when it names none: "scratch" without pretrained weights, "all" with.
std::string default_finetune_level(bool pretrained);

// Parses `text`. Throws eorun::Error (subject "model.finetune") for anything else, naming the
// accepted forms.
FinetuneLevel parse_finetune_level(const std::string& text);

// Throws eorun::Error when `level` and the presence of pretrained weights disagree: head, all and
// last:K need `model.pretrained`; scratch refuses it.
void check_finetune_level(const FinetuneLevel& level, bool pretrained);

// Per group (input to output, the last being the head): whether `level` trains it. Throws
// eorun::Error when K of last:K exceeds the number of groups before the head (`subject` names
// the model, e.g. "model plugin 'shortcnn'").
std::vector<bool> trained_groups(const FinetuneLevel& level, const std::vector<std::string>& group_names,
                                 const std::string& subject);

}  // namespace eorun
