#!/usr/bin/env bash
# Training speed of eorun's model plugins against Python PyTorch on this machine, side by side:
# bench_step (the plugin through the catalogue, the trainer's step) and torchvision_step.py (the
# same steps with torchvision's model under Debian's /usr/bin/python3, the same LibTorch) run in
# turns, the order swapped every round (eorun, PyTorch, PyTorch, eorun, ...) so that the host's
# changing load falls on both alike. Prints every run, then per model the median samples/s of
# each, their ratio and each one's peak RSS (the largest over its runs). Builds nothing.
#
#   tests/bench/train/compare_python.sh [ROUNDS] [options for both programs ...]
#
# ROUNDS defaults to 3. The options default to ResNet-18 and DenseNet-121, 12 bands, 120x120,
# batch 32, 2 threads, Adam, 2 warm-up and 10 timed steps; --model resnet|densenet runs one model
# only; see bench_step.cpp for the others. Run from the repository root with the build in build/
# (ninja -C build bench_step resnet densenet bce); BENCH_STEP=path overrides the bench's path.
# Every JSON line is kept in compare_python.jsonl in a temporary folder, named at the end.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=${BENCH_STEP:-build/tests/bench/train/bench_step}
python=/usr/bin/python3
rounds=3
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
  rounds=$1
  shift
fi
if [[ $rounds -lt 1 ]]; then
  echo "compare_python.sh: error: ROUNDS must be at least 1" >&2
  exit 2
fi
if [[ ! -x $bench ]]; then
  echo "compare_python.sh: error: $bench: not found; build it first: ninja -C build bench_step resnet densenet bce" >&2
  exit 2
fi
if ! "$python" -c 'import torch, torchvision' 2>/dev/null; then
  echo "compare_python.sh: error: $python cannot import torch and torchvision; install python3-torch and python3-torchvision" >&2
  exit 2
fi

models=(resnet densenet)
options=(--bands 12 --size 120 --batch 32 --threads 2 --warmup 2 --steps 10)
for ((i = 1; i <= $#; ++i)); do
  if [[ ${!i} == --model ]]; then
    next=$((i + 1))
    models=("${!next}")
  fi
done
# Later options win, so the caller's override the defaults; --model is given per run.
passed=()
while [[ $# -gt 0 ]]; do
  if [[ $1 == --model ]]; then
    shift 2
    continue
  fi
  passed+=("$1")
  shift
done

out=$(mktemp -d /tmp/compare_python.XXXXXX)
results=$out/compare_python.jsonl
echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
run_one() {
  local impl=$1 model=$2 line
  if [[ $impl == eorun ]]; then
    line=$("$bench" --model "$model" "${options[@]}" "${passed[@]}")
  else
    line=$("$python" "$here/torchvision_step.py" --model "$model" "${options[@]}" "${passed[@]}")
  fi
  echo "$line" >> "$results"
  echo "$line"
}
for model in "${models[@]}"; do
  for ((round = 1; round <= rounds; ++round)); do
    if ((round % 2)); then order=(eorun pytorch); else order=(pytorch eorun); fi
    for impl in "${order[@]}"; do
      echo -n "round $round, $impl: "
      run_one "$impl" "$model"
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

"$python" - "$results" <<'EOF'
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1])]
models = list(dict.fromkeys(run["model"] for run in runs))
first = runs[0]
print(f"\n{first['bands']} bands, {first['size']}x{first['size']}, batch {first['batch']}, "
      f"{first['threads']} threads, {first['optimizer']}, {first['warmup']} warm-up + "
      f"{first['steps']} timed steps per run")
header = ("model", "eorun samples/s", "PyTorch samples/s", "eorun / PyTorch",
          "eorun peak RSS MiB", "PyTorch peak RSS MiB")
print(" | ".join(header))
for model in models:
    of = {impl: [r for r in runs if r["model"] == model and r["impl"] == impl]
          for impl in ("eorun", "pytorch")}
    speed = {impl: statistics.median(r["samples_per_s"] for r in rs) for impl, rs in of.items()}
    rss = {impl: max(r["peak_rss_mib"] for r in rs) for impl, rs in of.items()}
    print(f"{model} | {speed['eorun']:.2f} | {speed['pytorch']:.2f} | "
          f"{speed['eorun'] / speed['pytorch']:.3f} | {rss['eorun']:.0f} | {rss['pytorch']:.0f}")
EOF
echo "every run: $results"
