#include "exec/pending_ingest.hpp"

#include "exec/bundle.hpp"
#include "registry/registry.hpp"

namespace eorun {

std::size_t ingest_pending_bundles(Registry& registry, const std::filesystem::path& runs_dir) {
  remove_abandoned_staging(runs_dir);
  std::size_t count = 0;
  for (const auto& bundle : find_uningested_bundles(runs_dir)) {
    registry.ingest(read_bundle_record(bundle));
    mark_ingested(bundle);
    ++count;
  }
  return count;
}

}  // namespace eorun
