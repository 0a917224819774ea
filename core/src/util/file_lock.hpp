// An advisory lock on a file (flock), held while the object lives. Shared holders exclude
// exclusive ones; the lock goes with the process, so a crashed holder never blocks anyone.
#pragma once

#include <filesystem>

namespace eorun {

class FileLock {
 public:
  enum class Mode { shared, exclusive };
  // Creates the lock file when needed and waits for the lock. Throws eorun::Error naming the
  // file when it cannot be created.
  FileLock(const std::filesystem::path& path, Mode mode);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace eorun
