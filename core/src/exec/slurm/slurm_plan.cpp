#include "exec/slurm/slurm_plan.hpp"

#include <fstream>
#include <sstream>

#include "eorun/error.hpp"
#include "util/atomic_file.hpp"

namespace eorun {

namespace {

constexpr int kPlanFormat = 1;

std::filesystem::path plan_file(const std::filesystem::path& dir) { return dir / "plan.json"; }
std::filesystem::path answer_file(const std::filesystem::path& dir, std::size_t index) {
  return dir / "answers" / (std::to_string(index) + ".json");
}

std::optional<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::filesystem::path submission_dir(const std::filesystem::path& runs_dir, const std::string& submission) {
  return runs_dir / ".slurm" / submission;
}

void write_slurm_plan(const std::filesystem::path& dir, const SlurmPlan& plan) {
  nlohmann::json runs = nlohmann::json::array();
  for (const SlurmPlanRun& run : plan.runs) runs.push_back({{"run_id", run.run_id}, {"spec", run.spec}});
  const nlohmann::json document = {
      {"format", kPlanFormat}, {"sweep_id", plan.sweep_id}, {"job_name", plan.job_name}, {"runs", runs}};
  write_file_atomically(plan_file(dir), document.dump(1) + "\n");
}

SlurmPlan read_slurm_plan(const std::filesystem::path& dir) {
  const std::filesystem::path file = plan_file(dir);
  const std::optional<std::string> text = read_text(file);
  if (!text)
    throw Error(file.string(), "cannot be read on this node",
                "the runs folder must be on a file system the compute nodes share ([paths] runs in eorun.toml)");
  try {
    const nlohmann::json document = nlohmann::json::parse(*text);
    if (document.at("format").get<int>() != kPlanFormat)
      throw Error(file.string(), "has plan format " + document.at("format").dump(), "submit with this eorun");
    SlurmPlan plan;
    plan.sweep_id = document.at("sweep_id").get<std::string>();
    plan.job_name = document.at("job_name").get<std::string>();
    for (const nlohmann::json& run : document.at("runs"))
      plan.runs.push_back({run.at("run_id").get<std::string>(), run.at("spec")});
    return plan;
  } catch (const nlohmann::json::exception& e) {
    throw Error(file.string(), std::string("is not a plan eorun wrote: ") + e.what(), "submit the sweep again");
  }
}

void write_task_answer(const std::filesystem::path& dir, std::size_t index, const nlohmann::json& answer) {
  write_file_atomically(answer_file(dir, index), answer.dump() + "\n");
}

std::optional<nlohmann::json> read_task_answer(const std::filesystem::path& dir, std::size_t index) {
  const std::optional<std::string> text = read_text(answer_file(dir, index));
  if (!text) return std::nullopt;
  try {
    return nlohmann::json::parse(*text);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // written atomically: a partial answer is never seen
  }
}

}  // namespace eorun
