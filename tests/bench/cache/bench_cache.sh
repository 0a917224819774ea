#!/usr/bin/env bash
# The packed cache against the plugin's GDAL path, on synthetic BigEarthNet patches with all 12
# Sentinel-2 bands bilinearly resampled to 120x120 (bands = "s2"), as a user measures it:
#   1. `eorun cache build`: time, and the cache's size against the source files;
#   2. `eorun data bench --cache --threads 1,2`: patches/s through the plugin and from the cache,
#      and the cache against the raw read of its file's bytes from the page cache;
#   3. the share of an epoch spent waiting for data, training from the cache: ShortCNN on the
#      whole train split, ResNet-18 on TRAIN_SMALL patches of it (split lists).
#
#   tests/bench/cache/bench_cache.sh [BUILD_DIR] [TRAIN_PATCHES]
# DATA=DIR keeps the synthetic copy in DIR (written once) instead of a temporary folder.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
train=${2:-10000}
small=${TRAIN_SMALL:-600}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${DATA:-$work/data}
py=/usr/bin/python3

# train is 90% of the patches, val and test 5% each.
total=$(( (train * 100 + 89) / 90 ))
if [ ! -d "$data" ] || [ -z "$(ls -A "$data" 2>/dev/null)" ]; then
  echo "writing $total synthetic patches to $data ..."
  "$build/eorun" data synth --dataset bigearthnet --out "$data" --patches "$total" \
    --val-fraction 0.05 --test-fraction 0.05 --seed 1 | head -1
fi
cd "$work"
config() {  # NAME MODEL [DATASET LINES]
  cat > "$1.toml" <<TOML
[dataset]
plugin = "bigearthnet"
root = "$data"
bands = "s2"
classes = 19
cache = true
${3:-}
[model]
plugin = "$2"
[loss]
plugin = "bce"
[train]
epochs = 1
batch_size = 32
threads = 2
seed = 1
TOML
}
config shortcnn shortcnn

echo "== cache build"
start=$(date +%s.%N)
"$build/eorun" cache build --config shortcnn.toml
echo "wall $($py -c "print(round($(date +%s.%N) - $start, 1))") s"

echo "== data bench (train split)"
"$build/eorun" data bench --config shortcnn.toml --threads 1,2 --cache --format json > bench.json
"$build/eorun" data bench --config shortcnn.toml --threads 1,2 --cache
$py - bench.json <<'PY'
import json, sys
out = json.load(open(sys.argv[1]))
cache = out["cache"]
print(f"cache {cache['bytes'] / 1e9:.2f} GB for {cache['source_bytes'] / 1e9:.2f} GB of source files "
      f"({cache['bytes'] / cache['source_bytes']:.2f}x)")
rows = {(m["path"], m["pass"]): m for m in out["measurements"]}
for t in ("1", "2"):
    c, p, r = rows[("cache", t)], rows[("plugin", t)], rows[("raw", t)]
    print(f"{t} thread(s): cache {c['patches_per_s']:.0f} patches/s ({c['time_vs_raw']:.2f}x the raw read, "
          f"{r['method']} {r['mb_per_s']:.0f} MB/s), plugin {p['patches_per_s']:.0f} patches/s, "
          f"cache/plugin {c['patches_per_s'] / p['patches_per_s']:.1f}x")
print(f"plugin 2 threads / 1 thread: {rows[('plugin', '2')]['patches_per_s'] / rows[('plugin', '1')]['patches_per_s']:.2f}x")
PY

wait_share() {  # CONFIG
  "$build/eorun" run "$1.toml" --no-progress > "$1.out" 2>&1 || { cat "$1.out"; exit 1; }
  id=$(grep -o 'run [0-9a-f]\{64\}' "$1.out" | head -1 | cut -c5-)
  $py - "runs/$id/record.json" "$1" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
e = r["epochs"][0]
print(f"{sys.argv[2]}: epoch {e['seconds']:.1f} s over {r['data']['samples']['train']} train patches, "
      f"data wait {e['data_wait_seconds']:.3f} s = {100 * e['data_wait_seconds'] / e['seconds']:.2f}%")
PY
}
echo "== data wait, training from the cache"
wait_share shortcnn
# ResNet-18 on a smaller train split (the first TRAIN_SMALL ids; val: 100 ids).
"$build/eorun" data inspect --config shortcnn.toml --split train --format json --limit "$small" \
  | $py -c "import json,sys; [print(s['id']) for s in json.load(sys.stdin)['items']]" > train_small.txt
"$build/eorun" data inspect --config shortcnn.toml --split val --format json --limit 100 \
  | $py -c "import json,sys; [print(s['id']) for s in json.load(sys.stdin)['items']]" > val_small.txt
config resnet18 resnet "split_train = \"$work/train_small.txt\"
split_val = \"$work/val_small.txt\""
sed -i 's/^plugin = "resnet"$/plugin = "resnet"\ndepth = 18/' resnet18.toml
"$build/eorun" cache build --config resnet18.toml > /dev/null
wait_share resnet18

# Values that are not integers are stored as float32 (4 bytes, twice the bytes of uint16): the
# synthetic plugin's 12 x 120 x 120 float samples, the same number of train patches.
echo "== float32 samples (synthetic plugin, 12 x 120 x 120)"
cat > float.toml <<TOML
[dataset]
plugin = "synthetic"
bands = 12
size = 120
train = $train
val = 10
test = 10
[model]
plugin = "shortcnn"
[loss]
plugin = "bce"
[train]
threads = 2
TOML
"$build/eorun" data bench --config float.toml --threads 1,2 --cache
