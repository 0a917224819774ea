#!/usr/bin/env bash
# Configures and builds eorun into build/ (binary build/eorun, plugins build/plugins/).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${EORUN_BUILD_JOBS:-$(nproc)}
if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
fi
cmake --build build -j "$jobs"
