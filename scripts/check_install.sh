#!/usr/bin/env bash
# Checks the installable package of an already-built build folder (it builds
# nothing of Verdict itself):
#  1. `cmake --install BUILD --prefix BUILD/install`;
#  2. every installed C++ header compiles from the package alone, and
#     libverdict.so exports every function of verdict.h and no other;
#  3. docs/examples/service (C++, Verdict::runtime) and docs/examples/c
#     (C, Verdict::c) configure with find_package(Verdict), build and run.
# Exits non-zero on the first failure. CTest runs it as
# install.example_service_builds_against_package.
# Usage: scripts/check_install.sh [BUILD_DIR]  (default: $VERDICT_BUILD_DIR or build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "${1:-${VERDICT_BUILD_DIR:-$root/build}}" && pwd)"
prefix="$build/install"
work="$build/install-check"
jobs="${VERDICT_JOBS:-2}"
config="$root/rules/credit_approval.deploy.toml"

step() { echo "check_install: $*"; }
fail() { echo "check_install: FAILED: $*" >&2; exit 1; }

rm -rf "$prefix" "$work"
mkdir -p "$work"
step "installing $build into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log" >&2; fail "install"; }
for f in include/verdict.h include/verdict/runtime/api/engine.h lib/libverdict.so lib/libverdict_api.a \
         lib/cmake/Verdict/VerdictConfig.cmake lib/cmake/Verdict/VerdictConfigVersion.cmake; do
  [ -e "$prefix/$f" ] || fail "$f is not installed"
done

step "compiling every installed header"
(cd "$prefix/include/verdict" && find . -name '*.h' | sort | sed 's|^\./\(.*\)|#include "\1"|') >"$work/all_headers.cc"
c++ -std=c++20 -fsyntax-only -I "$prefix/include/verdict" "$work/all_headers.cc" || fail "installed headers"
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I "$prefix/include" -x c - <<<'#include <verdict.h>' ||
  fail "verdict.h as C99"

step "checking what libverdict.so exports"
exported="$(nm -D --defined-only "$prefix/lib/libverdict.so" | awk '$2 == "T" {print $3}')"
others="$(grep -v '^verdict_' <<<"$exported" || true)"
[ -z "$others" ] || fail "libverdict.so exports functions other than verdict_*: $(head -5 <<<"$others" | tr '\n' ' ')"
for fn in $(grep '^VERDICT_API' "$prefix/include/verdict.h" | grep -o 'verdict_[a-z_]*(' | tr -d '('); do
  grep -qx "$fn" <<<"$exported" || fail "libverdict.so does not export $fn"
done

# Configures, builds and runs one example project; its output must match $3.
example() {
  local name="$1" binary="$2" expect="$3"; shift 3
  step "building docs/examples/$name against the package"
  cmake -S "$root/docs/examples/$name" -B "$work/$name" -DCMAKE_PREFIX_PATH="$prefix" \
        -DCMAKE_BUILD_TYPE=Release >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; fail "configure $name"; }
  cmake --build "$work/$name" -j "$jobs" >>"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; fail "build $name"; }
  step "running $binary"
  local out
  out="$("$work/$name/$binary" "$@")" || { echo "$out" >&2; fail "$binary exited with an error"; }
  echo "$out"
  grep -Eq "$expect" <<<"$out" || fail "$binary printed no line matching \`$expect\`"
}
example service credit_service '^CR-10001: (approve|review|decline) \(final score' "$config"
example c decide '^outcome: (approve|review|decline)$' "$config" "$root/rules/examples/credit_requests.jsonl"
step "ok"
