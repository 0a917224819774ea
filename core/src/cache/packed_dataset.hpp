// A split served from its packed cache file: the same samples, targets and ids as the plugin's
// dataset it was built from, read from memory. info() and manifest() are the plugin's own (the
// run records them as without the cache); the batch loader writes samples straight into its
// batches (DirectSamples).
#pragma once

#include <memory>

#include "cache/packed_file.hpp"
#include "data/direct_samples.hpp"
#include "eorun/dataset.hpp"

namespace eorun {

class PackedDataset : public Dataset, public DirectSamples {
 public:
  // Throws PackedFileDamaged when `file` does not hold what `source` serves (sample count,
  // input groups, shapes, bands): a cache of another reading of the data.
  PackedDataset(std::shared_ptr<const Dataset> source, std::shared_ptr<const PackedFile> file);

  const DatasetInfo& info() const override { return source_->info(); }
  std::size_t size() const override { return file_->size(); }
  Sample get(std::size_t index) const override;
  at::Tensor target(std::size_t index) const override;
  std::string sample_id(std::size_t index) const override;
  std::string group(std::size_t index, const std::string& by) const override { return source_->group(index, by); }
  std::vector<std::string> manifest() const override { return source_->manifest(); }

  void normalise_into(std::size_t index, std::size_t group, const float* mean,
                      const float* inverse_std, float* destination) const override;
  void copy_target(std::size_t index, void* destination) const override;
  c10::ScalarType target_type() const override { return file_->target_type(); }
  const std::vector<std::int64_t>& target_shape() const override { return file_->target_shape(); }

  const PackedFile& file() const { return *file_; }

 private:
  std::shared_ptr<const Dataset> source_;
  std::shared_ptr<const PackedFile> file_;
};

}  // namespace eorun
