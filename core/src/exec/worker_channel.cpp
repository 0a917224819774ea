#include "exec/worker_channel.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "eorun/error.hpp"

namespace eorun {

bool WorkerChannel::send(const nlohmann::json& message) {
  const std::string line = message.dump() + "\n";
  std::size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd_, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed_ = true;
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<nlohmann::json> WorkerChannel::take_line() {
  const auto end = buffer_.find('\n');
  if (end == std::string::npos) return std::nullopt;
  const std::string line = buffer_.substr(0, end);
  buffer_.erase(0, end + 1);
  nlohmann::json message = nlohmann::json::parse(line, nullptr, false);
  if (message.is_discarded() || !message.is_object())
    throw Error("worker channel", "received a message that is not a JSON object: " + line.substr(0, 80),
                "workers are started by `eorun sweep`; report this as a bug");
  return message;
}

std::optional<nlohmann::json> WorkerChannel::read_some() {
  if (auto message = take_line()) return message;
  char chunk[65536];
  ssize_t n;
  do {
    n = ::read(fd_, chunk, sizeof chunk);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) {
    closed_ = true;
    return std::nullopt;
  }
  buffer_.append(chunk, static_cast<std::size_t>(n));
  return take_line();
}

std::optional<nlohmann::json> WorkerChannel::receive() {
  for (;;) {
    if (auto message = read_some()) return message;
    if (closed_) return std::nullopt;
  }
}

}  // namespace eorun
