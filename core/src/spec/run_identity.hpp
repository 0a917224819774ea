// Run identity: the content hash that says "this exact run". Same identity = same run, so a
// completed identity is never trained again.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "spec/run_spec.hpp"

namespace eorun {

// The document that is hashed, kept in the record so an identity can be explained:
// {"spec": <canonical spec>, "plugins": {"dataset": sha256, "model": sha256, "loss": sha256},
//  "data_manifest_sha256": ..., "param_files": {"model.weights": {"sha256": ..., ...}, ...},
//  "build_id": ..., "device": "cpu" or {"device": "cuda:0", "name": ..., "determinism": {...}}}
// (threads are part of the spec's [train] section; `device` is train/compute_device's identity()).
nlohmann::json identity_document(const RunSpec& spec, const std::string& data_manifest_sha256,
                                 const nlohmann::json& param_files, const std::string& build_id,
                                 const nlohmann::json& device);

// sha256 of the canonical identity document, 64 lower-case hex characters.
std::string run_id_of(const nlohmann::json& identity_document);

}  // namespace eorun
