// Band adaptation of a pretrained first layer (train/band_adaptation.hpp) and the conv1x1 band
// adapter (train/band_adapter_model.hpp), on tensors whose every value is known.
#include "train/band_adaptation.hpp"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include "eorun/error.hpp"
#include "train/band_adapter_model.hpp"
#include "train/model_groups.hpp"

namespace eorun {
namespace {

const std::vector<std::string> kRgb = {"B04", "B03", "B02"};

// [2 filters, 3 bands, 1, 1]: filter f, band b holds 10 * (f + 1) + b.
at::Tensor rgb_layer() {
  return torch::tensor({10.f, 11.f, 12.f, 20.f, 21.f, 22.f}).reshape({2, 3, 1, 1});
}

TEST(BandAdaptation, ParsesTheFourMethodsAndRefusesOthers) {
  for (const std::string& name : band_adapt_names()) EXPECT_EQ(band_adapt_text(parse_band_adapt(name)), name);
  try {
    parse_band_adapt("mean");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.subject(), "model.band_adapt");
  }
}

TEST(BandAdaptation, ByNameMovesFiltersToTheirBandsWhateverTheOrder) {
  const BandAdaptation adaptation = match_bands(BandAdapt::by_name, kRgb, {"B02", "B03", "B04"});
  EXPECT_EQ(adaptation.copied, kRgb);
  EXPECT_TRUE(adaptation.filled.empty());
  EXPECT_EQ(adaptation.summary(), "B04,B03,B02 copied");
  const at::Tensor adapted = adapt_first_layer(rgb_layer(), adaptation, "test");
  EXPECT_TRUE(adapted.equal(rgb_layer().flip(1)));
}

TEST(BandAdaptation, ByNameFillsOtherBandsWithTheMeanAndKeepsTheSumOverBands) {
  const std::vector<std::string> bands = {"B01", "B02", "B03", "B04", "B08", "B11"};
  const BandAdaptation adaptation = match_bands(BandAdapt::by_name, kRgb, bands);
  EXPECT_EQ(adaptation.filled, (std::vector<std::string>{"B01", "B08", "B11"}));
  EXPECT_EQ(adaptation.summary(), "B04,B03,B02 copied; 3 bands filled by_name");
  const at::Tensor adapted = adapt_first_layer(rgb_layer(), adaptation, "test");
  ASSERT_EQ(adapted.sizes().vec(), (std::vector<std::int64_t>{2, 6, 1, 1}));
  // Scaled by 3/6: B04 (run band 3) holds the first RGB filter column, halved.
  EXPECT_FLOAT_EQ(adapted[0][3][0][0].item<float>(), 5.0f);
  EXPECT_FLOAT_EQ(adapted[1][1][0][0].item<float>(), 11.0f);  // B02 of filter 2: 22 / 2
  EXPECT_FLOAT_EQ(adapted[0][0][0][0].item<float>(), 5.5f);   // B01: mean 11, halved
  EXPECT_TRUE(adapted.sum(1).allclose(rgb_layer().sum(1)));
}

TEST(BandAdaptation, ByNameWithoutACommonBandNamesBothSets) {
  const BandAdaptation adaptation = match_bands(BandAdapt::by_name, kRgb, {"VV", "VH"});
  try {
    adapt_first_layer(rgb_layer(), adaptation, "model.band_adapt");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.problem(), "no band in common: the weights were trained on B04,B03,B02, this run reads VV,VH");
  }
}

TEST(BandAdaptation, TileRepeatsAndScalesAsTimm) {
  const std::vector<std::string> bands = {"a", "b", "c", "d", "e"};
  const at::Tensor adapted = adapt_first_layer(rgb_layer(), match_bands(BandAdapt::tile, kRgb, bands), "test");
  ASSERT_EQ(adapted.size(1), 5);
  for (std::int64_t b = 0; b < 5; ++b)
    EXPECT_TRUE(adapted.select(1, b).equal(rgb_layer().select(1, b % 3).mul(3.0 / 5.0))) << b;
  const at::Tensor one = adapt_first_layer(rgb_layer(), match_bands(BandAdapt::tile, kRgb, {"gray"}), "test");
  EXPECT_TRUE(one.equal(rgb_layer().sum(1, true)));
}

struct TwoLayers : torch::nn::Module {
  TwoLayers()
      : conv(register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 4, 3).padding(1)))),
        head(register_module("head", torch::nn::Linear(4, 2))) {}
  torch::nn::Conv2d conv;
  torch::nn::Linear head;
};

class TwoLayerModel : public Model {
 public:
  at::Tensor forward(const std::vector<at::Tensor>& inputs) override {
    return module_->head->forward(module_->conv->forward(inputs.at(0)).mean({2, 3}));
  }
  std::shared_ptr<torch::nn::Module> module() override { return module_; }
  std::vector<ModuleGroup> groups() override {
    return {{"stem", {module_->conv.ptr()}}, {"head", {module_->head.ptr()}}};
  }
  std::shared_ptr<TwoLayers> module_ = std::make_shared<TwoLayers>();
};

TEST(BandAdaptation, TheFirstLayerIsTheFirstGroupsConvolutionOverTheInputBands) {
  TwoLayerModel model;
  const auto groups = checked_groups(model, "test");
  const auto layer = find_input_layer(groups, *model.module(), 3);
  ASSERT_TRUE(layer);
  EXPECT_EQ(layer->name, "conv1.weight");
  EXPECT_FALSE(find_input_layer(groups, *model.module(), 12)) << "no layer over 12 bands";
}

TEST(BandAdapterModel, StartsByPassingTheSharedBandsThroughAndKeepsTheNetworksNames) {
  torch::manual_seed(3);
  auto inner = std::make_shared<TwoLayerModel>();
  const std::vector<std::string> bands = {"B02", "B03", "B04", "B08"};
  std::shared_ptr<Model> adapted = with_band_adapter(inner, bands, kRgb);
  const auto groups = checked_groups(*adapted, "test");
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].name, kBandAdapterGroup);
  EXPECT_EQ(groups[0].parameter_names, (std::vector<std::string>{"band_adapter.weight", "band_adapter.bias"}));
  EXPECT_EQ(groups[1].parameter_names, (std::vector<std::string>{"conv1.weight", "conv1.bias"}));
  const at::Tensor x = torch::randn({2, 4, 5, 5});
  const at::Tensor rgb = x.index_select(1, torch::tensor({2, 1, 0}));
  EXPECT_TRUE(adapted->forward({x}).allclose(inner->forward({rgb}), 1e-5, 1e-6));
  adapted->module()->eval();
  EXPECT_FALSE(inner->module()->is_training()) << "the mode reaches the network's own root";
}

TEST(BandAdapterModel, APretrainedBandTheRunLacksStartsAsTheMeanOfTheRunsBands) {
  auto inner = std::make_shared<TwoLayerModel>();
  std::shared_ptr<Model> adapted = with_band_adapter(inner, {"B04", "B08"}, kRgb);
  const at::Tensor weight = adapted->module()->named_parameters()["band_adapter.weight"];
  EXPECT_TRUE(weight.flatten().equal(torch::tensor({1.f, 0.f, 0.5f, 0.5f, 0.5f, 0.5f})));
}

}  // namespace
}  // namespace eorun
