#!/usr/bin/env bash
# Sweep overheads: a 24-run sweep of tiny runs, then the same sweep again (everything cached).
# Reports the re-run time and the per-run overhead outside training (wall time of the sweep minus
# the training wall time the runs recorded, divided by the number of runs).
#   tests/bench/sweep/bench_sweep.sh [BUILD_DIR] [JOBS] [THREADS_PER_RUN]
# Throughput of --jobs: compare `bench_sweep.sh build 1 1` with `bench_sweep.sh build 2 1`.
# PATCHES (default 24) and EPOCHS (default 1) make the runs bigger.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
jobs=${2:-1}
threads=()
[ -n "${3:-}" ] && threads=(--set "train.threads=$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$build/eorun" data synth --dataset bigearthnet --out data/synth --patches "${PATCHES:-24}" --seed 1 >/dev/null
printf '[data]\nsynth = "data/synth"\n' > eorun.toml
cat > bench.lua <<'LUA'
return sweep {
  name = "bench",
  base = {
    dataset = { plugin = "bigearthnet", root = data "synth", classes = 19 },
    model = { plugin = "shortcnn" }, loss = { plugin = "bce" },
    train = { epochs = EPOCHS, batch_size = 16 },
  },
  grid = { ["train.seed"] = { 1, 2, 3, 4, 5, 6 }, ["train.lr"] = { 1e-3, 3e-3 },
           ["train.optimizer"] = { "adam", "sgd" } },
}
LUA
sed -i "s/EPOCHS/${EPOCHS:-1}/" bench.lua
start=$(date +%s.%N)
"$build/eorun" sweep bench.lua --jobs "$jobs" "${threads[@]}" --no-progress >/dev/null 2>&1
first=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
train=$(sqlite3 eorun.db "select sum(wall_seconds) from runs")
runs=$(sqlite3 eorun.db "select count(*) from runs where status = 'completed'")
start=$(date +%s.%N)
"$build/eorun" sweep bench.lua --jobs "$jobs" "${threads[@]}" >/dev/null 2>&1
again=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
echo "runs completed:            $runs (jobs $jobs)"
echo "first sweep:               ${first} s (training ${train} s in total)"
echo "per-run overhead:          $(awk -v f="$first" -v t="$train" -v j="$jobs" -v n="$runs" 'BEGIN { printf "%.3f", (f - t / j) / n }') s"
echo "re-run, everything cached: ${again} s"
