#!/usr/bin/env bash
# The main job on the shipped example: checks the credit ruleset and its model,
# then decides eight real credit applications with the credit deployment
# (rules + XGBoost model blended 40/60, 70/30 for thin files) and prints each
# decision with its explanation: the blend, the reasons from rules and model
# ranked by their effect, and the rules that fired or were unknown.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
VERDICT="${VERDICT_BUILD_DIR:-build}/tools/verdict/verdict"
echo "== verdict check rules/credit_approval.rules (the ruleset and its model file)"
"$VERDICT" check rules/credit_approval.rules && echo "no errors, no warnings"
echo "== decisions for rules/examples/credit_requests.jsonl (real rows of tests/data/credit_data.csv)"
echo "   deployment: rules/credit_approval.deploy.toml"
"$VERDICT" decide --config rules/credit_approval.deploy.toml --input rules/examples/credit_requests.jsonl --format text
