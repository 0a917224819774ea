#!/usr/bin/env bash
# Epoch time of two builds of bench_train on the same data, run in turns (A B A B ...) so that the
# host's changing load falls on both alike; prints every epoch and the medians.
#
#   tests/bench/train/compare_epochs.sh BENCH_A BENCH_B ROUNDS [bench_train options ...]
#
# Example (the trainer before and after a change, built in a second worktree):
#   git worktree add /tmp/before <commit> && cmake -S /tmp/before -B /tmp/before/build -G Ninja \
#     -DCMAKE_BUILD_TYPE=RelWithDebInfo && ninja -C /tmp/before/build bench_train
#   tests/bench/train/compare_epochs.sh /tmp/before/build/tests/bench/train/bench_train \
#     build/tests/bench/train/bench_train 5 --data /tmp/synth2000q --bands rgb --in-memory
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 BENCH_A BENCH_B ROUNDS [bench_train options ...]" >&2
  exit 2
fi
a=$1 b=$2 rounds=$3
shift 3
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
epoch_seconds() { "$@" 2>/dev/null | sed -n 's/^  epoch [0-9]*: \([0-9.]*\) s .*/\1/p'; }
: > /tmp/compare_epochs.a
: > /tmp/compare_epochs.b
for ((round = 1; round <= rounds; ++round)); do
  ta=$(epoch_seconds "$a" "$@")
  tb=$(epoch_seconds "$b" "$@")
  echo "round $round: A $ta s, B $tb s"
  echo "$ta" >> /tmp/compare_epochs.a
  echo "$tb" >> /tmp/compare_epochs.b
done
ma=$(median < /tmp/compare_epochs.a)
mb=$(median < /tmp/compare_epochs.b)
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "median epoch: A %.3f s, B %.3f s, B - A = %+.2f%% of A\n", a, b, 100 * (b - a) / a }'
