#!/usr/bin/env python3
"""Measures chartfn, matplotlib and Chart.js on R1-R7 in one run; writes results.json.

  measure.py SCRATCH OUT.json [--runs N]
  measure.py SCRATCH OUT.json --v2 [--runs N]   chartfn and matplotlib on V1-V4 (warm only)

SCRATCH holds the peers (see run.sh). Warm: render + PNG encode in-process, median of N runs after
3 warm-ups (R7: 5 after 1). Cold: a fresh process to a first PNG file for R1, median of 5 after 1
discarded; peak RSS of that process from /usr/bin/time.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
CHARTS = [f"R{i}" for i in range(1, 8)]
V2_CHARTS = [f"V{i}" for i in range(1, 5)]


def renderers(scratch):
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    chartfn = str((ROOT / target) / "release/chartfn")
    py = str(scratch / "venv/bin/python")
    return {
        "chartfn": {
            "warm": lambda spec, n, w: [chartfn, "bench", spec, "--runs", str(n), "--warmup", str(w)],
            "cold": lambda spec, out: [chartfn, "render", spec, "-o", out],
        },
        "matplotlib": {
            "warm": lambda spec, n, w: [py, str(HERE / "mpl_render.py"), "warm", spec, str(n), str(w)],
            "cold": lambda spec, out: [py, str(HERE / "mpl_render.py"), "cold", spec, out],
        },
        "chartjs": {
            "warm": lambda spec, n, w: ["node", str(scratch / "chartjs_render.mjs"), "warm", spec, str(n), str(w)],
            "cold": lambda spec, out: ["node", str(scratch / "chartjs_render.mjs"), "cold", spec, out],
        },
    }


def last_json_line(text):
    return json.loads([l for l in text.splitlines() if l.startswith("{")][-1])


def main_v2(scratch, out, runs):
    """V1-V4 (benches/specs/make_v.py): warm medians and PNG bytes, chartfn and matplotlib only
    (the Chart.js renderer has no box, candlestick or annotation code). The two renderers
    alternate chart by chart, so load drift hits both alike. A chart a renderer refuses is
    recorded with its error instead of a time."""
    r = renderers(scratch)
    results = {"warm": {"chartfn": {}, "matplotlib": {}}, "runs": runs,
               "when": time.strftime("%Y-%m-%d %H:%M:%S"),
               "load_avg_start": open("/proc/loadavg").read().split()[:3],
               "command": f"python3 bench/compare/measure.py SCRATCH {os.path.relpath(out.resolve(), ROOT)} --v2 --runs {runs}"}
    for chart in V2_CHARTS:
        spec = str(ROOT / f"benches/specs/{chart}.json")
        for name in ("chartfn", "matplotlib"):
            p = subprocess.run(r[name]["warm"](spec, runs, 3), capture_output=True, text=True, timeout=1800)
            if p.returncode != 0:
                err = (p.stderr.strip().splitlines() or ["exit status %d" % p.returncode])[-1]
                results["warm"][name][chart] = {"error": err[:300]}
                print(f"{name:10} {chart}: FAILED {err[:200]}", flush=True)
                continue
            v = last_json_line(p.stdout)
            v["rss_kb"] = v.get("peak_rss_kb", v["rss_kb"])
            results["warm"][name][chart] = {k: v[k] for k in ("median_ms", "p90_ms", "bytes", "rss_kb")}
            print(f"{name:10} {chart}: {v['median_ms']:8.2f} ms  {v['bytes']:>9} bytes", flush=True)
    results["load_avg_end"] = open("/proc/loadavg").read().split()[:3]
    out.write_text(json.dumps(results, indent=2) + "\n")


def main():
    scratch, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 30
    if "--v2" in sys.argv:
        return main_v2(scratch, out, runs)
    results = {"warm": {}, "cold": {}, "runs": runs,
               "when": time.strftime("%Y-%m-%d %H:%M:%S"),
               "load_avg_start": open("/proc/loadavg").read().split()[:3]}
    for name, r in renderers(scratch).items():
        results["warm"][name] = {}
        for chart in CHARTS:
            spec = str(ROOT / f"benches/specs/{chart}.json")
            n, w = (5, 1) if chart == "R7" else (runs, 3)
            p = subprocess.run(r["warm"](spec, n, w), capture_output=True, text=True, timeout=1800)
            if p.returncode != 0:
                sys.exit(f"{name} {chart}: {p.stderr[-2000:]}")
            v = last_json_line(p.stdout)
            # Peak resident memory of the warm process (chartfn reports it as peak_rss_kb).
            v["rss_kb"] = v.get("peak_rss_kb", v["rss_kb"])
            results["warm"][name][chart] = {k: v[k] for k in ("median_ms", "p90_ms", "bytes", "rss_kb")}
            print(f"{name:10} {chart}: {v['median_ms']:8.2f} ms  {v['bytes']:>9} bytes", flush=True)
        spec = str(ROOT / "benches/specs/R1.json")
        walls, peaks = [], []
        for i in range(6):
            png = scratch / f"cold-{name}.png"
            t0 = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M"] + r["cold"](spec, str(png)),
                               capture_output=True, text=True, timeout=120)
            wall = time.perf_counter() - t0
            if p.returncode != 0 or not png.exists():
                sys.exit(f"{name} cold: {p.stderr[-2000:]}")
            if i > 0:
                walls.append(wall * 1000)
                peaks.append(int(p.stderr.strip().splitlines()[-1]))
        results["cold"][name] = {"median_ms": statistics.median(walls), "min_ms": min(walls),
                                 "max_ms": max(walls), "peak_rss_kb": statistics.median(peaks)}
        print(f"{name:10} cold: {statistics.median(walls):.1f} ms, {statistics.median(peaks)} KB", flush=True)
    results["load_avg_end"] = open("/proc/loadavg").read().split()[:3]
    out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
