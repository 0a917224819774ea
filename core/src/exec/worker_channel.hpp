// The conversation between a sweep coordinator and one of its worker processes: JSON messages, one
// per line, over a connected Unix socket (the worker sees its end as a file descriptor number given
// on its command line). The coordinator sends {"run_id", "spec"}; the worker trains that run, writes
// its bundle and answers {"run_id", "status", "reason", "bundle"}, then waits for the next one.
// A dedicated socket rather than stdin/stdout keeps whatever a plugin prints out of the protocol.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace eorun {

class WorkerChannel {
 public:
  explicit WorkerChannel(int fd) : fd_(fd) {}

  int fd() const { return fd_; }

  // Sends one message; false when the other end is gone (never raises SIGPIPE).
  bool send(const nlohmann::json& message);

  // Reads what is available without waiting past one read(2) and returns a whole message once one
  // has arrived (a read may end mid-line). nullopt with closed() true: the other end is gone.
  std::optional<nlohmann::json> read_some();

  // Blocks until a whole message arrives; nullopt when the other end is gone.
  std::optional<nlohmann::json> receive();

  bool closed() const { return closed_; }

 private:
  std::optional<nlohmann::json> take_line();

  int fd_;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace eorun
