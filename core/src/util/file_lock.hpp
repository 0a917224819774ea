// An advisory lock on a file (flock), held while the object lives. Shared holders exclude
// exclusive ones; the lock goes with the process, so a crashed holder never blocks anyone.
#pragma once

#include <filesystem>
#include <optional>

namespace eorun {

class FileLock {
 public:
  enum class Mode { shared, exclusive };
  // Creates the lock file when needed and waits for the lock. Throws eorun::Error naming the
  // file when it cannot be created.
  FileLock(const std::filesystem::path& path, Mode mode);
  ~FileLock();
  // The lock when no other process holds a conflicting one; nullopt (at once) when one does.
  static std::optional<FileLock> try_lock(const std::filesystem::path& path, Mode mode);
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace eorun
