#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>

#include "eorun/error.hpp"

namespace eorun {

void write_file_atomically(const std::filesystem::path& given, const std::string& text) {
  const std::filesystem::path path = std::filesystem::absolute(given);  // "out.pt" has no parent
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    throw Error(path.parent_path().string(), "cannot create the folder: " + ec.message(),
                "check the permissions of the folder or set another one");
  const std::filesystem::path temporary = temporary_path_for(path);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0)
    throw Error(temporary.string(), std::string("cannot create the file: ") + std::strerror(errno),
                "check the permissions of the folder");
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string reason = std::strerror(errno);
      ::close(fd);
      std::filesystem::remove(temporary, ec);
      throw Error(temporary.string(), "cannot write: " + reason, "check the free disk space");
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
  move_into_place(temporary, path);
}

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
  // Unique per process and thread, so that two writers never share a temporary file.
  return path.string() + ".tmp-" + std::to_string(getpid()) + "-" +
         std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()));
}

void move_into_place(const std::filesystem::path& temporary, const std::filesystem::path& path) {
  std::error_code ec;
  const int fd = ::open(temporary.c_str(), O_RDONLY | O_CLOEXEC);
  const bool synced = fd >= 0 && ::fsync(fd) == 0;
  if (fd >= 0) ::close(fd);
  if (!synced) {
    std::filesystem::remove(temporary, ec);
    throw Error(temporary.string(), "cannot flush to disk", "check the folder's disk");
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw Error(path.string(), "cannot move the new file into place: " + ec.message(),
                "check the permissions of the folder");
  }
}

}  // namespace eorun
