#!/usr/bin/python3
"""Validates JSON Lines of decisions against docs/decision.schema.json.

usage: validate_decisions.py SCHEMA [MIN_LINES] < decisions.jsonl

Every line must validate (a decision or a rejected request); at least
MIN_LINES lines (default 1) must be read. Exits 1 naming the line and the
schema path of the first error of each invalid line.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main():
    schema = json.load(open(sys.argv[1]))
    minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    lines = bad = 0
    for number, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        lines += 1
        errors = sorted(validator.iter_errors(json.loads(line)), key=lambda e: list(e.path))
        for error in errors[:3]:
            bad += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"line {number}: at /{where}: {error.message[:300]}", file=sys.stderr)
    if lines < minimum:
        print(f"only {lines} lines; expected at least {minimum}", file=sys.stderr)
        return 1
    print(f"{lines} lines valid" if bad == 0 else f"{bad} errors in {lines} lines")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
