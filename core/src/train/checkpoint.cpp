#include "train/checkpoint.hpp"

#include <unistd.h>

#include <vector>

#include <torch/nn/module.h>
#include <torch/serialize.h>

#include "eorun/error.hpp"

namespace eorun {

namespace {

// torch::nn::Module::save's layout (parameters, buffers, then each serializable child in an
// archive of its own) with CPU tensors: the bytes Module::save writes for a module on the CPU.
// The pickler memoizes a tensor only while something else holds it too, as the module holds its
// parameters: `held` keeps every copy until the archive is written.
void save_cpu_copy(const torch::nn::Module& module, torch::serialize::OutputArchive& archive,
                   std::vector<at::Tensor>& held) {
  const auto cpu_copy = [&held](const at::Tensor& tensor) {
    held.push_back(tensor.detach().to(at::kCPU).set_requires_grad(tensor.requires_grad()));
    return held.back();
  };
  for (const auto& parameter : module.named_parameters(/*recurse=*/false))
    archive.write(parameter.key(), cpu_copy(parameter.value()));
  for (const auto& buffer : module.named_buffers(/*recurse=*/false))
    archive.write(buffer.key(), cpu_copy(buffer.value()), /*is_buffer=*/true);
  for (const auto& child : module.named_children()) {
    if (!child.value()->is_serializable()) continue;
    torch::serialize::OutputArchive child_archive(archive.compilation_unit());
    save_cpu_copy(*child.value(), child_archive, held);
    archive.write(child.key(), child_archive);
  }
}

}  // namespace

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  const std::filesystem::path temporary =
      path.string() + ".tmp-" + std::to_string(::getpid());
  try {
    torch::serialize::OutputArchive archive;
    std::vector<at::Tensor> held;
    save_cpu_copy(module, archive, held);
    archive.save_to(temporary.string());
  } catch (const c10::Error& e) {
    std::error_code ec;
    std::filesystem::remove(temporary, ec);
    throw Error(path.string(), std::string("cannot write the checkpoint: ") +
                                   e.what_without_backtrace(),
                "check the free space and permissions of the output folder");
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    throw Error(path.string(), "cannot move the checkpoint into place: " + ec.message(),
                "check the permissions of the output folder");
  }
}

void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path,
                     const std::string& device) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.string(), torch::Device(device));
    module.load(archive);
  } catch (const c10::Error& e) {
    throw Error(path.string(), std::string("cannot read the checkpoint: ") +
                                   e.what_without_backtrace(),
                "it must come from the same model with the same parameters");
  }
}

namespace {

void collect_tensors(torch::serialize::InputArchive& archive, const std::string& prefix,
                     std::map<std::string, at::Tensor>& out) {
  for (const std::string& key : archive.keys()) {
    at::Tensor tensor;
    if (archive.try_read(key, tensor, /*is_buffer=*/false) ||
        archive.try_read(key, tensor, /*is_buffer=*/true)) {
      out.emplace(prefix + key, tensor);
      continue;
    }
    torch::serialize::InputArchive child;
    if (archive.try_read(key, child)) collect_tensors(child, prefix + key + ".", out);
  }
}

}  // namespace

std::map<std::string, at::Tensor> read_checkpoint_tensors(const std::filesystem::path& path) {
  std::map<std::string, at::Tensor> tensors;
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.string());
    collect_tensors(archive, "", tensors);
  } catch (const c10::Error& e) {
    throw Error(path.string(), std::string("cannot read the checkpoint: ") +
                                   e.what_without_backtrace(),
                "it must be a best.pt written by eorun");
  }
  return tensors;
}

}  // namespace eorun
