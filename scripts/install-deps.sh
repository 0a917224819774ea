#!/usr/bin/env bash
# Installs the Debian 12 packages eorun builds and tests with (only those that are missing), and
# the report's charting library from the npm registry (the exact version and integrity hash in
# third_party/report-js/package-lock.json), which the build embeds into the binary.
set -euo pipefail
cd "$(dirname "$0")/.."

# npm ci when the pinned charting library is not what third_party/report-js holds.
install_chart_library() {
  local dir=third_party/report-js
  local pinned installed=""
  pinned=$(sed -n 's/.*"echarts": *"\([^"]*\)".*/\1/p' "$dir/package.json")
  if [ -f "$dir/node_modules/echarts/package.json" ]; then
    installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$dir/node_modules/echarts/package.json" | head -1)
  fi
  if [ "$installed" = "$pinned" ]; then
    echo "install-deps: ECharts $pinned present (third_party/report-js)"
    return
  fi
  echo "install-deps: installing ECharts $pinned from the npm registry (third_party/report-js)"
  (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
}

packages=(
  build-essential cmake ninja-build pkg-config git ccache
  libtorch-dev libgdal-dev liblua5.4-dev libtomlplusplus-dev libsqlite3-dev
  libboost-dev libboost-filesystem-dev libcli11-dev nlohmann-json3-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 libxxhash-dev
  python3-sklearn python3-torch python3-torchvision
  chromium python3-websocket fonts-dejavu-core slurm-wlm munge
)
# npm fetches the report's charting library; a machine whose Node.js already brings npm (e.g. a
# nodejs package from elsewhere) keeps it.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_chart_library
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_chart_library
