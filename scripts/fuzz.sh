#!/usr/bin/env bash
# Builds the fuzz targets for libFuzzer with clang-19 (ASan+UBSan, every
# library instrumented) in build-fuzz/ and runs each for SECONDS (default
# 60), growing its corpus in build-fuzz/tests/fuzz/corpus/NAME. Crashes are
# written as build-fuzz/tests/fuzz/crash-*; turn each into a regression test.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (targets: see tests/fuzz/CMakeLists.txt)
# Environment: VERDICT_FUZZ_JOBS (default: 1 worker per target, run in turn).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
if ((${#TARGETS[@]} == 0)); then TARGETS=(rules request_json request_csv toml model log http); fi

for p in clang-19 libclang-rt-19-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || {
    echo "fuzz: needs $p (apt-get install clang-19 libclang-rt-19-dev)" >&2
    exit 2
  }
done
if [ ! -f build-fuzz/CMakeCache.txt ]; then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVERDICT_FUZZ=ON -DBUILD_TESTING=ON \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 >/dev/null
fi
cmake --build build-fuzz -j "$(nproc)" --target "${TARGETS[@]/#/fuzz_}"
cd build-fuzz/tests/fuzz
for t in "${TARGETS[@]}"; do
  echo "fuzz: $t for ${SECONDS_EACH} s" >&2
  ASAN_OPTIONS=detect_leaks=0 ./fuzz_"$t" -max_total_time="$SECONDS_EACH" -max_len="$(cat corpus/"$t".max_len)" \
    -print_final_stats=1 -artifact_prefix=crash-"$t"- -jobs="${VERDICT_FUZZ_JOBS:-1}" corpus/"$t" 2>&1 |
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY|fuzz:)" || true
done
