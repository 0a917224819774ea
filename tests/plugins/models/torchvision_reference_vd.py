#!/usr/bin/env python3
"""torchvision reference for eorun's vgg and densenet model plugins (vgg_test.cpp, densenet_test.cpp).

Usage:
  torchvision_reference_vd.py logits MODEL OUT_DIR   (MODEL: a torchvision builder, e.g. vgg11_bn)
  torchvision_reference_vd.py keys MODEL             (prints the state_dict keys, one a line)

`logits` builds MODEL for 12 bands and 19 classes from a fixed seed (its first convolution
replaced by a 12-band one of the same shape), gives every batch norm random affine parameters and
running statistics so that a misplaced buffer shows in the logits, and writes with torch.save, in
OUT_DIR: state_dict.pt (the model's state_dict), input.pt (a [2, 12, 32, 32] batch) and
logits.pt (the model's logits for it in eval mode). Exits 3 when torch or torchvision cannot be
imported.
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


def with_bands(model, bands):
    """The model with its first convolution replaced by one taking `bands` input channels."""
    parent, name = (model.features, "0") if isinstance(model, torchvision.models.VGG) else \
        (model.features, "conv0")
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


def write_logits(name, out_dir):
    torch.manual_seed(SEED)
    model = with_bands(getattr(torchvision.models, name)(num_classes=CLASSES), BANDS)
    randomise_batch_norms(model)
    model.eval()
    x = torch.randn(BATCH, BANDS, SIDE, SIDE)
    with torch.no_grad():
        logits = model(x)
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
        for key in getattr(torchvision.models, argv[2])().state_dict():
            print(key)
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main(sys.argv)
