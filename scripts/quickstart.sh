#!/usr/bin/env bash
# Everything from a fresh Debian 12 machine to a recorded, queryable run:
# installs missing packages, builds, generates a synthetic BigEarthNet-layout data set, trains the
# quickstart run, prints the best run and writes an HTML report of the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
if [ ! -f data/synth/bigearthnet-train.csv ]; then
  build/eorun data synth --dataset bigearthnet --out data/synth --patches 600 --seed 1
fi
if [ ! -f eorun.toml ]; then
  # Names the data root for sweep scripts: `data "synth"` in scripts/*.lua.
  printf '[data]\nsynth = "data/synth"\n' > eorun.toml
fi
build/eorun scripts/quickstart.toml
build/eorun query --best f1_macro
build/eorun report --where "dataset.plugin = 'bigearthnet'" --out report.html
echo
echo "open report.html in a browser (one offline file: runs, curves, per-class F1)"
echo "next: build/eorun scripts/rgb_vs_ms.lua --jobs 2 --dry-run   (the plan; then without --dry-run)"
