#include "exec/pretrained_file.hpp"

#include <set>

#include "weights/weights_file.hpp"

namespace eorun {

PretrainedFileLoad apply_pretrained_file(const std::filesystem::path& file, torch::nn::Module& module,
                                         const CheckedGroup& head, bool copy) {
  const std::string source = "model.pretrained: file " + file.string();
  const WeightsFile weights = read_weights_file(file);
  const auto shapes = tensor_shapes(module);
  std::set<std::string> names;
  for (const auto& entry : shapes) names.insert(entry.first);
  const KeyMatch match = match_model_keys(weights.tensors, names, source);
  const bool reinitialise_head = head_differs(shapes, head, match.tensors);
  PretrainedFileLoad result;
  result.load = copy ? load_pretrained(module, head, match.tensors, reinitialise_head, source,
                                       PretrainedCoverage::partial)
                     : check_pretrained_fits(shapes, head, match.tensors, reinitialise_head, source,
                                             PretrainedCoverage::partial);
  result.source = WeightsFileSource{file.string(), weights.format, weights.found_under, match.prefix,
                                    result.load.missing, result.load.unexpected};
  return result;
}

}  // namespace eorun
