"""Weights files for ShortCNN (3 bands, 16x16 input) as other tools write them, for the
model.pretrained = "file:PATH" tests.

    pretrained_weights_files.py FOLDER
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "weights"))
from safetensors_reference import save  # noqa: E402


def shortcnn(bands, classes):
    """ShortCNN's parameters under eorun's (torchvision-style) names, for a 16x16 input."""
    return torch.nn.ModuleDict({"conv1": torch.nn.Conv2d(bands, 32, 5, padding=2),
                                "conv2": torch.nn.Conv2d(32, 32, 5, padding=2),
                                "conv3": torch.nn.Conv2d(32, 64, 3, padding=1),
                                "head": torch.nn.Linear(64 * 4 * 4, classes)})


def main(folder):
    torch.manual_seed(0)
    # A training script's checkpoint of a DataParallel model with 7 classes and an extra layer.
    state = {"module." + k: v for k, v in shortcnn(3, 7).state_dict().items()}
    state["module.aux.weight"] = torch.ones(2)
    torch.save({"epoch": 9, "args": argparse.Namespace(lr=0.1), "state_dict": state},
               os.path.join(folder, "checkpoint.pth"))
    # The same architecture with 4 classes, as safetensors under the model's own names.
    save(os.path.join(folder, "four_classes.safetensors"), dict(shortcnn(3, 4).state_dict()),
         {"bands": "B04,B03,B02"})
    # 12 bands: the first layer does not fit a 3-band run.
    torch.save(shortcnn(12, 4).state_dict(), os.path.join(folder, "twelve_bands.pt"))
    # Another architecture altogether.
    torch.save(torch.nn.Sequential(torch.nn.Linear(3, 2)).state_dict(), os.path.join(folder, "other.pt"))


if __name__ == "__main__":
    main(sys.argv[1])
