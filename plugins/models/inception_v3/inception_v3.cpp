#include "inception_v3.hpp"

#include <vector>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/functional/upsampling.h>
#include <torch/nn/init.h>
#include <torch/utils.h>

#include "eorun/error.hpp"

namespace eorun::inception {

namespace {

namespace F = torch::nn::functional;

constexpr double kBatchNormEps = 0.001;
constexpr double kDropout = 0.5;
constexpr std::int64_t kFeatures = 2048;     // channels after Mixed_7c
constexpr std::int64_t kAuxChannels = 768;   // Mixed_6e's output, AuxLogits' input and conv1
constexpr double kWeightStd = 0.1;           // every Conv2d and Linear weight
constexpr double kAuxFcWeightStd = 0.001;    // AuxLogits.fc.weight
constexpr double kTruncation = 2.0;          // weights are cut to [-2, 2]
constexpr std::size_t kConvsBeforeMaxpool1 = 3;  // Conv2d_1a_3x3, Conv2d_2a_3x3, Conv2d_2b_3x3

// A k x k convolution with stride and padding `pad` on both axes.
ConvShape square(std::int64_t in, std::int64_t out, std::int64_t k, std::int64_t stride = 1,
                 std::int64_t pad = 0) {
  return {in, out, k, k, stride, pad, pad};
}

// A 1 x k (row) or k x 1 (column) convolution that keeps the map's size.
ConvShape row(std::int64_t in, std::int64_t out, std::int64_t k) {
  return {in, out, 1, k, 1, 0, k / 2};
}
ConvShape column(std::int64_t in, std::int64_t out, std::int64_t k) {
  return {in, out, k, 1, 1, k / 2, 0};
}

// Draws `tensor` from normal(0, std) cut to [-bound, bound]. torchvision truncates by the inverse
// normal CDF; the bounds here lie at least 20 standard deviations out, where the two methods give
// the same draws but for a probability below 1e-80, and normal_ is ten times faster than the
// inverse CDF on the 24 million weights.
void truncated_normal_(at::Tensor tensor, double std, double bound) {
  tensor.normal_(0.0, std);
  tensor.clamp_(-bound, bound);
}

// torchvision's Inception3 initialisation, over every submodule.
void initialise(torch::nn::Module& net, const InceptionAux& aux) {
  torch::NoGradGuard no_grad;
  for (const auto& module : net.modules(/*include_self=*/false)) {
    if (auto* conv = module->as<torch::nn::Conv2d>()) {
      truncated_normal_(conv->weight, kWeightStd, kTruncation);
    } else if (auto* linear = module->as<torch::nn::Linear>()) {
      truncated_normal_(linear->weight,
                        aux && linear == aux->fc.get() ? kAuxFcWeightStd : kWeightStd,
                        kTruncation);
    } else if (auto* norm = module->as<torch::nn::BatchNorm2d>()) {
      torch::nn::init::ones_(norm->weight);
      torch::nn::init::zeros_(norm->bias);
    }
  }
}

at::Tensor average_pool_3x3(const at::Tensor& x) {
  return F::avg_pool2d(x, F::AvgPool2dFuncOptions(3).stride(1).padding(1));
}

at::Tensor max_pool_3x3_stride_2(const at::Tensor& x) {
  return F::max_pool2d(x, F::MaxPool2dFuncOptions(3).stride(2));
}

const char* kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::a: return "A";
    case BlockKind::b: return "B";
    case BlockKind::c: return "C";
    case BlockKind::d: return "D";
    case BlockKind::e: return "E";
  }
  return "?";
}

}  // namespace

BasicConv2dImpl::BasicConv2dImpl(const ConvShape& shape_) : shape(shape_) { reset(); }

void BasicConv2dImpl::reset() {
  conv = register_module(
      "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(shape.in, shape.out,
                                                         {shape.kernel_h, shape.kernel_w})
                                    .stride(shape.stride)
                                    .padding({shape.pad_h, shape.pad_w})
                                    .bias(false)));
  bn = register_module("bn",
                       torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(shape.out).eps(
                           kBatchNormEps)));
}

void BasicConv2dImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::inception::BasicConv2d(" << shape.in << ", " << shape.out << ", kernel="
         << shape.kernel_h << "x" << shape.kernel_w << ", stride=" << shape.stride
         << ", padding=" << shape.pad_h << "x" << shape.pad_w << ")";
}

at::Tensor BasicConv2dImpl::forward(const at::Tensor& x) { return at::relu(bn(conv(x))); }

InceptionBlockImpl::InceptionBlockImpl(BlockKind kind_, std::int64_t in_channels_,
                                       std::int64_t width_)
    : kind(kind_), in_channels(in_channels_), width(width_) {
  reset();
}

void InceptionBlockImpl::add(const std::string& name, const ConvShape& shape) {
  convs_.insert_or_assign(name, register_module(name, BasicConv2d(shape)));
}

at::Tensor InceptionBlockImpl::run(const std::string& name, const at::Tensor& x) {
  return convs_.at(name)->forward(x);
}

// The branches in torchvision's order of construction (which is the state_dict's order).
void InceptionBlockImpl::reset() {
  convs_.clear();
  const std::int64_t in = in_channels;
  switch (kind) {
    case BlockKind::a:
      add("branch1x1", square(in, 64, 1));
      add("branch5x5_1", square(in, 48, 1));
      add("branch5x5_2", square(48, 64, 5, 1, 2));
      add("branch3x3dbl_1", square(in, 64, 1));
      add("branch3x3dbl_2", square(64, 96, 3, 1, 1));
      add("branch3x3dbl_3", square(96, 96, 3, 1, 1));
      add("branch_pool", square(in, width, 1));
      break;
    case BlockKind::b:
      add("branch3x3", square(in, 384, 3, 2));
      add("branch3x3dbl_1", square(in, 64, 1));
      add("branch3x3dbl_2", square(64, 96, 3, 1, 1));
      add("branch3x3dbl_3", square(96, 96, 3, 2));
      break;
    case BlockKind::c:
      add("branch1x1", square(in, 192, 1));
      add("branch7x7_1", square(in, width, 1));
      add("branch7x7_2", row(width, width, 7));
      add("branch7x7_3", column(width, 192, 7));
      add("branch7x7dbl_1", square(in, width, 1));
      add("branch7x7dbl_2", column(width, width, 7));
      add("branch7x7dbl_3", row(width, width, 7));
      add("branch7x7dbl_4", column(width, width, 7));
      add("branch7x7dbl_5", row(width, 192, 7));
      add("branch_pool", square(in, 192, 1));
      break;
    case BlockKind::d:
      add("branch3x3_1", square(in, 192, 1));
      add("branch3x3_2", square(192, 320, 3, 2));
      add("branch7x7x3_1", square(in, 192, 1));
      add("branch7x7x3_2", row(192, 192, 7));
      add("branch7x7x3_3", column(192, 192, 7));
      add("branch7x7x3_4", square(192, 192, 3, 2));
      break;
    case BlockKind::e:
      add("branch1x1", square(in, 320, 1));
      add("branch3x3_1", square(in, 384, 1));
      add("branch3x3_2a", row(384, 384, 3));
      add("branch3x3_2b", column(384, 384, 3));
      add("branch3x3dbl_1", square(in, 448, 1));
      add("branch3x3dbl_2", square(448, 384, 3, 1, 1));
      add("branch3x3dbl_3a", row(384, 384, 3));
      add("branch3x3dbl_3b", column(384, 384, 3));
      add("branch_pool", square(in, 192, 1));
      break;
  }
}

std::int64_t InceptionBlockImpl::out_channels() const {
  switch (kind) {
    case BlockKind::a: return 64 + 64 + 96 + width;
    case BlockKind::b: return 384 + 96 + in_channels;
    case BlockKind::c: return 4 * 192;
    case BlockKind::d: return 320 + 192 + in_channels;
    case BlockKind::e: return 320 + 2 * 384 + 2 * 384 + 192;
  }
  return 0;
}

void InceptionBlockImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::inception::Inception" << kind_name(kind) << "(in_channels=" << in_channels;
  if (kind == BlockKind::a) stream << ", pool_features=" << width;
  if (kind == BlockKind::c) stream << ", channels_7x7=" << width;
  stream << ")";
}

at::Tensor InceptionBlockImpl::forward(const at::Tensor& x) {
  switch (kind) {
    case BlockKind::a:
      return at::cat({run("branch1x1", x), run("branch5x5_2", run("branch5x5_1", x)),
                      run("branch3x3dbl_3", run("branch3x3dbl_2", run("branch3x3dbl_1", x))),
                      run("branch_pool", average_pool_3x3(x))},
                     1);
    case BlockKind::b:
      return at::cat({run("branch3x3", x),
                      run("branch3x3dbl_3", run("branch3x3dbl_2", run("branch3x3dbl_1", x))),
                      max_pool_3x3_stride_2(x)},
                     1);
    case BlockKind::c: {
      const at::Tensor single =
          run("branch7x7_3", run("branch7x7_2", run("branch7x7_1", x)));
      at::Tensor twice = run("branch7x7dbl_1", x);
      for (const char* name :
           {"branch7x7dbl_2", "branch7x7dbl_3", "branch7x7dbl_4", "branch7x7dbl_5"})
        twice = run(name, twice);
      return at::cat({run("branch1x1", x), single, twice, run("branch_pool", average_pool_3x3(x))},
                     1);
    }
    case BlockKind::d: {
      at::Tensor seven = run("branch7x7x3_1", x);
      for (const char* name : {"branch7x7x3_2", "branch7x7x3_3", "branch7x7x3_4"})
        seven = run(name, seven);
      return at::cat({run("branch3x3_2", run("branch3x3_1", x)), seven, max_pool_3x3_stride_2(x)},
                     1);
    }
    case BlockKind::e: {
      const at::Tensor single = run("branch3x3_1", x);
      const at::Tensor twice = run("branch3x3dbl_2", run("branch3x3dbl_1", x));
      return at::cat({run("branch1x1", x), run("branch3x3_2a", single),
                      run("branch3x3_2b", single), run("branch3x3dbl_3a", twice),
                      run("branch3x3dbl_3b", twice), run("branch_pool", average_pool_3x3(x))},
                     1);
    }
  }
  return x;
}

InceptionAuxImpl::InceptionAuxImpl(std::int64_t in_channels_, std::int64_t num_classes_)
    : in_channels(in_channels_), num_classes(num_classes_) {
  reset();
}

void InceptionAuxImpl::reset() {
  conv0 = register_module("conv0", BasicConv2d(square(in_channels, 128, 1)));
  conv1 = register_module("conv1", BasicConv2d(square(128, kAuxChannels, 5)));
  fc = register_module("fc", torch::nn::Linear(kAuxChannels, num_classes));
}

void InceptionAuxImpl::pretty_print(std::ostream& stream) const {
  stream << "eorun::inception::InceptionAux(in_channels=" << in_channels
         << ", num_classes=" << num_classes << ")";
}

at::Tensor InceptionAuxImpl::forward(const at::Tensor& x) {
  const at::Tensor pooled = F::avg_pool2d(x, F::AvgPool2dFuncOptions(5).stride(3));
  const at::Tensor features = conv1(conv0(pooled));
  return fc(F::adaptive_avg_pool2d(features, F::AdaptiveAvgPool2dFuncOptions({1, 1})).flatten(1));
}

InceptionV3Impl::InceptionV3Impl(const InceptionV3Options& options_) : options(options_) {
  reset();
}

void InceptionV3Impl::reset() {
  if (options.in_channels() < 1 || options.num_classes() < 1)
    throw Error("model inception_v3", "needs at least one input band and one class",
                "check the dataset's bands and classes");
  const auto pool = [] { return torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(3).stride(2)); };
  stem_convs_.clear();
  const auto stem = [this](const char* name, const ConvShape& shape) {
    stem_convs_.push_back(register_module(name, BasicConv2d(shape)));
  };
  stem("Conv2d_1a_3x3", square(options.in_channels(), 32, 3, 2));
  stem("Conv2d_2a_3x3", square(32, 32, 3));
  stem("Conv2d_2b_3x3", square(32, 64, 3, 1, 1));
  maxpool1_ = register_module("maxpool1", pool());
  stem("Conv2d_3b_1x1", square(64, 80, 1));
  stem("Conv2d_4a_3x3", square(80, 192, 3));
  maxpool2_ = register_module("maxpool2", pool());

  mixed_.clear();
  std::int64_t channels = 192;
  const auto mixed = [this, &channels](const char* name, BlockKind kind, std::int64_t width = 0) {
    mixed_.push_back(register_module(name, InceptionBlock(kind, channels, width)));
    channels = mixed_.back()->out_channels();
  };
  mixed("Mixed_5b", BlockKind::a, 32);
  mixed("Mixed_5c", BlockKind::a, 64);
  mixed("Mixed_5d", BlockKind::a, 64);
  mixed("Mixed_6a", BlockKind::b);
  mixed("Mixed_6b", BlockKind::c, 128);
  mixed("Mixed_6c", BlockKind::c, 160);
  mixed("Mixed_6d", BlockKind::c, 160);
  mixed("Mixed_6e", BlockKind::c, 192);
  aux = nullptr;
  if (options.aux_logits())
    aux = register_module("AuxLogits", InceptionAux(channels, options.num_classes()));
  mixed("Mixed_7a", BlockKind::d);
  mixed("Mixed_7b", BlockKind::e);
  mixed("Mixed_7c", BlockKind::e);

  register_module("avgpool", torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions(1)));
  dropout_ = register_module("dropout", torch::nn::Dropout(kDropout));
  fc = register_module("fc", torch::nn::Linear(kFeatures, options.num_classes()));
  initialise(*this, aux);
}

std::shared_ptr<torch::nn::Module> InceptionV3Impl::child(const std::string& name) const {
  const auto children = named_children();
  const auto* found = children.find(name);
  if (found == nullptr)
    throw Error("model inception_v3", "has no module " + name,
                "name one of Conv2d_1a_3x3 ... Conv2d_4a_3x3, maxpool1, maxpool2, Mixed_5b ... "
                "Mixed_7c, AuxLogits (with aux_logits), avgpool, dropout, fc");
  return *found;
}

void InceptionV3Impl::pretty_print(std::ostream& stream) const {
  stream << "eorun::inception::InceptionV3(in_channels=" << options.in_channels()
         << ", num_classes=" << options.num_classes()
         << ", aux_logits=" << (options.aux_logits() ? "true" : "false") << ")";
}

at::Tensor InceptionV3Impl::forward(const at::Tensor& x) {
  at::Tensor y = x;
  if (y.size(2) != kInputSide || y.size(3) != kInputSide)
    y = F::interpolate(y, F::InterpolateFuncOptions()
                              .size(std::vector<std::int64_t>{kInputSide, kInputSide})
                              .mode(torch::kBilinear)
                              .align_corners(false));
  for (std::size_t i = 0; i < stem_convs_.size(); ++i) {
    y = stem_convs_[i]->forward(y);
    if (i + 1 == kConvsBeforeMaxpool1) y = maxpool1_(y);
  }
  y = maxpool2_(y);
  for (InceptionBlock& block : mixed_) y = block->forward(y);
  y = F::adaptive_avg_pool2d(y, F::AdaptiveAvgPool2dFuncOptions({1, 1}));
  return fc(dropout_(y).flatten(1));
}

}  // namespace eorun::inception
