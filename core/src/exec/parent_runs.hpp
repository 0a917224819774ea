// The run another run starts from (model.pretrained = "run:<run id or unique prefix>"): found in
// the registry when the run is prepared, found again in its bundle when the run executes, and
// its best checkpoint verified against the sha256 the parent recorded both times.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "registry/run_record.hpp"

namespace eorun {

class Registry;

struct ParentRun {
  std::string run_id;        // full, 64 hex digits
  std::string model_plugin;  // the parent's [model] plugin
  std::optional<std::size_t> num_classes;  // nullopt while the parent is only planned
  std::filesystem::path checkpoint;        // its best.pt; empty while planned
  std::string checkpoint_sha256;           // as the parent recorded it, and as the file is now
  std::vector<std::string> bands;          // its first input group's bands (empty when not recorded)
};

// Where prepare_run looks parents up.
class ParentRuns {
 public:
  virtual ~ParentRuns() = default;
  // `reference` is what follows "run:". Throws eorun::Error (subject "model.pretrained") for an
  // unknown or ambiguous run, one not completed, one without a checkpoint, a checkpoint whose
  // file changed since the parent recorded it.
  virtual ParentRun find(const std::string& reference) const = 0;
};

// Parents recorded in the registry at `registry_file`, opened at the first lookup (a missing
// file means no run is known). Each parent is looked up and verified once.
class RecordedParentRuns : public ParentRuns {
 public:
  explicit RecordedParentRuns(std::filesystem::path registry_file);
  ~RecordedParentRuns() override;
  ParentRun find(const std::string& reference) const override;

 private:
  std::filesystem::path registry_file_;
  mutable std::unique_ptr<Registry> registry_;
  mutable std::map<std::string, ParentRun> found_;  // by full run id
};

// Parents by full run id from their bundles in `runs_dir` (the workers of a sweep: the
// coordinator has already checked the prefix and the order).
class BundleParentRuns : public ParentRuns {
 public:
  explicit BundleParentRuns(std::filesystem::path runs_dir) : runs_dir_(std::move(runs_dir)) {}
  ParentRun find(const std::string& reference) const override;

 private:
  std::filesystem::path runs_dir_;
};

// A parent from its record: completed, with a best checkpoint whose file hashes to what it
// recorded. Throws eorun::Error (subject "model.pretrained") otherwise.
ParentRun verified_parent(const RunRecord& record);

// The same from the parent's bundle (runs_dir/<run_id>/record.json), as the executor and the
// workers see it. Throws eorun::Error when the bundle is missing.
ParentRun verified_parent_bundle(const std::filesystem::path& runs_dir, const std::string& run_id);

// The parent as the executor loads it, its checkpoint hashed again now: `prepared` when it was
// already trained when the run was prepared, else its bundle in `runs_dir` (a parent planned in
// the same sweep, trained since).
ParentRun parent_for_execution(const std::optional<ParentRun>& prepared,
                               const std::filesystem::path& runs_dir, const std::string& run_id);

}  // namespace eorun
