// @NAME@: an eorun loss plugin, binary cross-entropy on logits with a positive weight per class
// taken from the train split's counts (so rare classes count more), capped at `cap`.
//
// eorun makes the loss through `create`, telling it the task, the classes and how often each
// class occurs in the train split (LossContext, counted once per data set by eorun), then calls
// compute() on every batch.
#include <algorithm>
#include <memory>
#include <vector>

#include <torch/torch.h>

#include <eorun/plugin.hpp>

namespace {

class @CLASS@ final : public eorun::Loss {
 public:
  explicit @CLASS@(at::Tensor positive_weight) : positive_weight_(std::move(positive_weight)) {}

  // Scalar mean loss of a batch: logits [N, C] and targets [N, C] of 0/1 (multi-label).
  at::Tensor compute(const at::Tensor& logits, const at::Tensor& target) override {
    namespace F = torch::nn::functional;
    return F::binary_cross_entropy_with_logits(
        logits, target.to(logits.scalar_type()),
        F::BinaryCrossEntropyWithLogitsFuncOptions().pos_weight(
            positive_weight_.to(logits.device(), logits.scalar_type())));
  }

 private:
  at::Tensor positive_weight_;  // [C]: negatives / positives of each class in the train split
};

eorun::Loss* create(const eorun::Params& params, const eorun::LossContext& context) {
  // Bad input is an eorun::Error: eorun prints "eorun: error: <subject>: <problem>; <remedy>".
  if (context.task != eorun::Task::multi_label)
    throw eorun::Error("loss @NAME@", "needs a multi-label dataset, this one is single-label",
                       "use a loss for single-label tasks");
  const double cap = params.get_real("cap");
  std::vector<float> weight;
  for (std::int64_t positives : context.class_counts) {
    const double negatives = static_cast<double>(context.train_samples - positives);
    weight.push_back(static_cast<float>(std::min(cap, negatives / std::max<double>(1, positives))));
  }
  return new @CLASS@(torch::tensor(weight));
}

// The declared parameters: eorun checks every value a user gives (type, allowed values, bounds)
// before `create` runs, fills in defaults, and `eorun plugins show @NAME@` lists them.
// name, type, default (JSON text), allowed values (JSON array or nullptr), one-line doc
constexpr eorun::ParamSpec kParams[] = {
    eorun::ParamSpec{"cap", eorun::ParamType::real, "10.0", nullptr,
                     "largest positive weight of a class"}
        .greater_than(0),
};

}  // namespace

EORUN_DECLARE_PLUGIN(eorun::loss_plugin("@NAME@", "0.1.0",
                                        "class-weighted binary cross-entropy (made by eorun "
                                        "new-plugin)",
                                        kParams, &create))
