// The safetensors format (timm, Hugging Face): an 8-byte little-endian header length, a JSON
// header naming each tensor's dtype, shape and byte range, then the tensors' raw little-endian
// bytes.
//
//   SafetensorsFile file = read_safetensors("resnet18.safetensors");
//   file.tensors.at("conv1.weight");          // [64, 3, 7, 7] float32, on the CPU
//   file.metadata.at("bands");                // string metadata ("__metadata__"), if any
//   write_safetensors("out.safetensors", file);
//
// Reading checks everything the header claims against the file before any tensor is made: a
// range past the end of the data, a range whose length is not shape x dtype size, ranges that
// overlap or leave holes, unknown dtypes; each is an eorun::Error naming the file and the tensor.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <ATen/core/Tensor.h>

namespace eorun {

struct SafetensorsFile {
  std::map<std::string, at::Tensor> tensors;       // by name, contiguous CPU tensors
  std::map<std::string, std::string> metadata;     // the header's "__metadata__"
};

// Throws eorun::Error (subject: the path) when the file cannot be read or is not valid.
SafetensorsFile read_safetensors(const std::filesystem::path& path);

// Writes `file` (tensors in name order, any device or layout; the header padded with spaces to
// a multiple of 8 bytes) atomically (util/atomic_file). Throws
// eorun::Error for a dtype the format has no name for, or when the file cannot be written.
void write_safetensors(const std::filesystem::path& path, const SafetensorsFile& file);

// Whether `path` starts like a safetensors file (a plausible header length, then '{').
bool looks_like_safetensors(const std::filesystem::path& path);

}  // namespace eorun
