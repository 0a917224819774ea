#include "cache/packed_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "eorun/parallel_for.hpp"

namespace eorun {

namespace {

const char* kRebuild =
    "it is rebuilt the next time a run uses it (or remove it: `eorun cache gc`, `eorun cache verify`)";

}  // namespace

PackedFile::~PackedFile() {
  if (base_ != nullptr) ::munmap(const_cast<std::uint8_t*>(base_), size_);
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t PackedFile::block_offset(const char* name) const {
  return header_.at("blocks").at(name).at("offset").get<std::uint64_t>();
}

std::shared_ptr<const PackedFile> PackedFile::open(const std::filesystem::path& path) {
  const std::string subject = "cache file " + path.string();
  auto damaged = [&](const std::string& problem) { return PackedFileDamaged(subject, problem, kRebuild); };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Error(subject, std::string("cannot open it: ") + std::strerror(errno),
                "check the cache folder ([paths] cache in eorun.toml)");
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    const int error = errno;
    ::close(fd);
    errno = error;
    throw Error(subject, std::string("cannot read its size: ") + std::strerror(errno));
  }
  std::shared_ptr<PackedFile> file(new PackedFile);
  file->fd_ = fd;
  file->path_ = path;
  ::flock(fd, LOCK_SH);  // in use: see the class comment
  file->size_ = static_cast<std::uint64_t>(status.st_size);
  if (file->size_ < packed::kPreambleBytes) {
    throw damaged("is " + std::to_string(file->size_) + " bytes, shorter than a cache's preamble (truncated)");
  }
  void* mapped = ::mmap(nullptr, file->size_, PROT_READ, MAP_SHARED, fd, 0);
  if (mapped == MAP_FAILED) throw Error(subject, std::string("cannot map it: ") + std::strerror(errno));
  file->base_ = static_cast<const std::uint8_t*>(mapped);
  ::madvise(mapped, file->size_, MADV_WILLNEED);

  packed::Preamble preamble{};
  std::memcpy(&preamble, file->base_, sizeof preamble);
  if (std::memcmp(preamble.magic, packed::kMagic, sizeof preamble.magic) != 0)
    throw damaged("is not an eorun packed cache (no EORUNPAK magic)");
  if (preamble.preamble_checksum != packed::checksum(&preamble, offsetof(packed::Preamble, preamble_checksum)))
    throw damaged("its preamble fails its checksum (a flipped byte)");
  if (preamble.format_version != packed::kFormatVersion)
    throw damaged("is of format version " + std::to_string(preamble.format_version) + ", this eorun reads version " +
                  std::to_string(packed::kFormatVersion));
  if (preamble.file_size != file->size_)
    throw damaged("is " + std::to_string(file->size_) + " bytes, its preamble says " +
                  std::to_string(preamble.file_size) + (file->size_ < preamble.file_size ? " (truncated)" : ""));
  if (preamble.header_offset + preamble.header_bytes > file->size_)
    throw damaged("its header lies beyond the end of the file");
  const char* header_text = reinterpret_cast<const char*>(file->base_ + preamble.header_offset);
  if (packed::checksum(header_text, preamble.header_bytes) != preamble.header_checksum)
    throw damaged("its header fails its checksum (a flipped byte)");
  try {
    file->header_ = nlohmann::json::parse(header_text, header_text + preamble.header_bytes);
    const nlohmann::json& h = file->header_;
    file->key_ = h.at("key").get<std::string>();
    file->content_sha256_ = h.at("content_sha256").get<std::string>();
    file->samples_ = h.at("samples").get<std::size_t>();
    file->record_bytes_ = h.at("record_bytes").get<std::size_t>();
    for (const nlohmann::json& g : h.at("inputs")) {
      PackedGroup group;
      group.name = g.at("name").get<std::string>();
      group.bands = g.at("bands").get<std::vector<std::string>>();
      group.shape = g.at("shape").get<std::vector<std::int64_t>>();
      group.elements = 1;
      for (std::int64_t d : group.shape) group.elements *= static_cast<std::size_t>(d);
      group.type = packed::parse_type(g.at("type").get<std::string>());
      group.offset = g.at("offset").get<std::size_t>();
      if (group.offset + group.elements * packed::byte_size(group.type) > file->record_bytes_)
        throw damaged("input group '" + group.name + "' does not fit its record");
      file->groups_.push_back(std::move(group));
    }
    const nlohmann::json& target = h.at("target");
    file->target_type_ = packed::parse_target_type(target.at("type").get<std::string>());
    file->target_shape_ = target.at("shape").get<std::vector<std::int64_t>>();
    file->target_bytes_ = target.at("bytes").get<std::size_t>();
    // Every block inside the file; the ones a reader uses intact (the samples are checked one
    // by one as they are read; the manifest, which only `eorun cache verify` reads, there).
    for (const auto& [name, block] : h.at("blocks").items()) {
      const auto offset = block.at("offset").get<std::uint64_t>();
      const auto bytes = block.at("bytes").get<std::uint64_t>();
      if (offset + bytes > file->size_) throw damaged("its " + name + " block lies beyond the end of the file");
      if (name != "manifest" && block.contains("checksum") &&
          packed::checksum(file->base_ + offset, bytes) != block.at("checksum").get<std::uint64_t>())
        throw damaged("its " + name + " block fails its checksum (a flipped byte)");
    }
    const nlohmann::json& blocks = h.at("blocks");
    if (blocks.at("samples").at("bytes").get<std::uint64_t>() != file->samples_ * file->record_bytes_ ||
        blocks.at("targets").at("bytes").get<std::uint64_t>() != file->samples_ * file->target_bytes_ ||
        blocks.at("id_offsets").at("bytes").get<std::uint64_t>() != (file->samples_ + 1) * sizeof(std::uint64_t) ||
        blocks.at("checksums").at("bytes").get<std::uint64_t>() != file->samples_ * sizeof(std::uint64_t))
      throw damaged("its block sizes do not agree with its " + std::to_string(file->samples_) + " samples");
  } catch (const nlohmann::json::exception& e) {
    throw damaged(std::string("its header is not what this eorun writes: ") + e.what());
  }
  file->records_ = file->base_ + file->block_offset("samples");
  file->targets_ = file->base_ + file->block_offset("targets");
  file->id_offsets_ = reinterpret_cast<const std::uint64_t*>(file->base_ + file->block_offset("id_offsets"));
  file->id_text_ = reinterpret_cast<const char*>(file->base_ + file->block_offset("id_text"));
  file->checksums_ = reinterpret_cast<const std::uint64_t*>(file->base_ + file->block_offset("checksums"));
  const std::uint64_t id_bytes = file->header_["blocks"]["id_text"]["bytes"].get<std::uint64_t>();
  if (file->id_offsets_[file->samples_] != id_bytes) throw damaged("its id index does not match its id text");
  file->checked_ = std::make_unique<std::atomic<bool>[]>(file->samples_);
  return file;
}

const std::uint8_t* PackedFile::record(std::size_t index) const {
  const std::uint8_t* record = records_ + index * record_bytes_;
  if (!checked_[index].load(std::memory_order_acquire)) {
    if (packed::checksum(record, record_bytes_) != checksums_[index]) {
      // Removed, so that the next run rebuilds it rather than meeting the same sample again.
      ::unlink(path_.c_str());
      throw PackedFileDamaged("cache file " + path_.string(),
                              "sample " + std::to_string(index) + " ('" + std::string(id(index)) +
                                  "') fails its checksum: the file changed on disk or the disk returns "
                                  "bad data; no sample of it was used, and the file is removed",
                              "run again: the cache is rebuilt from the data");
    }
    checked_[index].store(true, std::memory_order_release);
  }
  return record;
}

std::string_view PackedFile::id(std::size_t index) const {
  return {id_text_ + id_offsets_[index], static_cast<std::size_t>(id_offsets_[index + 1] - id_offsets_[index])};
}

std::string_view PackedFile::manifest_tsv() const {
  const nlohmann::json& block = header_.at("blocks").at("manifest");
  const std::string_view text(reinterpret_cast<const char*>(base_ + block.at("offset").get<std::uint64_t>()),
                              block.at("bytes").get<std::size_t>());
  if (packed::checksum(text.data(), text.size()) != block.at("checksum").get<std::uint64_t>())
    throw PackedFileDamaged("cache file " + path_.string(), "its manifest block fails its checksum (a flipped byte)",
                            kRebuild);
  return text;
}

std::vector<std::size_t> PackedFile::damaged_records(int threads) const {
  std::vector<std::size_t> damaged;
  std::mutex mutex;
  parallel_for(samples_, threads, [&](std::size_t i) {
    if (packed::checksum(records_ + i * record_bytes_, record_bytes_) != checksums_[i]) {
      std::lock_guard<std::mutex> lock(mutex);
      damaged.push_back(i);
    }
  });
  std::sort(damaged.begin(), damaged.end());
  return damaged;
}

}  // namespace eorun
