#include "train/checkpoint.hpp"

#include <unistd.h>

#include <torch/nn/module.h>
#include <torch/serialize.h>

#include "eorun/error.hpp"

namespace eorun {

void save_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  const std::filesystem::path temporary =
      path.string() + ".tmp-" + std::to_string(::getpid());
  try {
    torch::serialize::OutputArchive archive;
    module.save(archive);
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

void load_checkpoint(torch::nn::Module& module, const std::filesystem::path& path) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(path.string());
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
