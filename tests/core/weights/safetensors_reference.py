"""The safetensors format written and read the way the format's specification lays it out, with
PyTorch for the tensors' bytes (bf16 included), to check eorun's reader and writer against.

    safetensors_reference.py write PATH   a file of known tensors (each: arange(numel) in its type)
    safetensors_reference.py read PATH    prints {name: {"dtype", "shape", "values"}, "__metadata__"}
"""
import json
import struct
import sys

import torch

TYPES = {"F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
         "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
         "U8": torch.uint8, "BOOL": torch.bool}
SHAPES = {"F32": [2, 3], "F16": [4], "BF16": [2, 2], "I64": [3], "U8": [5], "BOOL": [2, 1],
          "F64": [1], "I32": [0, 2]}


def raw(tensor):
    """The little-endian bytes of a CPU tensor, whatever its type."""
    flat = tensor.contiguous().reshape(-1)
    if flat.dtype == torch.bfloat16:
        flat = flat.view(torch.int16)
    return flat.numpy().tobytes()


def write(path):
    header, blobs, offset = {"__metadata__": {"bands": "B04,B03,B02", "format": "pt"}}, [], 0
    # Not in name order on purpose: a reader must use the offsets.
    for name in ["w.f16", "w.f32", "w.bf16", "b.i64", "mask.bool", "x.u8", "d.f64", "empty.i32"]:
        dtype = name.split(".")[1].upper()
        shape = SHAPES[dtype]
        numel = 1
        for side in shape:
            numel *= side
        values = torch.arange(numel) % 2 if dtype == "BOOL" else torch.arange(numel)
        data = raw(values.to(TYPES[dtype]).reshape(shape))
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def save(path, tensors, metadata=None):
    """Writes `tensors` (name -> CPU tensor) as a safetensors file, in name order."""
    header, blobs, offset = {"__metadata__": metadata} if metadata else {}, [], 0
    names = {v: k for k, v in TYPES.items()}
    for name in sorted(tensors):
        data = raw(tensors[name])
        header[name] = {"dtype": names[tensors[name].dtype], "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def load(path):
    """(tensors by name, metadata) of a safetensors file."""
    with open(path, "rb") as file:
        content = file.read()
    (length,) = struct.unpack("<Q", content[:8])
    header = json.loads(content[8:8 + length])
    data = content[8 + length:]
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = TYPES[entry["dtype"]]
        storage = torch.int16 if dtype == torch.bfloat16 else dtype
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=storage) if end > begin \
            else torch.empty(0, dtype=storage)
        tensors[name] = flat.view(dtype).reshape(entry["shape"])
    return tensors, metadata


def read(path):
    tensors, metadata = load(path)
    out = {"__metadata__": metadata}
    for name, tensor in tensors.items():
        out[name] = {"dtype": {v: k for k, v in TYPES.items()}[tensor.dtype], "shape": list(tensor.shape),
                     "values": tensor.reshape(-1).to(torch.float64).tolist()}
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    {"write": write, "read": read}[sys.argv[1]](sys.argv[2])
