#include "exec/recorded_checkpoint.hpp"

#include "eorun/error.hpp"
#include "util/sha256.hpp"

namespace eorun {

RecordedCheckpoint verified_checkpoint(const RunRecord& record, const std::string& which,
                                       const std::string& command) {
  const std::string run = "run " + record.run_id.substr(0, 12);
  if (which != "best" && which != "last")
    throw Error("--checkpoint " + which, "is neither best nor last", "use --checkpoint best or --checkpoint last");
  const bool last = which == "last";
  if (!(last ? record.last.has_value() : record.best.has_value()))
    throw Error(run,
                last ? "kept no weights of its last epoch (" + to_string(record.status) +
                           (record.best ? "; runs recorded before last.pt keep only best.pt)" : ")")
                     : "kept no checkpoint (" + to_string(record.status) + ")",
                last && record.best ? command + " --checkpoint best"
                                    : command + " a run that completed at least one epoch");
  RecordedCheckpoint checkpoint;
  checkpoint.which = which;
  checkpoint.epoch = last ? record.last->epoch : record.best->epoch;
  checkpoint.path = last ? record.last->checkpoint : record.best->checkpoint;
  const std::string recorded_sha256 = last ? record.last->checkpoint_sha256 : record.best->checkpoint_sha256;
  if (checkpoint.path.is_relative() && record.bundle)
    checkpoint.path = std::filesystem::path(*record.bundle) / checkpoint.path;
  if (!std::filesystem::exists(checkpoint.path))
    throw Error(checkpoint.path.string(), "the run's checkpoint is missing", "restore the run's bundle folder");
  checkpoint.sha256 = sha256_file(checkpoint.path);
  if (checkpoint.sha256 != recorded_sha256)
    throw Error(checkpoint.path.string(),
                "changed since the run recorded it (sha256 " + checkpoint.sha256.substr(0, 12) +
                    ", recorded " + recorded_sha256.substr(0, 12) + ")",
                "restore the original file, or train the run again");
  return checkpoint;
}

}  // namespace eorun
