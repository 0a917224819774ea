#!/usr/bin/env python3
"""Reads BigEarthNet v1.0 patches the way Python pipelines usually do, for comparison with
bench_reader: rasterio, one file per band, each band bilinearly resampled to 120x120
(out_shape=(120, 120), Resampling.bilinear) as float32, stacked into a [C, 120, 120] array.

    /usr/bin/python3 tests/bench/reader/rasterio_reader.py --root DIR [--split train]
        [--bands ms|rgb] [--repeat 3] [--limit N]

DIR is a dataset root (e.g. from `eorun data synth`, or the one bench_reader prints). A first
untimed pass warms the page cache; the best of --repeat passes is reported, with the checksum
(sum of every value read), which must equal bench_reader's for the same data and bands.
"""
import argparse
import csv
import os
import sys
import time

import numpy as np
import rasterio
from rasterio.enums import Resampling

MS = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"]
RGB = ["B04", "B03", "B02"]
SIZE = 120


def read_patch(folder, patch, bands):
    out = np.empty((len(bands), SIZE, SIZE), dtype=np.float32)
    for c, band in enumerate(bands):
        path = os.path.join(folder, patch, f"{patch}_{band}.tif")
        with rasterio.open(path) as src:
            out[c] = src.read(1, out_shape=(SIZE, SIZE), resampling=Resampling.bilinear,
                              out_dtype="float32")
    return out


def read_all(folder, patches, bands):
    checksum = 0.0
    start = time.perf_counter()
    for patch in patches:
        checksum += float(read_patch(folder, patch, bands).sum(dtype=np.float64))
    return time.perf_counter() - start, checksum


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", required=True)
    parser.add_argument("--split", default="train")
    parser.add_argument("--bands", default="ms", choices=["ms", "rgb"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()

    with open(os.path.join(args.root, f"bigearthnet-{args.split}.csv"), newline="") as f:
        patches = [row[0].strip() for row in csv.reader(f) if row and row[0].strip()]
    if args.limit:
        patches = patches[: args.limit]
    folder = os.path.join(args.root, "BigEarthNet-v1.0")
    bands = MS if args.bands == "ms" else RGB

    # The same courtesy the C++ reader gets: no directory listing on open.
    with rasterio.Env(GDAL_DISABLE_READDIR_ON_OPEN="EMPTY_DIR"):
        read_all(folder, patches, bands)  # warm-up, untimed
        best, checksum = float("inf"), 0.0
        for _ in range(max(1, args.repeat)):
            seconds, checksum = read_all(folder, patches, bands)
            best = min(best, seconds)
    print(f"rasterio {rasterio.__version__} (GDAL {rasterio.__gdal_version__}): {len(patches)} "
          f"patches in {best:.3f} s = {len(patches) / best:.0f} patches/s "
          f"(best of {args.repeat}; checksum {checksum:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
