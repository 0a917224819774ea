#include "cache/packed_dataset.hpp"

#include <cstring>
#include <vector>

#include <ATen/ATen.h>

#include "data/channel_normalise.hpp"
#include "util/shape_text.hpp"

namespace eorun {

namespace {

// Every channel unchanged: mean 0, scale 1.
struct Identity {
  explicit Identity(std::size_t channels) : zero(channels, 0.0f), one(channels, 1.0f) {}
  std::vector<float> zero, one;
};

}  // namespace

PackedDataset::PackedDataset(std::shared_ptr<const Dataset> source, std::shared_ptr<const PackedFile> file)
    : source_(std::move(source)), file_(std::move(file)) {
  const std::string subject = "cache file " + file_->path().string();
  const DatasetInfo& info = source_->info();
  if (file_->size() != source_->size())
    throw PackedFileDamaged(subject,
                            "holds " + std::to_string(file_->size()) + " samples, the dataset serves " +
                                std::to_string(source_->size()),
                            "it is rebuilt");
  if (file_->groups().size() != info.inputs.size())
    throw PackedFileDamaged(subject, "holds another number of input groups than the dataset serves", "it is rebuilt");
  for (std::size_t g = 0; g < info.inputs.size(); ++g) {
    const PackedGroup& group = file_->groups()[g];
    if (group.shape != info.inputs[g].shape || group.bands != info.inputs[g].bands)
      throw PackedFileDamaged(subject,
                              "input group " + std::to_string(g) + " is " + shape_text(group.shape) +
                                  ", the dataset serves " + shape_text(info.inputs[g].shape) +
                                  " (or other bands)",
                              "it is rebuilt");
  }
}

void PackedDataset::normalise_into(std::size_t index, std::size_t group, const float* mean,
                                   const float* inverse_std, float* destination) const {
  const PackedGroup& g = file_->groups()[group];
  const std::uint8_t* values = file_->record(index) + g.offset;
  const auto channels = static_cast<std::size_t>(g.shape[0]);
  const std::size_t pixels = g.elements / channels;
  switch (g.type) {
    case packed::StoredType::uint8:
      normalise_channels(values, channels, pixels, mean, inverse_std, destination);
      break;
    case packed::StoredType::int16:
      normalise_channels(reinterpret_cast<const std::int16_t*>(values), channels, pixels, mean, inverse_std, destination);
      break;
    case packed::StoredType::uint16:
      normalise_channels(reinterpret_cast<const std::uint16_t*>(values), channels, pixels, mean, inverse_std, destination);
      break;
    case packed::StoredType::float32:
      normalise_channels(reinterpret_cast<const float*>(values), channels, pixels, mean, inverse_std, destination);
      break;
  }
}

void PackedDataset::copy_target(std::size_t index, void* destination) const {
  std::memcpy(destination, file_->target(index), file_->target_bytes());
}

Sample PackedDataset::get(std::size_t index) const {
  Sample sample;
  for (std::size_t g = 0; g < file_->groups().size(); ++g) {
    const PackedGroup& group = file_->groups()[g];
    at::Tensor input = at::empty(group.shape, at::kFloat);
    const Identity identity(static_cast<std::size_t>(group.shape[0]));
    normalise_into(index, g, identity.zero.data(), identity.one.data(), input.data_ptr<float>());
    sample.inputs.push_back(std::move(input));
  }
  sample.target = target(index);
  sample.id = sample_id(index);
  return sample;
}

at::Tensor PackedDataset::target(std::size_t index) const {
  at::Tensor target = at::empty(file_->target_shape(), at::TensorOptions(file_->target_type()));
  copy_target(index, target.data_ptr());
  return target;
}

std::string PackedDataset::sample_id(std::size_t index) const { return std::string(file_->id(index)); }

}  // namespace eorun
