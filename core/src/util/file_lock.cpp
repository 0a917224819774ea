#include "util/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "eorun/error.hpp"

namespace eorun {

namespace {

int open_lock_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error("lock file " + path.string(), std::string("cannot create it: ") + std::strerror(errno),
                "check that its folder is writable");
  return fd;
}

int operation(FileLock::Mode mode) { return mode == FileLock::Mode::shared ? LOCK_SH : LOCK_EX; }

}  // namespace

FileLock::FileLock(const std::filesystem::path& path, Mode mode) : fd_(open_lock_file(path)) {
  while (::flock(fd_, operation(mode)) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd_);
    throw Error("lock file " + path.string(), std::string("cannot lock it: ") + std::strerror(error));
  }
}

std::optional<FileLock> FileLock::try_lock(const std::filesystem::path& path, Mode mode) {
  const int fd = open_lock_file(path);
  while (::flock(fd, operation(mode) | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    if (error == EWOULDBLOCK) return std::nullopt;
    throw Error("lock file " + path.string(), std::string("cannot lock it: ") + std::strerror(error));
  }
  return FileLock(fd);
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace eorun
