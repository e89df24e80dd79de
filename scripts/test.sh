#!/usr/bin/env bash
# Runs the whole test suite: bootstrap (packages, configure, build), then CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
ctest --test-dir "${VERDICT_BUILD_DIR:-build}" --output-on-failure -j "${VERDICT_JOBS:-$(nproc)}"
