#!/usr/bin/env bash
# Checks that every C and C++ file of the repository is formatted by
# .clang-format (Debian 12's clang-format 14, as in CI); exits 1 naming the
# files that are not. `scripts/check_format.sh --fix` formats them instead.
# CTest runs the check as format.tree_is_clang_formatted.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h' '*.c' 2>/dev/null || find compiler runtime tools tests bench docs -name '*.cc' -o -name '*.h' -o -name '*.c')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! out=$(clang-format --dry-run -Werror "${files[@]}" 2>&1); then
  printf '%s\n' "$out" | head -40
  echo "check_format: these files are not formatted (scripts/check_format.sh --fix):" >&2
  printf '%s\n' "$out" | grep -o '^[^:]*:[0-9]*:[0-9]*: error' | cut -d: -f1 | sort -u >&2
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
