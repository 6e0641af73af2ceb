#!/usr/bin/env python3
"""Checks the crate's import graph: no cycles between modules, and the layers flow one way.

  python3 scripts/layers.py [-v]

Reads `src/` as text: every `crate::a::b`, `super::x` and grouped `crate::{a, b::c}` path outside
`#[cfg(test)] mod tests` is an edge from the module that writes it to the deepest module it
names. Exits 1 on a cycle (at the depth of folders and at the depth of files) or when a layer
imports one above it. `-v` prints the edges.
"""
import os
import re
import sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
# Lowest first; a module may import only from its own layer or those before it.
LAYERS = [["error", "budget"], ["format"], ["spec"], ["dialect"], ["draw"], ["render"], [""], ["service"]]


def modules():
    mods = {}
    for dirpath, _, files in os.walk(SRC):
        for f in files:
            if not f.endswith(".rs") or (dirpath == SRC and f == "main.rs"):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), SRC)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib"):
                rel = rel[:-1]
            if rel and (rel[-1] == "tests" or rel[-1].endswith("_tests")):
                continue  # test modules may use anything
            text = open(os.path.join(dirpath, f), encoding="utf-8").read()
            cut = re.search(r"#\[cfg\(test\)\]\s*mod tests", text)
            mods["::".join(rel)] = re.sub(r"//.*", "", text[: cut.start()] if cut else text)
    return mods


def expand(group):
    """`a::b, c::{d, e}` -> ['a::b', 'c::d', 'c::e'] (top-level commas only)."""
    out, depth, cur = [], 0, ""
    for ch in group + ",":
        if ch == "," and depth == 0:
            cur = cur.strip()
            m = re.match(r"^([A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*)(?:::\{(.*)\})?", cur, re.S)
            if m:
                out += [m.group(1) + "::" + x for x in expand(m.group(2))] if m.group(2) else [m.group(1)]
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    return out


def targets(text, here):
    paths = []
    for m in re.finditer(r"\bcrate::\{", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        paths += expand(text[m.end(): i - 1])
    paths += re.findall(r"\bcrate::([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*)", text)
    parent = here.split("::")[:-1] if here else []
    for p in re.findall(r"\bsuper::([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*)", text):
        paths.append("::".join(parent + p.split("::")))
    # Grouped: `super::{a, b::c}` names each module in the braces.
    for m in re.finditer(r"\bsuper::\{", text):
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        for p in expand(text[m.end(): i - 1]):
            paths.append("::".join(parent + p.split("::")))
    return paths


def deepest(path, mods):
    parts = path.split("::")
    while parts and "::".join(parts) not in mods:
        parts = parts[:-1]
    return "::".join(parts)


def cycles(graph):
    index, low, stack, on, found, n = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = n[0]
        n[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in list(graph):
        if v not in index:
            visit(v)
    return found


def layer(mod):
    top = mod.split("::")[0]
    for i, names in enumerate(LAYERS):
        if top in names:
            return i
    return None


def main():
    mods = modules()
    edges = set()
    for m, text in mods.items():
        for t in targets(text, m):
            d = deepest(t, mods)
            if d != m and not m.startswith(d + "::") and (d or t.split("::")[0] not in mods):
                edges.add((m, d))
    failed = False
    for depth in (1, 9):
        trunc = lambda m: "::".join(m.split("::")[:depth])
        graph = {}
        for a, b in edges:
            if trunc(a) != trunc(b) and b:
                graph.setdefault(trunc(a), set()).add(trunc(b))
        for c in cycles(graph):
            print("cycle:", " <-> ".join(c))
            failed = True
    for a, b in sorted(edges):
        la, lb = layer(a), layer(b)
        if la is not None and lb is not None and lb > la:
            print(f"layer: {a or 'lib.rs'} imports {b or 'lib.rs'}, a layer above it")
            failed = True
    if "-v" in sys.argv:
        for a, b in sorted(edges):
            print(f"{a or 'lib.rs'} -> {b or 'lib.rs'}")
    print("import graph:", "FAILED" if failed else f"no cycles, layers one way ({len(mods)} modules, {len(edges)} edges)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
