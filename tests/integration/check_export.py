"""Reads what `eorun export` wrote, as Python users will: torch.load for the .pt file, the
safetensors layout for the other, and load_state_dict(strict=True) into ShortCNN built in PyTorch.
Prints a JSON summary.

    check_export.py FILE.pt FILE.safetensors BANDS CLASSES INPUT_SIZE
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "core", "weights"))
from safetensors_reference import load as read_safetensors  # noqa: E402
from pretrained_weights_files import shortcnn  # noqa: E402  (same folder)


def main(pt, safetensors, bands, classes, size):
    state = torch.load(pt)
    tensors, metadata = read_safetensors(safetensors)
    model = shortcnn(int(bands), int(classes))
    if int(size) != 16:
        raise SystemExit("this check builds ShortCNN for 16x16 inputs")
    model.load_state_dict(state, strict=True)
    print(json.dumps({"keys": sorted(state), "same_in_both": sorted(state) == sorted(tensors) and
                      all(torch.equal(state[k], tensors[k]) for k in state),
                      "strict_load": True, "metadata": metadata}))


if __name__ == "__main__":
    main(*sys.argv[1:])
