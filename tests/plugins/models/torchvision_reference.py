#!/usr/bin/env python3
"""torchvision references for eorun's model plugins (resnet, vgg, densenet, inception_v3,
efficientnet): the parity tests in tests/plugins/models and tests/integration run it with Debian's
Python.

Usage:
  torchvision_reference.py logits MODEL OUT_DIR
      MODEL (a torchvision builder: resnet18, vgg11_bn, densenet121, ...) for 12 bands and 19
      classes from a fixed seed, and in OUT_DIR, with torch.save: state_dict.pt (its state_dict),
      input.pt (a batch of two) and logits.pt (its logits for the batch in eval mode).
  torchvision_reference.py exported MODEL FILE BANDS CLASSES SIDE OUT_DIR
      MODEL for BANDS bands and CLASSES classes, FILE (what `eorun export` wrote: .safetensors or
      .pt) loaded with load_state_dict(strict=True); in OUT_DIR input.pt (a batch of two
      SIDE x SIDE patches from a fixed seed) and logits.pt (its logits in eval mode).
  torchvision_reference.py keys MODEL
      MODEL's state_dict keys with torchvision's defaults, one a line (data/MODEL_keys.txt).
  torchvision_reference.py counts
      the resnet parameter counts pinned in resnet_test.cpp.

The first convolution of every model is replaced by one of the same shape taking the given bands,
as eorun's plugins build it. `logits` gives every batch norm random affine parameters and running
statistics, so that a tensor loaded into the wrong place shows in the logits. The batch is
[2, 12, 32, 32]; [2, 12, 64, 64] for a resnet and [2, 12, 80, 80] for inception_v3. inception_v3
is built without its auxiliary classifier, with PyTorch's default initialisation and batch-norm
statistics measured on the batch (calibrate_batch_norms), and fed the batch resized to 299x299
(bilinear, align_corners=False), as eorun's plugin resizes inside the model.

Exits 3 when torch or torchvision cannot be imported, 2 on bad usage.
"""
import os
import sys

try:
    import torch
    import torchvision.models
except ImportError as error:
    sys.stderr.write(f"torchvision_reference.py: cannot import torch or torchvision ({error}); "
                     "run scripts/install-deps.sh, which installs python3-torch and "
                     "python3-torchvision\n")
    sys.exit(3)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "core", "weights"))
from safetensors_reference import load as load_safetensors  # noqa: E402

BANDS = 12
CLASSES = 19
BATCH = 2
SEED = 20240
# The side of the `logits` batch: above each architecture's minimum (resnet 33, inception_v3 75).
SIDES = {"resnet": 64, "inception_v3": 80}
SIDE = 32
INCEPTION_INPUT = 299
# Builder arguments besides num_classes: the auxiliary classifier off, as the plugin's default;
# PyTorch's default initialisation (torchvision's std 0.1 weights give logits near 1e13 with
# random batch-norm statistics).
BUILDER_ARGS = {"inception_v3": {"aux_logits": False, "init_weights": False}}
RESNET_DEPTHS = (18, 34, 50, 101)


def with_bands(model, bands):
    """The model with its first convolution replaced by one taking `bands` input channels."""
    path = next(name for name, m in model.named_modules() if isinstance(m, torch.nn.Conv2d))
    parent_path, _, name = path.rpartition(".")
    parent = model.get_submodule(parent_path)
    old = getattr(parent, name)
    new = torch.nn.Conv2d(bands, old.out_channels, old.kernel_size, old.stride, old.padding,
                          bias=old.bias is not None)
    torch.nn.init.kaiming_normal_(new.weight)
    setattr(parent, name, new)
    return model


def build(name, bands, classes):
    builder = getattr(torchvision.models, name)
    return with_bands(builder(num_classes=classes, **BUILDER_ARGS.get(name, {})), bands)


def randomise_batch_norms(model):
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)
                m.running_mean.normal_(0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
            elif isinstance(m, torch.nn.Linear):
                # PyTorch's default initialisation: logits of order 1 rather than 0.01.
                m.reset_parameters()


def calibrate_batch_norms(model, x):
    """Running statistics measured on `x` (one pass in train mode), then moved a little.

    Made-up statistics drift further from the real ones at each of inception_v3's 94 batch norms,
    so that its logits end up far too large or too small to show a wrong detail (an epsilon, the
    resize); measured ones keep every layer near unit scale.
    """
    norms = [m for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # a plain average: one batch gives its own statistics
    model.train()
    with torch.no_grad():
        model(x)
        for m in norms:
            m.momentum = 0.1
            m.running_mean.add_(0.1 * m.running_var.sqrt() * torch.randn_like(m.running_mean))
            m.running_var.mul_(torch.empty_like(m.running_var).uniform_(0.8, 1.25))
            m.num_batches_tracked.fill_(7)


def network_input(name, x):
    """What the network itself sees: inception_v3's plugin resizes to 299x299 inside the model."""
    if name != "inception_v3":
        return x
    return torch.nn.functional.interpolate(
        x, size=(INCEPTION_INPUT, INCEPTION_INPUT), mode="bilinear", align_corners=False)


def eval_logits(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def save_batch(out_dir, x, logits):
    os.makedirs(out_dir, exist_ok=True)
    torch.save(x, os.path.join(out_dir, "input.pt"))
    torch.save(logits, os.path.join(out_dir, "logits.pt"))


def write_logits(name, out_dir):
    torch.manual_seed(SEED)
    model = build(name, BANDS, CLASSES)
    randomise_batch_norms(model)
    side = next((s for prefix, s in SIDES.items() if name.startswith(prefix)), SIDE)
    x = torch.randn(BATCH, BANDS, side, side)
    if name == "inception_v3":
        calibrate_batch_norms(model, network_input(name, x))
    logits = eval_logits(model, network_input(name, x))
    save_batch(out_dir, x, logits)
    # A plain dict: LibTorch 1.13's torch::pickle_load reads an OrderedDict (what state_dict()
    # returns) as None.
    torch.save(dict(model.state_dict()), os.path.join(out_dir, "state_dict.pt"))


def write_exported_logits(name, path, bands, classes, side, out_dir):
    model = build(name, bands, classes)
    state = load_safetensors(path)[0] if path.endswith(".safetensors") else torch.load(path)
    model.load_state_dict(state, strict=True)
    torch.manual_seed(SEED)
    x = torch.randn(BATCH, bands, side, side)
    save_batch(out_dir, x, eval_logits(model, network_input(name, x)))


def print_keys(name):
    # torchvision's defaults (inception_v3: with AuxLogits); no initialisation is needed.
    args = {"init_weights": False} if name == "inception_v3" else {}
    for key in getattr(torchvision.models, name)(**args).state_dict():
        print(key)


def print_resnet_counts():
    for depth in RESNET_DEPTHS:
        name = f"resnet{depth}"
        rgb = sum(p.numel() for p in getattr(torchvision.models, name)().parameters())
        ms = sum(p.numel() for p in build(name, BANDS, CLASSES).parameters())
        print(f"{name}: 3 bands, 1000 classes {rgb}; {BANDS} bands, {CLASSES} classes {ms}")


def main(argv):
    if len(argv) == 4 and argv[1] == "logits":
        write_logits(argv[2], argv[3])
    elif len(argv) == 8 and argv[1] == "exported":
        write_exported_logits(argv[2], argv[3], int(argv[4]), int(argv[5]), int(argv[6]), argv[7])
    elif len(argv) == 3 and argv[1] == "keys":
        print_keys(argv[2])
    elif len(argv) == 2 and argv[1] == "counts":
        print_resnet_counts()
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
