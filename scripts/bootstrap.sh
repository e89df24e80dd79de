#!/usr/bin/env bash
# Makes a Debian 12 machine ready to build Verdict and builds it:
#  1. installs the Debian packages below when any is missing (needs root or sudo);
#  2. configures build/ with CMake when it is not configured yet;
#  3. builds (incremental: a no-op when nothing changed).
# Environment: VERDICT_BUILD_DIR (default: build), VERDICT_JOBS (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(cmake g++ make antlr4 libantlr4-runtime-dev uuid-dev llvm-19-dev libzstd-dev
          libxgboost-dev xgboost libtomlplusplus-dev catch2 nlohmann-json3-dev libcli11-dev
          libssl-dev python3-jsonschema pkg-config libboost-dev libcpp-httplib-dev wrk curl
          clang-format libsimdjson-dev chromium)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILD_DIR="${VERDICT_BUILD_DIR:-build}"
JOBS="${VERDICT_JOBS:-$(nproc)}"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" -j "$JOBS" 2>&1 | grep -E "warning|error|Error" || true
test -x "$BUILD_DIR/tools/verdict/verdict"
