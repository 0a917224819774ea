#!/usr/bin/env python3
"""torchvision reference for eorun's vgg, densenet, inception_v3 and efficientnet model plugins
(vgg_test.cpp, densenet_test.cpp, inception_v3_test.cpp, efficientnet_test.cpp).

Usage:
  torchvision_reference_vd.py logits MODEL OUT_DIR   (MODEL: a torchvision builder, e.g. vgg11_bn)
  torchvision_reference_vd.py keys MODEL             (prints the state_dict keys, one a line)

`logits` builds MODEL for 12 bands and 19 classes from a fixed seed (its first convolution
replaced by a 12-band one of the same shape), gives every batch norm random affine parameters and
running statistics so that a misplaced buffer shows in the logits, and writes with torch.save, in
OUT_DIR: state_dict.pt (the model's state_dict), input.pt (a [2, 12, 32, 32] batch; [2, 12, 80,
80] for inception_v3) and logits.pt (the model's logits for it in eval mode). inception_v3 is
built without its auxiliary classifier, with PyTorch's default initialisation and batch-norm
statistics measured on the batch (calibrate_batch_norms), and fed the batch resized to 299x299
(bilinear, align_corners=False), as eorun's plugin resizes inside the model. Exits 3 when torch
or torchvision cannot be imported.
"""
import os
import sys

try:
    import torch
    import torchvision.models
except ImportError as error:
    sys.stderr.write(f"torchvision_reference_vd.py: cannot import torch or torchvision ({error}); "
                     "run scripts/install-deps.sh, which installs python3-torch and "
                     "python3-torchvision\n")
    sys.exit(3)

BANDS = 12
CLASSES = 19
BATCH = 2
SIDE = 32
SEED = 20240
# inception_v3: a side of at least 75 (the plugin's minimum), resized to 299 before the network.
INCEPTION_SIDE = 80
INCEPTION_INPUT = 299
# Builder arguments besides num_classes: the auxiliary classifier off, as the plugin's default;
# PyTorch's default initialisation (torchvision's std 0.1 weights give logits near 1e13 with
# random batch-norm statistics).
BUILDER_ARGS = {"inception_v3": {"aux_logits": False, "init_weights": False}}


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


def write_logits(name, out_dir):
    torch.manual_seed(SEED)
    builder = getattr(torchvision.models, name)
    model = with_bands(builder(num_classes=CLASSES, **BUILDER_ARGS.get(name, {})), BANDS)
    randomise_batch_norms(model)
    inception = name == "inception_v3"
    side = INCEPTION_SIDE if inception else SIDE
    x = torch.randn(BATCH, BANDS, side, side)
    network_input = x
    if inception:
        network_input = torch.nn.functional.interpolate(
            x, size=(INCEPTION_INPUT, INCEPTION_INPUT), mode="bilinear", align_corners=False)
        calibrate_batch_norms(model, network_input)
    model.eval()
    with torch.no_grad():
        logits = model(network_input)
    os.makedirs(out_dir, exist_ok=True)
    # A plain dict: LibTorch 1.13's torch::pickle_load reads an OrderedDict (what state_dict()
    # returns) as None.
    torch.save(dict(model.state_dict()), os.path.join(out_dir, "state_dict.pt"))
    torch.save(x, os.path.join(out_dir, "input.pt"))
    torch.save(logits, os.path.join(out_dir, "logits.pt"))


def main(argv):
    if len(argv) == 4 and argv[1] == "logits":
        write_logits(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "keys":
        # torchvision's defaults (inception_v3: with AuxLogits); no initialisation is needed.
        args = {"init_weights": False} if argv[2] == "inception_v3" else {}
        for key in getattr(torchvision.models, argv[2])(**args).state_dict():
            print(key)
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
