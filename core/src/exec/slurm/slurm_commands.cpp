#include "exec/slurm/slurm_commands.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include "eorun/error.hpp"

extern char** environ;

namespace eorun {

namespace {

std::string trimmed(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!trimmed(line).empty()) lines.push_back(trimmed(line));
  return lines;
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
  return false;
}

// Expands "3" or "0-5" or "0-5%2" or "1,4-6" into indexes.
std::vector<std::size_t> array_indexes(std::string text) {
  std::vector<std::size_t> out;
  if (const std::size_t throttle = text.find('%'); throttle != std::string::npos) text.resize(throttle);
  std::istringstream parts(text);
  for (std::string part; std::getline(parts, part, ',');) {
    const std::size_t dash = part.find('-');
    try {
      if (dash == std::string::npos) {
        out.push_back(std::stoul(part));
      } else {
        const std::size_t first = std::stoul(part.substr(0, dash));
        const std::size_t last = std::stoul(part.substr(dash + 1));
        for (std::size_t i = first; i <= last; ++i) out.push_back(i);
      }
    } catch (const std::exception&) {
      // Not an index ("N/A" for a job that is no array): nothing to add.
    }
  }
  return out;
}

}  // namespace

ProgramOutput run_program_capturing(const std::string& program, const std::vector<std::string>& args,
                                    const std::string& input) {
  ProgramOutput result;
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    result.err = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in_pipe[0]);
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  if (spawned != 0) {
    ::close(in_pipe[1]);
    ::close(out_pipe[0]);
    ::close(err_pipe[0]);
    result.err = program + ": " + std::strerror(spawned);
    return result;
  }
  // Feed stdin and drain stdout and stderr together, so that neither pipe fills and blocks.
  std::size_t written = 0;
  if (input.empty()) ::close(in_pipe[1]);
  bool in_open = !input.empty(), out_open = true, err_open = true;
  while (in_open || out_open || err_open) {
    pollfd fds[3] = {{in_open ? in_pipe[1] : -1, POLLOUT, 0},
                     {out_open ? out_pipe[0] : -1, POLLIN, 0},
                     {err_open ? err_pipe[0] : -1, POLLIN, 0}};
    if (::poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_open && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      const ssize_t n = ::write(in_pipe[1], input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n <= 0 || written == input.size()) {
        ::close(in_pipe[1]);
        in_open = false;
      }
    }
    char buffer[4096];
    for (int i = 1; i <= 2; ++i) {
      bool& open = i == 1 ? out_open : err_open;
      if (!open || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 1 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else {
        ::close(fds[i].fd);
        open = false;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string submit_job_array(const SbatchCall& call) {
  if (!on_path("sbatch"))
    throw Error("--executor slurm", "sbatch is not on PATH",
                "install Slurm's client commands or load them (e.g. `module load slurm`), or run the sweep "
                "with the local executor (leave out --executor slurm)");
  const ProgramOutput submitted = run_program_capturing("sbatch", call.args, call.script);
  const std::string message = trimmed(submitted.err.empty() ? submitted.out : submitted.err);
  if (submitted.exit_code != 0)
    throw Error("sbatch", "refused the job array: " + message,
                "check [slurm] in eorun.toml and the --partition/--account/--time options");
  // --parsable prints "jobid" or "jobid;cluster".
  const std::string job_id = trimmed(submitted.out.substr(0, submitted.out.find(';')));
  if (job_id.empty() || job_id.find_first_not_of("0123456789") != std::string::npos)
    throw Error("sbatch", "printed no job id: " + trimmed(submitted.out), "check the Slurm installation");
  return job_id;
}

std::map<std::size_t, QueuedTask> queued_tasks(const std::string& job_id) {
  const ProgramOutput queue =
      run_program_capturing("squeue", {"--noheader", "--jobs=" + job_id, "--format=%K|%T|%r"});
  std::map<std::size_t, QueuedTask> tasks;
  if (queue.exit_code != 0) return tasks;  // an unknown (long finished) job: nothing queued
  for (const std::string& line : lines_of(queue.out)) {
    std::istringstream fields(line);
    std::string indexes, state, reason;
    std::getline(fields, indexes, '|');
    std::getline(fields, state, '|');
    std::getline(fields, reason);
    for (std::size_t index : array_indexes(indexes)) tasks[index] = {state, reason};
  }
  return tasks;
}

std::vector<std::string> jobs_named(const std::string& name) {
  const ProgramOutput queue = run_program_capturing("squeue", {"--noheader", "--name=" + name, "--format=%F"});
  std::vector<std::string> ids;
  if (queue.exit_code != 0) return ids;
  for (const std::string& line : lines_of(queue.out))
    if (ids.empty() || ids.back() != line) ids.push_back(line);
  return ids;
}

std::optional<std::string> task_end_state(const std::string& job_id, std::size_t index) {
  const ProgramOutput shown =
      run_program_capturing("scontrol", {"show", "job", job_id + "_" + std::to_string(index), "--oneliner"});
  if (shown.exit_code != 0) return std::nullopt;
  std::string state, reason, exit_code;
  std::istringstream words(shown.out);
  for (std::string word; words >> word;) {
    if (word.rfind("JobState=", 0) == 0) state = word.substr(9);
    if (word.rfind("Reason=", 0) == 0) reason = word.substr(7);
    if (word.rfind("ExitCode=", 0) == 0) exit_code = word.substr(9);
  }
  if (state.empty()) return std::nullopt;
  std::string text = "Slurm: " + state;
  if (!reason.empty() && reason != "None") text += ", reason " + reason;
  if (!exit_code.empty() && exit_code != "0:0") text += ", exit code " + exit_code;
  return text;
}

}  // namespace eorun
