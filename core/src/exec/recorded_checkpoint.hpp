// A recorded run's checkpoint file (best.pt or last.pt), found from its record and checked
// against the sha256 the run recorded: what `eorun export` and `eorun predict` read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "registry/run_record.hpp"

namespace eorun {

struct RecordedCheckpoint {
  std::string which;            // "best" or "last"
  std::int64_t epoch = 0;       // the epoch whose weights it holds
  std::filesystem::path path;   // absolute, or relative to the working folder
  std::string sha256;           // verified: the file's content is what the run recorded
};

// The checkpoint `which` ("best" or "last") of `record`. `command` names the command in
// remedies ("export", "predict"). Throws eorun::Error when the run kept no such checkpoint, the
// file is missing, or its content changed since the run recorded it.
RecordedCheckpoint verified_checkpoint(const RunRecord& record, const std::string& which,
                                       const std::string& command);

}  // namespace eorun
