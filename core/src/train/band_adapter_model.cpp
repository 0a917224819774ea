#include "train/band_adapter_model.hpp"

#include <algorithm>

#include <torch/torch.h>

namespace eorun {

namespace {

// The wrapper's module: the adapter and every child, parameter and buffer of the inner network's
// module under the inner names, so that the state dict keeps torchvision's names.
class BandAdapterModule : public torch::nn::Module {
 public:
  BandAdapterModule(std::shared_ptr<torch::nn::Module> inner, std::int64_t bands, std::int64_t pretrained)
      : inner_(std::move(inner)) {
    adapter = register_module(kBandAdapterGroup, torch::nn::Conv2d(torch::nn::Conv2dOptions(bands, pretrained, 1)));
    for (auto& item : inner_->named_parameters(/*recurse=*/false))
      register_parameter(item.key(), item.value(), item.value().requires_grad());
    for (auto& item : inner_->named_buffers(/*recurse=*/false)) register_buffer(item.key(), item.value());
    for (auto& item : inner_->named_children()) register_module(item.key(), item.value());
  }
  // The inner root module is no child (its children are), so its own mode follows here: a
  // forward that asks is_training() of it sees the right answer.
  void train(bool on) override {
    torch::nn::Module::train(on);
    inner_->train(on);
  }
  torch::nn::Conv2d adapter{nullptr};

 private:
  std::shared_ptr<torch::nn::Module> inner_;
};

class BandAdapterModel : public Model {
 public:
  BandAdapterModel(std::shared_ptr<Model> inner, const std::vector<std::string>& bands,
                   const std::vector<std::string>& pretrained_bands)
      : inner_(std::move(inner)),
        module_(std::make_shared<BandAdapterModule>(inner_->module(), static_cast<std::int64_t>(bands.size()),
                                                    static_cast<std::int64_t>(pretrained_bands.size()))) {
    torch::NoGradGuard no_grad;
    at::Tensor weight = module_->adapter->weight;
    weight.zero_();
    module_->adapter->bias.zero_();
    for (std::size_t p = 0; p < pretrained_bands.size(); ++p) {
      const auto found = std::find(bands.begin(), bands.end(), pretrained_bands[p]);
      if (found != bands.end())
        weight[static_cast<std::int64_t>(p)][found - bands.begin()].fill_(1.0);
      else
        weight[static_cast<std::int64_t>(p)].fill_(1.0 / static_cast<double>(bands.size()));
    }
  }

  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    std::vector<at::Tensor> adapted = inputs;
    adapted.at(0) = module_->adapter->forward(inputs.at(0));
    return inner_->forward(adapted);
  }

  std::shared_ptr<torch::nn::Module> module() override { return module_; }

  std::vector<ModuleGroup> groups() override {
    std::vector<ModuleGroup> groups = {{kBandAdapterGroup, {module_->adapter.ptr()}}};
    for (ModuleGroup& group : inner_->groups()) groups.push_back(std::move(group));
    return groups;
  }

 private:
  std::shared_ptr<Model> inner_;
  std::shared_ptr<BandAdapterModule> module_;
};

}  // namespace

std::shared_ptr<Model> with_band_adapter(std::shared_ptr<Model> inner, const std::vector<std::string>& bands,
                                         const std::vector<std::string>& pretrained_bands) {
  return std::make_shared<BandAdapterModel>(std::move(inner), bands, pretrained_bands);
}

}  // namespace eorun
