#include "exec/bundle.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "eorun/error.hpp"
#include "util/local_process.hpp"

namespace eorun {

namespace {

void fsync_path(const std::filesystem::path& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

[[noreturn]] void fail_io(const std::filesystem::path& path, const std::string& what) {
  throw Error(path.string(), what + ": " + std::strerror(errno),
              "check free disk space and permissions of the runs folder");
}

}  // namespace

BundleStaging::BundleStaging(const std::filesystem::path& runs_dir, const std::string& run_id)
    : runs_dir_(runs_dir), run_id_(run_id) {
  std::error_code ec;
  std::filesystem::create_directories(runs_dir_, ec);
  if (ec) throw Error(runs_dir_.string(), "cannot create the runs folder: " + ec.message(),
                      "check permissions or set [paths] runs in eorun.toml");
  staging_ = runs_dir_ / (kStagingPrefix + run_id_ + "-" + this_process('-'));
  std::filesystem::remove_all(staging_, ec);
  std::filesystem::create_directory(staging_, ec);
  if (ec) throw Error(staging_.string(), "cannot create a staging folder: " + ec.message(),
                      "check free disk space and permissions of the runs folder");
}

BundleStaging::~BundleStaging() {
  if (committed_) return;
  std::error_code ec;
  std::filesystem::remove_all(staging_, ec);
}

void BundleStaging::write_file(const std::string& name, const std::string& content) const {
  const std::filesystem::path path = staging_ / name;
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) fail_io(path, "cannot create");
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      fail_io(path, "cannot write");
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    ::close(fd);
    fail_io(path, "cannot fsync");
  }
  ::close(fd);
}

std::filesystem::path BundleStaging::commit() {
  for (const auto& entry : std::filesystem::directory_iterator(staging_))
    if (entry.is_regular_file()) fsync_path(entry.path(), false);
  fsync_path(staging_, true);
  const std::filesystem::path final_dir = runs_dir_ / run_id_;
  std::error_code ec;
  if (std::filesystem::exists(final_dir, ec)) {
    // An earlier attempt of the same run (failed or interrupted): move it aside, then drop it.
    const std::filesystem::path old = runs_dir_ / (".replaced-" + run_id_ + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(old, ec);
    std::filesystem::rename(final_dir, old, ec);
    if (ec) throw Error(final_dir.string(), "cannot replace the earlier bundle: " + ec.message(),
                        "check permissions of the runs folder");
    std::filesystem::remove_all(old, ec);
  }
  std::filesystem::create_directories(runs_dir_ / kPendingFolder, ec);
  const std::filesystem::path pending = runs_dir_ / kPendingFolder / run_id_;
  if (!std::ofstream(pending)) fail_io(pending, "cannot announce the bundle");
  fsync_path(runs_dir_ / kPendingFolder, true);
  std::filesystem::rename(staging_, final_dir, ec);
  if (ec) throw Error(final_dir.string(), "cannot move the bundle into place: " + ec.message(),
                      "check permissions of the runs folder");
  fsync_path(runs_dir_, true);
  committed_ = true;
  return final_dir;
}

nlohmann::json read_bundle_record(const std::filesystem::path& bundle_dir) {
  std::ifstream in(bundle_dir / kRecordFile);
  if (!in) throw Error((bundle_dir / kRecordFile).string(), "cannot read the run record",
                       "the bundle is incomplete; delete the folder and re-run the run");
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json record = nlohmann::json::parse(text.str(), nullptr, false);
  if (record.is_discarded() || !record.is_object())
    throw Error((bundle_dir / kRecordFile).string(), "is not valid JSON",
                "the bundle is damaged; delete the folder and re-run the run");
  return record;
}

std::vector<std::filesystem::path> find_uningested_bundles(const std::filesystem::path& runs_dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  const std::filesystem::path pending = runs_dir / kPendingFolder;
  if (!std::filesystem::is_directory(pending, ec)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(pending, ec)) {
    const std::filesystem::path bundle = runs_dir / entry.path().filename();
    if (std::filesystem::exists(bundle / kRecordFile, ec))
      out.push_back(bundle);
    else
      std::filesystem::remove(entry.path(), ec);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t remove_abandoned_staging(const std::filesystem::path& runs_dir) {
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(runs_dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(kStagingPrefix, 0) != 0) continue;
    // .staging-<run_id>-<host>-<pid>: a host name may hold '-', a run id and a pid do not.
    const std::string rest = name.substr(std::string(kStagingPrefix).size());
    const auto after_id = rest.find('-');
    const auto before_pid = rest.rfind('-');
    if (after_id == std::string::npos || before_pid <= after_id) continue;
    if (!process_gone(rest.substr(after_id + 1, before_pid - after_id - 1), rest.substr(before_pid + 1))) continue;
    std::filesystem::remove_all(entry.path(), ec);
    if (!ec) ++removed;
  }
  return removed;
}

void mark_ingested(const std::filesystem::path& bundle_dir) {
  std::error_code ec;
  std::filesystem::remove(bundle_dir.parent_path() / kPendingFolder / bundle_dir.filename(), ec);
}

}  // namespace eorun
