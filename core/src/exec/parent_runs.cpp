#include "exec/parent_runs.hpp"

#include "eorun/error.hpp"
#include "exec/bundle.hpp"
#include "registry/registry.hpp"
#include "util/sha256.hpp"

namespace eorun {

namespace {

constexpr const char* kSubject = "model.pretrained";

std::string short_id(const std::string& id) { return id.substr(0, 12); }

void check_checkpoint_file(const std::string& name, const std::filesystem::path& checkpoint,
                           const std::string& recorded) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(checkpoint, ec))
    throw Error(kSubject, name + "'s checkpoint " + checkpoint.string() + " is missing",
                "restore the run's bundle, or re-run it");
  const std::string now = sha256_file(checkpoint);
  if (now != recorded)
    throw Error(kSubject,
                name + "'s checkpoint " + checkpoint.string() + " changed since the run recorded it (sha256 " +
                    short_id(now) + "..., recorded " + short_id(recorded) + "...)",
                "restore the original best.pt, or re-run the parent");
}

}  // namespace

ParentRun verified_parent(const RunRecord& record) {
  const std::string name = "run " + short_id(record.run_id);
  if (record.status != RunStatus::completed)
    throw Error(kSubject, name + " is " + std::string(to_string(record.status)) +
                              (record.reason.empty() ? "" : " (" + record.reason + ")"),
                "pretrain from a completed run; re-run it first");
  if (!record.best)
    throw Error(kSubject, name + " recorded no best checkpoint", "pretrain from another run");
  ParentRun parent;
  parent.run_id = record.run_id;
  auto model = record.spec.find("model");
  if (model != record.spec.end() && model->contains("plugin"))
    parent.model_plugin = model->at("plugin").get<std::string>();
  if (record.data) {
    parent.num_classes = record.data->class_names.size();
    parent.bands = record.data->inputs.empty() ? record.data->band_names : record.data->inputs.front().bands;
  }
  std::filesystem::path checkpoint = record.best->checkpoint;
  if (checkpoint.is_relative() && record.bundle) checkpoint = std::filesystem::path(*record.bundle) / checkpoint;
  check_checkpoint_file(name, checkpoint, record.best->checkpoint_sha256);
  parent.checkpoint = checkpoint;
  parent.checkpoint_sha256 = record.best->checkpoint_sha256;
  return parent;
}

ParentRun verified_parent_bundle(const std::filesystem::path& runs_dir, const std::string& run_id) {
  const std::filesystem::path bundle = runs_dir / run_id;
  std::error_code ec;
  if (!std::filesystem::exists(bundle / kRecordFile, ec))
    throw Error(kSubject, "run " + short_id(run_id) + " has no bundle in " + runs_dir.string(),
                "train the parent run first (in a sweep, parents run before their children)");
  return verified_parent(RunRecord::from_json(read_bundle_record(bundle)));
}

ParentRun BundleParentRuns::find(const std::string& reference) const {
  return verified_parent_bundle(runs_dir_, reference);
}

ParentRun parent_for_execution(const std::optional<ParentRun>& prepared,
                               const std::filesystem::path& runs_dir, const std::string& run_id) {
  if (!prepared || prepared->checkpoint.empty()) return verified_parent_bundle(runs_dir, run_id);
  check_checkpoint_file("run " + short_id(run_id), prepared->checkpoint, prepared->checkpoint_sha256);
  return *prepared;
}

RecordedParentRuns::RecordedParentRuns(std::filesystem::path registry_file)
    : registry_file_(std::move(registry_file)) {}

RecordedParentRuns::~RecordedParentRuns() = default;

ParentRun RecordedParentRuns::find(const std::string& reference) const {
  if (!registry_) {
    std::error_code ec;
    if (!std::filesystem::exists(registry_file_, ec))
      throw Error(kSubject, "no run '" + reference + "': the registry " + registry_file_.string() +
                                " does not exist yet",
                  "train the parent run first, then name it by its id (see `eorun query`)");
    registry_ = std::make_unique<Registry>(Registry::open(registry_file_));
  }
  std::string run_id;
  try {
    run_id = registry_->resolve_run_id(reference);
  } catch (const Error& e) {
    throw Error(kSubject, "run '" + reference + "' " + e.problem(), e.remedy());
  }
  auto cached = found_.find(run_id);
  if (cached != found_.end()) return cached->second;
  const std::optional<RunRecord> record = registry_->load_run_record(run_id);
  if (!record) throw Error(kSubject, "run " + short_id(run_id) + " has no record", "re-run it");
  return found_.emplace(run_id, verified_parent(*record)).first->second;
}

}  // namespace eorun
