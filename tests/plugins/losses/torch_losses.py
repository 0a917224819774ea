#!/usr/bin/env python3
"""PyTorch reference values for eorun's loss plugins (tests/plugins/losses/torch_parity_test.cpp).

Usage: torch_losses.py OUT.json

Writes one case per (loss, parameters, task): the batch (random logits and targets from a fixed
seed), the train split's counts (some classes with none), and torch's loss and its gradient with
respect to the logits, all float64. The focal loss is torchvision.ops.sigmoid_focal_loss itself.
The asymmetric loss has no torch or torchvision function, so the ASL authors' AsymmetricLoss is
written out here as published, with a mean instead of its sum (see asymmetric_gradient for the one
place its autograd gives NaN). Exits 3 when torch or torchvision cannot be imported.
"""
import json
import sys

try:
    import torch
    import torchvision.ops
except ImportError as error:
    sys.stderr.write(f"torch_losses.py: cannot import torch or torchvision ({error}); "
                     "run scripts/install-deps.sh, which installs python3-torch and "
                     "python3-torchvision\n")
    sys.exit(3)

F = torch.nn.functional
DTYPE = torch.float64


def smoothed(t, s):
    return t * (1 - s) + s / 2


def bce(x, t, counts, samples, label_smoothing=0.0):
    return torch.nn.BCEWithLogitsLoss()(x, smoothed(t, label_smoothing))


def weighted_bce(x, t, counts, samples, max_weight=10.0, label_smoothing=0.0):
    weight = [max_weight if n == 0 else min((samples - n) / n, max_weight) for n in counts]
    return torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor(weight, dtype=DTYPE))(
        x, smoothed(t, label_smoothing))


def focal(x, t, counts, samples, gamma=2.0, alpha=0.25):
    return torchvision.ops.sigmoid_focal_loss(x, t, alpha=alpha, gamma=gamma, reduction="mean")


def asymmetric(x, t, counts, samples, gamma_pos=0.0, gamma_neg=4.0, clip=0.05, eps=1e-8):
    # AsymmetricLoss of github.com/Alibaba-MIIL/ASL (src/loss_functions/losses.py), -mean not -sum.
    xs_pos = torch.sigmoid(x)
    xs_neg = 1 - xs_pos
    if clip > 0:
        xs_neg = (xs_neg + clip).clamp(max=1)
    loss = t * torch.log(xs_pos.clamp(min=eps)) + (1 - t) * torch.log(xs_neg.clamp(min=eps))
    if gamma_neg > 0 or gamma_pos > 0:
        pt = xs_pos * t + xs_neg * (1 - t)
        gamma = gamma_pos * t + gamma_neg * (1 - t)
        loss = loss * torch.pow(1 - pt, gamma)
    return -loss.mean()


def asymmetric_gradient(grad, x, t, params):
    """The published ASL formula's autograd gives NaN for a gamma in (0, 1) where its focusing
    base 1 - pt is exactly 0: 0 * inf. That happens at negatives shifted to p_m = 0 (sigmoid(x) <=
    clip), where the term is identically 0 around x, so its derivative is 0. Those entries, and
    only those, become 0; any other NaN is an error."""
    nan = grad.isnan()
    clipped = (t == 0) & (torch.sigmoid(x) <= params.get("clip", 0.05))
    if (nan & ~clipped).any():
        raise ValueError("asymmetric: NaN gradient outside the clipped negatives")
    return torch.where(nan, torch.zeros_like(grad), grad), int(nan.sum())


def cross_entropy(x, y, counts, samples, weights="none", label_smoothing=0.0):
    weight = None
    if weights == "inverse_frequency":  # N / (C * n_c), a class without samples counted as one
        weight = torch.tensor([samples / (len(counts) * max(n, 1)) for n in counts], dtype=DTYPE)
    return F.cross_entropy(x, y, weight=weight, label_smoothing=label_smoothing)


def mse_multi(x, t, counts, samples):
    return F.mse_loss(torch.sigmoid(x), t)


def mse_single(x, y, counts, samples):
    return F.mse_loss(F.softmax(x, dim=1), F.one_hot(y, x.shape[1]).to(DTYPE))


# (plugin, task, eorun parameters, reference); the parameters are passed to the reference as
# keyword arguments.
CASES = [
    ("bce", "multi_label", {}, bce),
    ("bce", "multi_label", {"label_smoothing": 0.1}, bce),
    ("weighted_bce", "multi_label", {}, weighted_bce),
    ("weighted_bce", "multi_label", {"max_weight": 2.5, "label_smoothing": 0.2}, weighted_bce),
    ("focal", "multi_label", {}, focal),
    ("focal", "multi_label", {"gamma": 0.0, "alpha": -1.0}, focal),
    ("focal", "multi_label", {"gamma": 0.5, "alpha": 0.75}, focal),
    ("focal", "multi_label", {"gamma": 3.0, "alpha": -0.5}, focal),
    ("focal", "multi_label", {"gamma": 1.0, "alpha": 0.0}, focal),
    ("asymmetric", "multi_label", {}, asymmetric),
    ("asymmetric", "multi_label", {"gamma_pos": 1.0, "gamma_neg": 2.0, "clip": 0.0}, asymmetric),
    ("asymmetric", "multi_label", {"gamma_pos": 0.5, "gamma_neg": 0.5, "clip": 0.2}, asymmetric),
    ("cross_entropy", "single_label", {}, cross_entropy),
    ("cross_entropy", "single_label", {"label_smoothing": 0.15}, cross_entropy),
    ("cross_entropy", "single_label", {"weights": "inverse_frequency"}, cross_entropy),
    ("cross_entropy", "single_label", {"weights": "inverse_frequency", "label_smoothing": 0.1},
     cross_entropy),
    ("mse", "multi_label", {}, mse_multi),
    ("mse", "single_label", {}, mse_single),
]

SEED = 20240611
SAMPLES, CLASSES, TRAIN = 12, 6, 40


def data():
    """Batches and train-split counts for both tasks, from one seeded generator."""
    g = torch.Generator().manual_seed(SEED)
    logits = torch.randn(SAMPLES, CLASSES, generator=g, dtype=DTYPE) * 3
    # Multi-label train split: class 4 is never positive, class 5 always.
    train = (torch.rand(TRAIN, CLASSES, generator=g) < 0.3).to(DTYPE)
    train[:, 4] = 0
    train[:, 5] = 1
    multi = (torch.rand(SAMPLES, CLASSES, generator=g) < 0.4).to(DTYPE)
    multi[0, 4] = 1  # a batch (a val batch, say) may hold a class the train split lacks
    # Single-label train split: classes 4 and 5 have no sample; the batch holds both.
    train_labels = torch.randint(0, 4, (TRAIN,), generator=g)
    single = torch.randint(0, CLASSES, (SAMPLES,), generator=g)
    single[0], single[1] = 4, 5
    return {
        "multi_label": (logits, multi, [int(n) for n in train.sum(0)]),
        "single_label": (logits, single, [int(n) for n in torch.bincount(train_labels, minlength=CLASSES)]),
    }


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: torch_losses.py OUT.json\n")
        return 2
    batches = data()
    cases = []
    for loss, task, params, reference in CASES:
        logits, target, counts = batches[task]
        x = logits.clone().requires_grad_(True)
        value = reference(x, target, counts, TRAIN, **params)
        value.backward()
        grad, replaced = x.grad, 0
        if loss == "asymmetric":
            grad, replaced = asymmetric_gradient(grad, logits, target, params)
        if grad.isnan().any() or value.isnan():
            raise ValueError(f"{loss} {params}: NaN in torch's value or gradient")
        cases.append({
            "loss": loss, "task": task, "params": params,
            "train_samples": TRAIN, "class_counts": counts,
            "logits": logits.tolist(), "target": target.tolist(),
            "value": value.item(), "grad": grad.tolist(), "nan_gradients_set_to_zero": replaced,
        })
    with open(sys.argv[1], "w") as out:
        json.dump({"torch_version": torch.__version__, "seed": SEED, "cases": cases}, out, allow_nan=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
