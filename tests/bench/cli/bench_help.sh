#!/usr/bin/env bash
# Latency of `eorun --help`, answered by the light front without loading LibTorch: the median
# wall time of RUNS runs (after one warm-up run), beside the same for `eorun-engine --help`,
# which loads LibTorch, over ENGINE_RUNS runs for comparison.
#   tests/bench/cli/bench_help.sh [BUILD_DIR] [RUNS] [ENGINE_RUNS]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
front_runs=${2:-50}
engine_runs=${3:-5}

# Median wall time in milliseconds of RUNS runs of the command given: median_ms RUNS COMMAND...
median_ms() {
  local runs=$1
  shift
  "$@" >/dev/null
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start=${EPOCHREALTIME/[.,]/}  # microseconds, without starting a process
    "$@" >/dev/null
    local end=${EPOCHREALTIME/[.,]/}
    times+=($((end - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{ t[NR] = $1 } END { m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2;
                             printf "%.1f", m / 1000 }'
}

echo "eorun --help:         $(median_ms "$front_runs" "$build/eorun" --help) ms (median of $front_runs runs)"
echo "eorun-engine --help:  $(median_ms "$engine_runs" "$build/eorun-engine" --help) ms (median of $engine_runs runs)"
