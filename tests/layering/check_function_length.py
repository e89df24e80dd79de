#!/usr/bin/env python3
"""Checks that no production function is longer than a screen: at most
MAX_BODY_LINES lines between its braces (blank and comment lines included).

Works on clang-formatted code (scripts/check_format.sh): a function is a
statement that ends in `{`, has a parameter list and is not a control
statement, class, namespace, lambda or initializer; its body ends at the
matching brace (strings, characters and comments are skipped when matching).
A function nested in another is counted as part of it.

Usage: check_function_length.py ROOT [FILE...]
Prints `FILE:LINE: error: ...` per function too long; exits 1 on any.
"""
import os
import re
import sys

MAX_BODY_LINES = 60
FOLDERS = ("compiler", "runtime", "tools")
NOT_FUNCTIONS = re.compile(
    r"^\s*(if|for|while|switch|do|else|try|catch|namespace|class|struct|enum|union|extern)\b"
)


def strip_code(line, state):
    """`line` with string and character literals and comments blanked;
    `state["comment"]` carries an open /* comment to the next line."""
    out, i, n = [], 0, len(line)
    while i < n:
        if state["comment"]:
            end = line.find("*/", i)
            if end < 0:
                return "".join(out)
            state["comment"], i = False, end + 2
            continue
        c = line[i]
        if line.startswith("//", i):
            break
        if line.startswith("/*", i):
            state["comment"], i = True, i + 2
            continue
        if line.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', line[i:])
            if m:
                close = line.find(")" + m.group(1) + '"', i)
                i = n if close < 0 else close + len(m.group(1)) + 2
                out.append('""')
                continue
        if c in "\"'":
            j = i + 1
            while j < n and line[j] != c:
                j += 2 if line[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def looks_like_function(statement):
    s = " ".join(statement.split())
    if NOT_FUNCTIONS.match(s) or "(" not in s or ")" not in s:
        return False
    head = s[: s.index("(")]
    if "=" in head or head.rstrip().endswith(("[", "return")) or head.strip() == "":
        return False
    if re.search(r"\]\s*(\([^)]*\))?\s*(mutable\s*)?(->[^{]*)?\{$", s):
        return False  # a lambda
    return re.search(r"\)\s*(const|noexcept|override|final|->[^{]*|:[^{]*|\s)*\{$", s) is not None


def long_functions(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    state = {"comment": False}
    code = [strip_code(line, state) for line in lines]
    found, statement, start, i = [], [], 0, 0
    while i < len(code):
        text = code[i].strip()
        if text.startswith("#") or text == "":
            statement, i = [], i + 1
            continue
        if not statement:
            start = i
        statement.append(text)
        if text.endswith("{") and looks_like_function(" ".join(statement)):
            end = matching_brace(code, i)
            body = end - i - 1
            if body > MAX_BODY_LINES:
                name = " ".join(statement)
                found.append((start + 1, name[: name.index("(")].split()[-1], body))
            statement, i = [], end + 1
            continue
        if text.endswith((";", "{", "}", ":")):
            statement = []
        i += 1
    return found


def matching_brace(code, open_line):
    depth = 0
    for j in range(open_line, len(code)):
        depth += code[j].count("{") - code[j].count("}")
        if depth <= 0 and j >= open_line:
            return j
    return len(code) - 1


def source_files(root):
    for folder in FOLDERS:
        for dirpath, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                if name.endswith((".cc", ".h")) and not name.endswith("_test.cc"):
                    yield os.path.join(dirpath, name)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    files = sys.argv[2:] or list(source_files(root))
    errors = 0
    for path in files:
        for line, name, body in long_functions(path):
            errors += 1
            rel = os.path.relpath(path, root)
            print(f"{rel}:{line}: error: `{name}` is {body} lines long; the limit is {MAX_BODY_LINES}")
    print(f"function length: {len(files)} files, {errors} functions over {MAX_BODY_LINES} lines")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
