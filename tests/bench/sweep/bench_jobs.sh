#!/usr/bin/env bash
# Throughput of `eorun sweep --jobs 2` against `--jobs 1` on a 24-run sweep of small runs with one
# thread each, and against the machine's own ceiling: the two halves of the sweep run by two
# independent `eorun sweep --jobs 1` processes at once, each with its own registry (no coordination,
# no shared work). Shared virtual cores rarely give two processes twice the work of one, so the
# ceiling is what --jobs 2 should be compared with. Rounds alternate the three ways; medians are
# reported.
#   tests/bench/sweep/bench_jobs.sh [BUILD_DIR] [ROUNDS]
# PATCHES (default 80) and EPOCHS (default 3) size the runs.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
rounds=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$build/eorun" data synth --dataset bigearthnet --out "$work/data" --patches "${PATCHES:-80}" --seed 1 >/dev/null
write_sweep() {  # FILE SEEDS
  cat > "$1" <<LUA
return sweep {
  name = "bench-jobs",
  base = {
    dataset = { plugin = "bigearthnet", root = "$work/data", classes = 19 },
    model = { plugin = "shortcnn" }, loss = { plugin = "bce" },
    train = { epochs = ${EPOCHS:-3}, batch_size = 16, threads = 1 },
  },
  grid = { ["train.seed"] = { $2 }, ["train.lr"] = { 1e-3, 3e-3 }, ["train.optimizer"] = { "adam", "sgd" } },
}
LUA
}
write_sweep all.lua "1, 2, 3, 4, 5, 6"
write_sweep low.lua "1, 2, 3"
write_sweep high.lua "4, 5, 6"
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
fresh() { rm -rf "$work/$1" && mkdir -p "$work/$1" && cd "$work/$1"; }
sweep() { "$build/eorun" sweep "$@" --no-progress >/dev/null 2>&1; }
one=() two=() ceiling=()
for round in $(seq "$rounds"); do
  fresh j1; t=$(now); sweep ../all.lua --jobs 1; one+=("$(since "$t")")
  fresh j2; t=$(now); sweep ../all.lua --jobs 2; two+=("$(since "$t")")
  [ "$(sqlite3 eorun.db "select count(*) from runs where status = 'completed'")" = 24 ]
  fresh c1; mkdir -p ../c2; t=$(now)
  sweep ../low.lua --jobs 1 & (cd ../c2 && sweep ../high.lua --jobs 1); wait
  ceiling+=("$(since "$t")")
  echo "round $round: --jobs 1 ${one[-1]} s, --jobs 2 ${two[-1]} s, two independent processes ${ceiling[-1]} s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
m1=$(median "${one[@]}"); m2=$(median "${two[@]}"); mc=$(median "${ceiling[@]}")
echo "median: --jobs 1 $m1 s, --jobs 2 $m2 s, ceiling $mc s"
awk -v a="$m1" -v b="$m2" -v c="$mc" 'BEGIN {
  printf "--jobs 2 throughput: %.2fx of --jobs 1; the ceiling is %.2fx; --jobs 2 reaches %.0f%% of it\n", a / b, a / c, 100 * c / b }'
