#!/usr/bin/env bash
# Installs missing packages, builds everything, and runs the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
cd build
ctest --output-on-failure -j "${EORUN_TEST_JOBS:-$(nproc)}" "$@"
