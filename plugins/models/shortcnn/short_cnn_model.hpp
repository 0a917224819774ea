// ShortCNN behind the eorun::Model interface, and its declared parameters.
#pragma once

#include <memory>
#include <vector>

#include "eorun/model.hpp"
#include "eorun/params.hpp"
#include "short_cnn.hpp"

namespace eorun::shortcnn {

// The plugin's parameters: input_size (integer, default 120, at least 4).
inline constexpr ParamSpec kParams[] = {
    ParamSpec{"input_size", ParamType::integer, "120", nullptr,
              "side of the square input patch in pixels, a multiple of 4 (BigEarthNet: 120)"}
        .at_least(4),
};

// Options from resolved parameters and the data the model will see: in_channels from
// context.inputs[0], num_classes from context.num_classes. Throws eorun::Error when the dataset's
// patches are not input_size x input_size or input_size is not a multiple of 4.
ShortCnnOptions options_from(const Params& params, const ModelContext& context);

class ShortCnnModel final : public Model {
 public:
  explicit ShortCnnModel(const ShortCnnOptions& options) : net_(options) {}

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override;
  std::shared_ptr<torch::nn::Module> module() override { return net_.ptr(); }
  // conv1, conv2, conv3, head: from input to output.
  std::vector<ModuleGroup> groups() override;

  ShortCnn& net() { return net_; }

 private:
  ShortCnn net_;
};

}  // namespace eorun::shortcnn
