#include "cache/packed_writer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <optional>
#include <vector>

#include <ATen/ATen.h>

#include "cache/packed_layout.hpp"
#include "eorun/error.hpp"
#include "eorun/parallel_for.hpp"
#include "util/sha256.hpp"
#include "util/utc_time.hpp"
#include "util/shape_text.hpp"

namespace eorun {

namespace {

using packed::StoredType;

// A file open for writing under a temporary name; removed unless committed.
class TemporaryFile {
 public:
  explicit TemporaryFile(std::filesystem::path destination) : destination_(std::move(destination)) {
    static std::atomic<unsigned> counter{0};
    path_ = destination_;
    path_ += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_ < 0) fail("cannot create it");
  }
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  void write_at(std::uint64_t offset, const void* data, std::size_t bytes) {
    const auto* p = static_cast<const char*>(data);
    while (bytes > 0) {
      const ssize_t n = ::pwrite(fd_, p, bytes, static_cast<off_t>(offset));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) fail("cannot write " + std::to_string(bytes) + " bytes at offset " + std::to_string(offset));
      p += n;
      offset += static_cast<std::uint64_t>(n);
      bytes -= static_cast<std::size_t>(n);
    }
  }
  void commit() {
    if (::fsync(fd_) != 0) fail("cannot flush it to disk");
    ::close(fd_);
    fd_ = -1;
    if (::rename(path_.c_str(), destination_.c_str()) != 0) fail("cannot rename it to " + destination_.string());
    committed_ = true;
    const int dir = ::open(destination_.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
      ::fsync(dir);
      ::close(dir);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    const int error = errno;
    throw Error("cache file " + path_.string(), what + ": " + std::strerror(error),
                error == ENOSPC || error == EFBIG || error == EDQUOT
                    ? "free space on that disk, point [paths] cache in eorun.toml at a disk with "
                      "room (`eorun cache gc` removes old caches), or set dataset.cache = false"
                    : "check that the cache folder ([paths] cache in eorun.toml) is writable");
  }

  std::filesystem::path destination_;
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

struct GroupLayout {
  std::vector<std::int64_t> shape;
  std::size_t elements = 0;
  StoredType type = StoredType::uint8;
  std::size_t offset = 0;  // within a record
};

// A later sample needs a wider type for some group than the one chosen: start again with it.
struct WiderTypeNeeded {
  std::vector<StoredType> types;
};

std::vector<GroupLayout> layout_groups(const DatasetInfo& info, const std::vector<StoredType>& types,
                                       std::size_t& record_bytes) {
  std::vector<GroupLayout> groups;
  std::size_t offset = 0;
  for (std::size_t g = 0; g < info.inputs.size(); ++g) {
    GroupLayout group;
    group.shape = info.inputs[g].shape;
    group.elements = 1;
    for (std::int64_t d : group.shape) group.elements *= static_cast<std::size_t>(d);
    group.type = types[g];
    group.offset = offset;
    offset = packed::aligned(offset + group.elements * packed::byte_size(group.type));
    groups.push_back(group);
  }
  record_bytes = std::max<std::size_t>(offset, packed::kAlignment);
  return groups;
}

template <typename T>
void narrow_into(const float* in, std::size_t count, void* out) {
  T* destination = static_cast<T*>(out);
  for (std::size_t i = 0; i < count; ++i) destination[i] = static_cast<T>(in[i]);
}

void store(const float* values, std::size_t count, StoredType type, void* out) {
  switch (type) {
    case StoredType::uint8: narrow_into<std::uint8_t>(values, count, out); break;
    case StoredType::int16: narrow_into<std::int16_t>(values, count, out); break;
    case StoredType::uint16: narrow_into<std::uint16_t>(values, count, out); break;
    case StoredType::float32: std::memcpy(out, values, count * sizeof(float)); break;
  }
}

struct DecodedSample {
  std::vector<at::Tensor> inputs;  // float32, contiguous
  at::Tensor target;
  std::string id;
};

DecodedSample decode(const Dataset& dataset, std::size_t index, const std::vector<GroupLayout>& groups) {
  Sample sample = dataset.get(index);
  const std::string subject = "sample '" + sample.id + "' (index " + std::to_string(index) + ")";
  if (sample.inputs.size() != groups.size())
    throw Error(subject, "has " + std::to_string(sample.inputs.size()) + " input tensors, the dataset declares " +
                             std::to_string(groups.size()) + " input groups",
                "the dataset plugin must return one tensor per declared input group");
  DecodedSample decoded;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const at::Tensor& input = sample.inputs[g];
    if (!input.defined() || input.sizes() != at::IntArrayRef(groups[g].shape))
      throw Error(subject,
                  "input group " + std::to_string(g) + " has shape " +
                      (input.defined() ? shape_text(input.sizes()) : std::string("(none)")) +
                      ", the dataset declares " + shape_text(groups[g].shape),
                  "the dataset plugin must return tensors of the declared shape");
    decoded.inputs.push_back(input.to(at::kFloat).contiguous());
  }
  if (!sample.target.defined()) throw Error(subject, "has no target", "the dataset plugin must set Sample::target");
  decoded.target = sample.target.is_floating_point() ? sample.target.to(at::kFloat) : sample.target;
  decoded.target = decoded.target.contiguous();
  decoded.id = std::move(sample.id);
  return decoded;
}

struct Built {
  std::uint64_t file_size = 0;
  std::string content_sha256;
};

Built write_once(const Dataset& dataset, const PackedSource& source, TemporaryFile& file,
                 const std::vector<StoredType>& types, int threads) {
  const DatasetInfo& info = dataset.info();
  const std::size_t count = dataset.size();
  std::size_t record_bytes = 0;
  const std::vector<GroupLayout> groups = layout_groups(info, types, record_bytes);
  const std::uint64_t samples_offset = packed::kPreambleBytes;

  std::vector<std::uint64_t> checksums(count);
  std::vector<std::string> ids(count);
  std::string targets;
  std::optional<c10::ScalarType> target_type;
  std::vector<std::int64_t> target_shape;
  std::size_t target_bytes = 0;

  const std::size_t workers = worker_count(threads, count);
  const std::size_t chunk = std::max<std::size_t>(16, 8 * workers);
  std::vector<std::uint8_t> buffer(chunk * record_bytes);
  std::vector<at::Tensor> chunk_targets(chunk);
  for (std::size_t first = 0; first < count; first += chunk) {
    const std::size_t n = std::min(chunk, count - first);
    std::fill(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(n * record_bytes), 0);
    std::vector<StoredType> needed(groups.size(), StoredType::uint8);
    std::mutex needed_mutex;
    parallel_for(n, threads, [&](std::size_t k) {
      const std::size_t index = first + k;
      DecodedSample sample = decode(dataset, index, groups);
      std::uint8_t* record = buffer.data() + k * record_bytes;
      for (std::size_t g = 0; g < groups.size(); ++g) {
        const float* values = sample.inputs[g].data_ptr<float>();
        const StoredType fits = packed::narrowest_type(values, groups[g].elements);
        if (packed::join(fits, groups[g].type) != groups[g].type) {
          std::lock_guard<std::mutex> lock(needed_mutex);
          needed[g] = packed::join(needed[g], fits);
          continue;
        }
        store(values, groups[g].elements, groups[g].type, record + groups[g].offset);
      }
      checksums[index] = packed::checksum(record, record_bytes);
      ids[index] = std::move(sample.id);
      chunk_targets[k] = sample.target;
    });
    bool wider = false;
    std::vector<StoredType> widened = types;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      const StoredType joined = packed::join(types[g], needed[g]);
      wider = wider || joined != types[g];
      widened[g] = joined;
    }
    if (wider) throw WiderTypeNeeded{widened};
    for (std::size_t k = 0; k < n; ++k) {
      const at::Tensor& target = chunk_targets[k];
      const std::string subject = "sample '" + ids[first + k] + "' (index " + std::to_string(first + k) + ")";
      if (!target_type) {
        target_type = target.scalar_type();
        if (*packed::target_type_name(*target_type) == '\0')
          throw Error(subject, "has a target of type " + std::string(c10::toString(*target_type)) +
                                   ", which the packed cache does not store",
                      "return float32 (multi-label) or int64 (single-label) targets, or set dataset.cache = false");
        target_shape = target.sizes().vec();
        target_bytes = target.nbytes();
        targets.reserve(count * target_bytes);
      }
      if (target.scalar_type() != *target_type || target.sizes().vec() != target_shape)
        throw Error(subject,
                    "has a target of shape " + shape_text(target.sizes()) + " and type " +
                        c10::toString(target.scalar_type()) + ", the first sample's is " +
                        shape_text(target_shape) + " " + c10::toString(*target_type),
                    "the dataset plugin must return targets of one shape and type");
      targets.append(static_cast<const char*>(target.data_ptr()), target_bytes);
      chunk_targets[k] = at::Tensor();
    }
    file.write_at(samples_offset + first * record_bytes, buffer.data(), n * record_bytes);
  }

  // The blocks after the samples.
  std::uint64_t offset = packed::aligned(samples_offset + count * record_bytes);
  nlohmann::json blocks = nlohmann::json::object();
  auto put_block = [&](const char* name, const void* data, std::size_t bytes) {
    file.write_at(offset, data, bytes);
    blocks[name] = {{"offset", offset}, {"bytes", bytes}, {"checksum", packed::checksum(data, bytes)}};
    offset = packed::aligned(offset + bytes);
  };
  blocks["samples"] = {{"offset", samples_offset}, {"bytes", count * record_bytes}};
  put_block("targets", targets.data(), targets.size());
  std::vector<std::uint64_t> id_offsets{0};
  std::string id_text;
  for (const std::string& id : ids) {
    id_text += id;
    id_offsets.push_back(id_text.size());
  }
  put_block("id_offsets", id_offsets.data(), id_offsets.size() * sizeof(std::uint64_t));
  put_block("id_text", id_text.data(), id_text.size());
  put_block("checksums", checksums.data(), checksums.size() * sizeof(std::uint64_t));
  put_block("manifest", source.manifest_tsv.data(), source.manifest_tsv.size());

  Sha256 content;
  content.update(source.key);
  content.update(checksums.data(), checksums.size() * sizeof(std::uint64_t));
  for (const char* name : {"targets", "id_offsets", "id_text"}) {
    const std::uint64_t sum = blocks.at(name).at("checksum").get<std::uint64_t>();
    content.update(&sum, sizeof sum);
  }
  Built built;
  built.content_sha256 = content.hex_digest();

  nlohmann::json inputs = nlohmann::json::array();
  for (std::size_t g = 0; g < groups.size(); ++g)
    inputs.push_back({{"name", info.inputs[g].name},
                      {"bands", info.inputs[g].bands},
                      {"resolution_m", info.inputs[g].resolution_m},
                      {"shape", groups[g].shape},
                      {"type", packed::type_name(groups[g].type)},
                      {"offset", groups[g].offset}});
  const nlohmann::json header = {
      {"format_version", packed::kFormatVersion},
      {"key", source.key},
      {"source", source.description},
      {"manifest_sha256", source.manifest_sha256},
      {"manifest_base", source.manifest_base},
      {"task", info.task == Task::single_label ? "single_label" : "multi_label"},
      {"class_names", info.class_names},
      {"samples", count},
      {"record_bytes", record_bytes},
      {"inputs", inputs},
      {"target", {{"type", target_type ? packed::target_type_name(*target_type) : "float32"},
                  {"shape", target_shape},
                  {"bytes", target_bytes}}},
      {"blocks", blocks},
      {"content_sha256", built.content_sha256},
      {"created_at", utc_now()},
  };
  const std::string header_text = header.dump();
  const std::uint64_t header_offset = offset;
  file.write_at(header_offset, header_text.data(), header_text.size());
  built.file_size = header_offset + header_text.size();

  packed::Preamble preamble{};
  std::memcpy(preamble.magic, packed::kMagic, sizeof preamble.magic);
  preamble.format_version = packed::kFormatVersion;
  preamble.file_size = built.file_size;
  preamble.header_offset = header_offset;
  preamble.header_bytes = header_text.size();
  preamble.header_checksum = packed::checksum(header_text.data(), header_text.size());
  preamble.preamble_checksum = packed::checksum(&preamble, offsetof(packed::Preamble, preamble_checksum));
  file.write_at(0, &preamble, sizeof preamble);
  return built;
}

}  // namespace

PackedBuildResult write_packed_file(const Dataset& dataset, const PackedSource& source,
                                    const std::filesystem::path& destination, int threads) {
  const auto start = std::chrono::steady_clock::now();
  const DatasetInfo& info = dataset.info();
  if (info.inputs.empty())
    throw Error("dataset", "declares no input groups (DatasetInfo::inputs is empty)",
                "the dataset plugin must fill inputs with one group per input tensor");
  // Start from the narrowest type and widen (writing again) when a sample needs it: the second
  // pass is rare, as a group's first chunk of samples almost always shows its type.
  std::vector<StoredType> types(info.inputs.size(), StoredType::uint8);
  for (;;) {
    TemporaryFile file(destination);
    try {
      const Built built = write_once(dataset, source, file, types, threads);
      file.commit();
      PackedBuildResult result;
      result.file = destination;
      result.samples = dataset.size();
      result.bytes = built.file_size;
      result.content_sha256 = built.content_sha256;
      result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      return result;
    } catch (const WiderTypeNeeded& wider) {
      types = wider.types;
    }
  }
}

}  // namespace eorun
