#!/usr/bin/env bash
# `eorun predict` on a scene the size of a Sentinel-2 tile: 10,980 x 10,980 pixels, 12 bands
# (UInt16, BigEarthNet's band names), at stride 60 with a ShortCNN run (120 x 120 windows, 12
# bands) trained for one epoch on synthetic data: 183 x 183 = 33,489 windows. Prints the peak
# resident memory and the wall time of the predict command (GNU time -v).
#
#   tests/bench/predict/bench_predict.sh [BUILD_DIR] [WORK_DIR]
#   THREADS=8 STRIDE=60 SIDE=10980 MODEL=shortcnn tests/bench/predict/bench_predict.sh build
#
# Needs gdal_create (Debian's gdal-bin) and /usr/bin/time. WORK_DIR (default: a new temporary
# folder) keeps the run, the scene (a DEFLATE GeoTIFF, small: its bands are constant) and the map.
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
work=${2:-$(mktemp -d)}
threads=${THREADS:-2}
stride=${STRIDE:-60}
side=${SIDE:-10980}
model=${MODEL:-shortcnn}
bands=B01,B02,B03,B04,B05,B06,B07,B08,B8A,B09,B11,B12
eorun=("$build/eorun" --registry "$work/eorun.db")
export EORUN_PLUGIN_PATH=

for tool in gdal_create /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench_predict: $tool not found (apt-get install gdal-bin time)" >&2; exit 2; }
done
mkdir -p "$work"
cd "$work"

if [[ ! -f run.id ]]; then
  cat > run.toml <<TOML
[dataset]
plugin = "synthetic"
task = "single_label"
classes = 10
bands = ["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B8A", "B09", "B11", "B12"]
size = 120
train = 32
val = 8
test = 8
[model]
plugin = "$model"
[loss]
plugin = "cross_entropy"
[train]
epochs = 1
batch_size = 8
threads = $threads
TOML
  "${eorun[@]}" run run.toml --no-progress | awk '/^run [0-9a-f]+:/ { sub(":", "", $2); print $2; exit }' > run.id
fi
run_id=$(cat run.id)

if [[ ! -f scene.tif ]]; then
  burn=()
  for value in 340 430 614 590 950 1792 2075 2219 2266 2246 1594 1009; do burn+=(-burn "$value"); done
  gdal_create -q -of GTiff -outsize "$side" "$side" -bands 12 -ot UInt16 "${burn[@]}" \
    -a_srs EPSG:32633 -a_ullr 600000 5300040 $((600000 + 10 * side)) $((5300040 - 10 * side)) \
    -co COMPRESS=DEFLATE scene.tif
fi

rm -rf map
/usr/bin/time -v "${eorun[@]}" predict "$run_id" scene.tif --out map --bands "$bands" --stride "$stride" \
  --threads "$threads" --no-progress 2> time.txt
echo "scene ${side}x${side}x12, stride $stride, model $model, $threads threads:"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" time.txt
