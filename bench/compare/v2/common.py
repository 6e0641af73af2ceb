"""Shared helpers for the v2 comparison scripts: load an example, make an 800x600 (or the spec's
size) Agg figure at 100 dpi so one matplotlib pixel is one chartfn logical pixel, save a PNG."""
import json
import pathlib
import sys

from matplotlib.figure import Figure

ROOT = pathlib.Path(__file__).resolve().parents[3]


def load(name):
    return json.loads((ROOT / "examples" / f"{name}.json").read_text())


def figure(spec, **kw):
    w, h = spec.get("width", 800), spec.get("height", 600)
    return Figure(figsize=(w / 100, h / 100), dpi=100, **kw)


def save(fig, default):
    out = sys.argv[1] if len(sys.argv) > 1 else default
    fig.savefig(out, format="png")
    print(out)
