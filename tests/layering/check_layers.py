#!/usr/bin/env python3
"""Checks that every #include of the project's production code follows
tests/layering/layers.toml: a folder includes only its own headers and those
of the folders it lists, heavy libraries only from their own folders, and the
table itself has no cycle.

Usage: check_layers.py ROOT [--pretend FILE=HEADER ...]
  --pretend adds an include to FILE as if it were written there (the CTest
  that proves a wrong-way include is refused).
Prints one line per violation, `FILE:LINE: error: ...`, and exits 1 on any.
"""
import argparse
import os
import re
import sys
import tomllib

SOURCE_SUFFIXES = (".h", ".cc", ".c")
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
EXEMPT_TOP = ("tests", "bench", "build", ".git", "grammar", "python")


def folder_of(path, folders):
    """The longest table folder that `path` (a file or an include) lies in."""
    best = None
    for folder in folders:
        if path.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = folder
    return best


def find_cycle(folders):
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for dep in folders.get(node, []):
            if state.get(dep) == "open":
                return trail + [node, dep]
            if dep not in state:
                found = visit(dep, trail + [node])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in folders:
        if node not in state:
            found = visit(node, [])
            if found:
                return found
    return None


def production_files(root, folders):
    for folder in folders:
        base = os.path.join(root, folder)
        for dirpath, _, names in os.walk(base):
            for name in sorted(names):
                if name.endswith(SOURCE_SUFFIXES) and not name.endswith("_test.cc"):
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    if rel.split(os.sep)[0] not in EXEMPT_TOP and folder_of(rel, folders) == folder:
                        yield rel


def includes_of(root, rel, pretend):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        text = f.read()
    for m in INCLUDE.finditer(text):
        yield text.count("\n", 0, m.start()) + 1, m.group(1), m.group(2)
    for header in pretend.get(rel, []):
        yield 0, '"', header


def check_include(rel, quote, header, folders, libraries):
    """The error for one include of `rel`, or None."""
    own = folder_of(rel, folders)
    top = header.split("/")[0]
    if top in libraries:
        if own not in libraries[top]:
            return f"`{header}` is included outside its door ({', '.join(libraries[top])})"
        return None
    if quote == "<":
        return None  # the standard library and light libraries
    target = folder_of(header, folders)
    if target is None:
        if header.startswith(("compiler/", "runtime/", "tools/")):
            return f"`{header}` is in no folder of tests/layering/layers.toml"
        return None
    if target != own and target not in folders[own]:
        return f"`{own}` may not include `{header}` (`{target}` is not among its dependencies)"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("root")
    parser.add_argument("--pretend", action="append", default=[])
    args = parser.parse_args()
    with open(os.path.join(args.root, "tests/layering/layers.toml"), "rb") as f:
        table = tomllib.load(f)
    folders, libraries = table["folders"], table["libraries"]
    errors = []
    cycle = find_cycle(folders)
    if cycle:
        errors.append(f"tests/layering/layers.toml: error: dependency cycle {' -> '.join(cycle)}")
    pretend = {}
    for item in args.pretend:
        file, header = item.split("=", 1)
        pretend.setdefault(file, []).append(header)
    checked = 0
    for rel in production_files(args.root, folders):
        checked += 1
        for line, quote, header in includes_of(args.root, rel, pretend):
            error = check_include(rel, quote, header, folders, libraries)
            if error:
                errors.append(f"{rel}:{line}: error: {error}")
    for e in errors:
        print(e)
    print(f"layering: {checked} files, {len(errors)} violations")
    return 1 if errors or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
