#!/usr/bin/env python3
"""torchvision references for eorun's resnet model plugin (tests/plugins/models/resnet_test.cpp).

Usage:
  torchvision_reference.py weights DEPTH OUT_DIR   reference weights and logits for the parity test
  torchvision_reference.py keys DEPTH              state-dict keys, one a line (data/resnetDEPTH_keys.txt)
  torchvision_reference.py counts                  parameter counts pinned in resnet_test.cpp

`weights` builds torchvision's resnetDEPTH for 12 bands and 19 classes (conv1 replaced by
Conv2d(12, 64, 7, 2, 3, bias=False), as eorun builds it) from a fixed seed, gives every batch-norm
layer random affine parameters and running statistics (so that a tensor copied into the wrong place
shows), and writes with torch.save:
  OUT_DIR/resnetDEPTH_state.pt   model.state_dict() as a plain dict
  OUT_DIR/resnetDEPTH_batch.pt   {"input": [2, 12, 64, 64], "logits": [2, 19]}, logits in eval mode
Exits 3 when torch or torchvision cannot be imported.
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

DEPTHS = (18, 34, 50, 101)
BANDS = 12
CLASSES = 19
SIDE = 64
BATCH = 2
SEED = 20240501


def resnet(depth, bands, classes):
    model = getattr(torchvision.models, f"resnet{depth}")(num_classes=classes)
    if bands != 3:
        model.conv1 = torch.nn.Conv2d(bands, 64, kernel_size=7, stride=2, padding=3, bias=False)
    return model


def randomise_batch_norm(model):
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.weight.uniform_(0.6, 1.1)
                module.bias.uniform_(-0.2, 0.2)
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 2.0)
                module.num_batches_tracked.fill_(7)


def write_weights(depth, out_dir):
    torch.manual_seed(SEED)
    model = resnet(depth, BANDS, CLASSES)
    randomise_batch_norm(model)
    model.eval()
    batch = torch.randn(BATCH, BANDS, SIDE, SIDE)
    with torch.no_grad():
        logits = model(batch)
    torch.save(dict(model.state_dict()), os.path.join(out_dir, f"resnet{depth}_state.pt"))
    torch.save({"input": batch, "logits": logits},
               os.path.join(out_dir, f"resnet{depth}_batch.pt"))


def print_keys(depth):
    for key in resnet(depth, 3, 1000).state_dict():
        print(key)


def print_counts():
    for depth in DEPTHS:
        rgb = sum(p.numel() for p in resnet(depth, 3, 1000).parameters())
        ms = sum(p.numel() for p in resnet(depth, BANDS, CLASSES).parameters())
        print(f"resnet{depth}: 3 bands, 1000 classes {rgb}; {BANDS} bands, {CLASSES} classes {ms}")


def main(argv):
    if len(argv) == 4 and argv[1] == "weights" and int(argv[2]) in DEPTHS:
        write_weights(int(argv[2]), argv[3])
    elif len(argv) == 3 and argv[1] == "keys" and int(argv[2]) in DEPTHS:
        print_keys(int(argv[2]))
    elif len(argv) == 2 and argv[1] == "counts":
        print_counts()
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
