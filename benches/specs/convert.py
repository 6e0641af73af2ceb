#!/usr/bin/env python3
"""Converts raw reference-chart data files into chartfn specs.

The specs this folder holds (R1.json ... R7.json) were made with it and are the reference: the
benchmarks need nothing else. It is kept to show how they were made, and to convert more charts
of the same raw shape (see README.md here).

Usage: python3 benches/specs/convert.py RAW_DATA_DIR OUT_DIR
"""
import json
import pathlib
import sys


def convert(d):
    spec = {"width": d.get("width", 800), "height": d.get("height", 600), "title": d["title"],
            "x": {"label": d["xlabel"]}, "y": {"label": d["ylabel"]}}
    kind = d["kind"]
    if kind in ("line", "scatter"):
        spec["series"] = [{"type": kind, "name": s["name"], "x": s["x"], "y": s["y"]} for s in d["series"]]
    elif kind == "bar":
        spec["series"] = [{"type": "bar", "name": s["name"], "x": d["categories"], "y": s["values"]}
                          for s in d["series"]]
    elif kind == "hist":
        spec["series"] = [{"type": "histogram", "values": d["samples"], "bins": d["bins"]}]
    elif kind == "heatmap":
        spec["series"] = [{"type": "heatmap", "z": d["z"]}]
    else:
        raise SystemExit(f"unknown kind {kind}")
    return spec


def main():
    src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    for f in sorted(src.glob("R*.json")):
        spec = convert(json.loads(f.read_text()))
        (dst / f.name).write_text(json.dumps(spec, separators=(",", ":")))
        print(f"{f.name}: {len(spec['series'])} series")


if __name__ == "__main__":
    main()
