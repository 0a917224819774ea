"""Weights files as PyTorch writes them, each beside a safetensors file of the tensors it holds
(safetensors_reference.save), for eorun's torch.save reader to be compared with.

    pytorch_files.py FOLDER
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from safetensors_reference import save  # noqa: E402


def main(folder):
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4),
                                torch.nn.Flatten(), torch.nn.Linear(4, 2))
    model[1].running_mean.add_(0.5)
    state = model.state_dict()  # an OrderedDict with _metadata
    torch.save(state, os.path.join(folder, "state_dict.pt"))
    save(os.path.join(folder, "state_dict.safetensors"), dict(state))

    # A training script's checkpoint: the state dict under a key, beside objects of no interest.
    torch.save({"epoch": 3, "args": argparse.Namespace(lr=0.1), "optimizer": {"lr": [0.1, 0.2]},
                "state_dict": state}, os.path.join(folder, "checkpoint.pt"))

    # Several element types, and tensors that are views of one storage.
    base = torch.arange(12, dtype=torch.float32)
    mixed = {"half": torch.linspace(-2, 2, 5).half(), "bf16": torch.linspace(-1, 1, 3).bfloat16(),
             "long": torch.tensor([-5, 7, 2 ** 40]), "flag": torch.tensor([True, False]),
             "row": base[2:6], "grid": base.view(3, 4), "column": base.view(3, 4)[:, 1],
             "scalar": torch.tensor(3.5, dtype=torch.float64), "bytes": torch.arange(4, dtype=torch.uint8)}
    torch.save(mixed, os.path.join(folder, "mixed.pt"))
    save(os.path.join(folder, "mixed.safetensors"), {k: v.contiguous() for k, v in mixed.items()})

    torch.save(state, os.path.join(folder, "legacy.pt"), _use_new_zipfile_serialization=False)
    torch.save([model[0].weight], os.path.join(folder, "list.pt"))
    torch.save({"epoch": 3, "note": "no weights"}, os.path.join(folder, "no_weights.pt"))


if __name__ == "__main__":
    main(sys.argv[1])
