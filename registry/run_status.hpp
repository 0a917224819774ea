// How a run ended: the one status the trainer reports, the record stores and the registry keeps.
// Light on purpose (no LibTorch, no SQLite): the trainer, the registry and the CLI all include it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace eorun {

enum class RunStatus { completed, failed, interrupted };

// "completed", "failed" or "interrupted": the word records and the registry store.
std::string to_string(RunStatus status);

// The status a stored word names; nullopt for any other text.
std::optional<RunStatus> run_status_from_string(std::string_view text);

// "completed, failed or interrupted", for messages that list the valid words.
const std::string& run_status_choices();

}  // namespace eorun
