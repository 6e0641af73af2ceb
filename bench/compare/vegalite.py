#!/usr/bin/env python3
"""chartfn against vl-convert (Vega-Lite's own renderer, PyPI vl-convert-python) on Vega-Lite
examples from tests/dialects/vega-lite.

  vegalite.py VENV_PYTHON OUT.json [--runs N] [--processes P] [--cold N] [FILE ...]

VENV_PYTHON is a Python with vl-convert-python installed (`python3 -m venv V && V/bin/pip
install vl-convert-python`). Both render warm, in process, to PNG at scale 1: vl-convert
`vegalite_to_png` on the parsed spec, chartfn `chartfn bench` (render + PNG encode of the
translated spec; its parse_ms, which includes reading and translating the spec, is reported
apart). Both warm up for at least WARMUP renders and at least WARMUP_S seconds, then time at
least N renders over at least WINDOW_S seconds, and take their median. Time, not only counts:
this kind of host has spells of a few hundred milliseconds in which every renderer runs up to
1.7x slower (a CPU just woken, a neighbour on the same core). 100 warm-ups were 1.7-17 s of
vl-convert but 25-200 ms of chartfn, and 25 timed runs 0.4-4 s of vl-convert but 7-80 ms of
chartfn: its median was a draw of one spell (arc_donut's chartfn processes 0.25-0.46 ms in one
minute; with a second's warm-up and window, 0.24-0.28 ms), where vl-convert's spanned several.
Measured over the same spans, both medians are of the same conditions. The two alternate
example by example, and within an example process by process: P processes each (--processes,
default 3), chartfn, vl-convert, chartfn, ..., and each side's figure is the median of its P
processes' medians.

Cold (--cold N, default 5): a fresh process per chart, spec file in, PNG file out, as a script
or Altair's `chart.save("x.png")` runs it: `chartfn render FILE -o OUT` against `python -c` importing
vl_convert and converting once. Medians of N after one discarded run.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEFAULT = ["bar.vl.json", "bar_aggregate.vl.json", "stacked_bar_weather.vl.json", "line_color.vl.json",
           "layer_bar_line.vl.json", "histogram.vl.json", "point_2d.vl.json", "arc_donut.vl.json",
           "rect_heatmap.vl.json", "boxplot_2D_vertical.vl.json", "trellis_bar.vl.json",
           "stacked_area.vl.json"]
WARMUP, WARMUP_S, WINDOW_S = 100, 1.0, 1.0
# The same plan as `chartfn bench --warmup W --warmup-ms .. --window-ms ..`.
VLC = """
import json, sys, time, statistics
import vl_convert as vlc
spec = json.load(open(sys.argv[1])); runs, warmup = int(sys.argv[2]), int(sys.argv[3])
warmup_s, window_s = float(sys.argv[4]), float(sys.argv[5])
start, n = time.perf_counter(), 0
while n < warmup or time.perf_counter() - start < warmup_s:
    vlc.vegalite_to_png(vl_spec=spec, scale=1); n += 1
t, start = [], time.perf_counter()
while len(t) < runs or time.perf_counter() - start < window_s:
    t0 = time.perf_counter(); png = vlc.vegalite_to_png(vl_spec=spec, scale=1); t.append((time.perf_counter() - t0) * 1e3)
print(json.dumps({"median_ms": statistics.median(t), "runs": len(t), "bytes": len(png)}))
"""
VLC_COLD = """
import json, sys
import vl_convert as vlc
open(sys.argv[2], "wb").write(vlc.vegalite_to_png(vl_spec=json.load(open(sys.argv[1])), scale=1))
"""


def chartfn_bench(chartfn, path, runs):
    """`chartfn bench` of one file by the plan above: its JSON line."""
    cmd = [chartfn, "bench", path, "--runs", str(runs), "--warmup", str(WARMUP),
           "--warmup-ms", str(int(WARMUP_S * 1e3)), "--window-ms", str(int(WINDOW_S * 1e3))]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1])


def plan_json():
    """The plan, as the result files record it."""
    return {"warmup": f"{WARMUP} renders each", "warmup_s": WARMUP_S, "window_s": WINDOW_S}


def cold_ms(cmd, n):
    """Median wall time of `cmd` in a fresh process, n times after one discarded run."""
    times = []
    for i in range(n + 1):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        if i:
            times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    return times[len(times) // 2]


def old_notes(out):
    """The notes written by hand into an earlier OUT.json, kept for report.py (update them)."""
    try:
        return json.loads(out.read_text()).get("notes", "")
    except (OSError, ValueError):
        return ""


def main():
    args = sys.argv[1:]
    runs, cold, processes = 15, 5, 3
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    if "--processes" in args:
        i = args.index("--processes"); processes = int(args[i + 1]); del args[i:i + 2]
    if "--cold" in args:
        i = args.index("--cold"); cold = int(args[i + 1]); del args[i:i + 2]
    python, out, files = args[0], pathlib.Path(args[1]), args[2:] or DEFAULT
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    chartfn = str((ROOT / target) / "release/chartfn")
    rows = []
    for name in files:
        path = str(ROOT / "tests/dialects/vega-lite" / name)
        cfs, vls = [], []
        for _ in range(processes):
            cfs.append(chartfn_bench(chartfn, path, runs))
            vls.append(json.loads(subprocess.run([python, "-c", VLC, path, str(runs), str(WARMUP), str(WARMUP_S),
                                                  str(WINDOW_S)], check=True,
                                                 capture_output=True, text=True).stdout.splitlines()[-1]))
        cf = {k: statistics.median(c[k] for c in cfs) for k in ("median_ms", "parse_ms")}
        vl = {"median_ms": statistics.median(v["median_ms"] for v in vls)}
        out_png = "/tmp/chartfn-vl-cold.png"
        cf_cold = cold_ms([chartfn, "render", path, "-o", out_png], cold)
        vl_cold = cold_ms([python, "-c", VLC_COLD, path, out_png], cold)
        rows.append({"example": name, "chartfn_ms": cf["median_ms"], "chartfn_translate_and_parse_ms": cf["parse_ms"],
                     "vl_convert_ms": round(vl["median_ms"], 2),
                     "ratio": round(vl["median_ms"] / (cf["median_ms"] + cf["parse_ms"]), 1),
                     "chartfn_cold_ms": round(cf_cold, 2), "vl_convert_cold_ms": round(vl_cold, 1),
                     "cold_ratio": round(vl_cold / cf_cold, 1),
                     "chartfn_process_ms": [[c["median_ms"], c["parse_ms"]] for c in cfs],
                     "vl_convert_process_ms": [round(v["median_ms"], 2) for v in vls],
                     "timed_runs": {"chartfn": [c["runs"] for c in cfs], "vl_convert": [v["runs"] for v in vls]}})
        print(f"{name:40s} chartfn {cf['median_ms']:6.2f} ms (+{cf['parse_ms']:.3f} read+translate)  vl-convert {vl['median_ms']:8.1f} ms  {rows[-1]['ratio']}x"
              f"   cold: {cf_cold:.1f} vs {vl_cold:.0f} ms, {rows[-1]['cold_ratio']}x", flush=True)
    # The peer's version and the host: vl-convert's speed has differed 2x between hosts of the
    # same kind with chartfn's the same, so a run says which it was.
    version = subprocess.run([python, "-c", "import importlib.metadata as m; print(m.version('vl-convert-python'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "runs": runs,
                               "vl_convert_version": version, "cpu": f"{cpu}, {os.cpu_count()} CPUs",
                               "load_avg_start": open("/proc/loadavg").read().split()[:3],
                               "command": f"python3 bench/compare/vegalite.py VENV_PYTHON docs/{out.name} --runs {runs} --processes {processes} --cold {cold}",
                               "processes": processes,
                               "cold_runs": cold,
                               **plan_json(),
                               "rows": rows, "notes": old_notes(out)}, indent=1) + "\n")


if __name__ == "__main__":
    main()
