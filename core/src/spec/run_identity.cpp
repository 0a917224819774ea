#include "spec/run_identity.hpp"

#include "util/sha256.hpp"

namespace eorun {

nlohmann::json identity_document(const RunSpec& spec, const std::string& data_manifest_sha256,
                                 const nlohmann::json& param_files, const std::string& build_id,
                                 const nlohmann::json& device) {
  return {
      {"spec", spec.json},
      {"plugins",
       {{"dataset", spec.dataset->sha256}, {"model", spec.model->sha256}, {"loss", spec.loss->sha256}}},
      {"data_manifest_sha256", data_manifest_sha256},
      {"param_files", param_files},
      {"build_id", build_id},
      {"device", device},
  };
}

std::string run_id_of(const nlohmann::json& identity_document) {
  return sha256_hex(identity_document.dump());
}

}  // namespace eorun
