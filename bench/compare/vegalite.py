#!/usr/bin/env python3
"""chartfn against vl-convert (Vega-Lite's own renderer, PyPI vl-convert-python) on Vega-Lite
examples from tests/dialects/vega-lite.

  vegalite.py VENV_PYTHON OUT.json [--runs N] [FILE ...]

VENV_PYTHON is a Python with vl-convert-python installed (`python3 -m venv V && V/bin/pip
install vl-convert-python`). Both render warm, in process, to PNG at scale 1: vl-convert
`vegalite_to_png` on the parsed spec, chartfn `chartfn bench` (render + PNG encode of the
translated spec; its parse_ms, which includes reading and translating the spec, is reported
apart). Medians of N runs after 3 warm-ups; the two alternate example by example.
"""
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT = ["bar.vl.json", "bar_aggregate.vl.json", "stacked_bar_weather.vl.json", "line_color.vl.json",
           "layer_bar_line.vl.json", "histogram.vl.json", "point_2d.vl.json", "arc_donut.vl.json",
           "rect_heatmap.vl.json", "boxplot_2D_vertical.vl.json", "trellis_bar.vl.json",
           "stacked_area.vl.json"]
VLC = """
import json, sys, time, statistics
import vl_convert as vlc
spec = json.load(open(sys.argv[1])); runs = int(sys.argv[2])
for _ in range(3): vlc.vegalite_to_png(vl_spec=spec, scale=1)
t = []
for _ in range(runs):
    t0 = time.perf_counter(); png = vlc.vegalite_to_png(vl_spec=spec, scale=1); t.append((time.perf_counter() - t0) * 1e3)
print(json.dumps({"median_ms": statistics.median(t), "bytes": len(png)}))
"""


def main():
    args = sys.argv[1:]
    runs = 15
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    python, out, files = args[0], pathlib.Path(args[1]), args[2:] or DEFAULT
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    chartfn = str((ROOT / target) / "release/chartfn")
    rows = []
    for name in files:
        path = str(ROOT / "tests/dialects/vega-lite" / name)
        cf = json.loads(subprocess.run([chartfn, "bench", path, "--runs", str(runs)], check=True,
                                       capture_output=True, text=True).stdout.splitlines()[-1])
        vl = json.loads(subprocess.run([python, "-c", VLC, path, str(runs)], check=True,
                                       capture_output=True, text=True).stdout.splitlines()[-1])
        rows.append({"example": name, "chartfn_ms": cf["median_ms"], "chartfn_translate_and_parse_ms": cf["parse_ms"],
                     "vl_convert_ms": round(vl["median_ms"], 2),
                     "ratio": round(vl["median_ms"] / (cf["median_ms"] + cf["parse_ms"]), 1)})
        print(f"{name:40s} chartfn {cf['median_ms']:6.2f} ms (+{cf['parse_ms']:.3f} read+translate)  vl-convert {vl['median_ms']:8.1f} ms  {rows[-1]['ratio']}x")
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "runs": runs,
                               "load_avg_start": open("/proc/loadavg").read().split()[:3],
                               "command": f"python3 bench/compare/vegalite.py VENV_PYTHON docs/{out.name} --runs {runs}",
                               "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
