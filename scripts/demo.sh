#!/usr/bin/env bash
# The main job on the shipped example: checks the credit ruleset, then decides
# eight real credit applications and prints each decision with its explanation.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
VERDICT="${VERDICT_BUILD_DIR:-build}/tools/verdict/verdict"
echo "== verdict check rules/credit_approval.rules"
"$VERDICT" check rules/credit_approval.rules && echo "no errors, no warnings"
echo "== decisions for rules/examples/credit_requests.jsonl (real rows of tests/data/credit_data.csv)"
"$VERDICT" run --rules rules/credit_approval.rules --input rules/examples/credit_requests.jsonl --format text
