// The coordinator's catch-up: bundles that were written but never reached the registry (a crash
// between the two) are ingested by the next command that opens the registry, and the staging folders
// of runs killed before their bundle was written are removed.
#pragma once

#include <cstddef>
#include <filesystem>

namespace eorun {

class Registry;

// Ingests every pending bundle under `runs_dir`; returns how many were ingested.
std::size_t ingest_pending_bundles(Registry& registry, const std::filesystem::path& runs_dir);

}  // namespace eorun
