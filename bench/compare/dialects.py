#!/usr/bin/env python3
"""chartfn against Chart.js 4 (+ @napi-rs/canvas) on Chart.js configs from tests/dialects/chartjs.

  dialects.py SCRATCH OUT.json [--runs N] [--processes P] [FILE ...]

SCRATCH holds node_modules with chart.js@4, @napi-rs/canvas, chartjs-plugin-annotation@3 and
chartjs-plugin-datalabels@2 (see the README of bench/compare). Both sides render warm, in
process: Chart.js one chart per run on a fresh canvas (chartjs_config.mjs --time), chartfn
`chartfn bench` (render + PNG encode; its parse_ms, which includes translating the config, is
reported apart). Both warm up for at least WARMUP renders (100) and WARMUP_S seconds, then time
at least N renders over at least WINDOW_S seconds, and take their median (see vegalite.py: on
this kind of host a few hundred milliseconds of chartfn's renders could fall in one slow or fast
spell, where the peer's runs spanned several). The two
alternate file by file, and within a file process by process: each side's figure is the median
of its P processes' medians (--processes, default 3; see vegalite.py).
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
# The same plan as the Vega-Lite comparison (this script's folder is on the import path).
from vegalite import WARMUP, WARMUP_S, WINDOW_S, chartfn_bench, plan_json
DEFAULT = ["01-qc-bar-basic.js", "02-qc-line-basic.js", "04-qc-pie.js", "09-qc-mixed-bar-line.js",
           "12-qc-title-v3.js", "32-user-url-bar-benchmark-v3.js", "53-cjs4-bar-stacked.js",
           "56-cjs4-line-multi-axis.js", "59-cjs4-log-scale.js", "66-cjs4-bubble.js",
           "69-cjs4-radar.js", "71-annotation-line-v4.js"]


def old_notes(out):
    """The notes written by hand into an earlier OUT.json, kept for report.py (update them)."""
    try:
        return json.loads(out.read_text()).get("notes", "")
    except (OSError, ValueError):
        return ""


def main():
    args = sys.argv[1:]
    runs, processes = 30, 3
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    if "--processes" in args:
        i = args.index("--processes"); processes = int(args[i + 1]); del args[i:i + 2]
    scratch, out, files = pathlib.Path(args[0]), pathlib.Path(args[1]), args[2:] or DEFAULT
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    chartfn = str((ROOT / target) / "release/chartfn")
    script = scratch / "chartjs_config.mjs"
    script.write_text((ROOT / "bench/compare/chartjs_config.mjs").read_text())
    rows = []
    # chartjs_config.mjs reads the plan from its environment.
    plan = {"WARMUP": str(WARMUP), "WARMUP_MS": str(int(WARMUP_S * 1e3)), "WINDOW_MS": str(int(WINDOW_S * 1e3))}
    for name in files:
        path = str(ROOT / "tests/dialects/chartjs" / name)
        cfs, cjs = [], []
        for _ in range(processes):
            cfs.append(chartfn_bench(chartfn, path, runs))
            cjs.append(json.loads(subprocess.run(["node", str(script), "--time", str(runs), path], cwd=scratch,
                                                 env={**os.environ, **plan}, check=True, capture_output=True,
                                                 text=True).stdout.splitlines()[-1]))
        cf = {k: statistics.median(c[k] for c in cfs) for k in ("median_ms", "parse_ms")}
        cf["bytes"] = cfs[0]["bytes"]
        cj = {"median_ms": statistics.median(c["median_ms"] for c in cjs)}
        rows.append({"config": name, "chartfn_ms": cf["median_ms"], "chartfn_translate_and_parse_ms": cf["parse_ms"],
                     "chartjs_ms": round(cj["median_ms"], 3), "ratio": round(cj["median_ms"] / cf["median_ms"], 1),
                     "chartfn_bytes": cf["bytes"],
                     "chartfn_process_ms": [[c["median_ms"], c["parse_ms"]] for c in cfs],
                     "chartjs_process_ms": [round(c["median_ms"], 3) for c in cjs],
                     "timed_runs": {"chartfn": [c["runs"] for c in cfs], "chartjs": [c["runs"] for c in cjs]}})
        print(f"{name:45s} chartfn {cf['median_ms']:6.2f} ms (+{cf['parse_ms']:.3f} translate)  Chart.js {cj['median_ms']:7.2f} ms  {rows[-1]['ratio']}x")
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "runs": runs,
                               "load_avg_start": open("/proc/loadavg").read().split()[:3],
                               "command": f"python3 bench/compare/dialects.py SCRATCH docs/{out.name} --runs {runs} --processes {processes}",
                               "processes": processes,
                               **plan_json(),
                               "rows": rows, "notes": old_notes(out)}, indent=1) + "\n")


if __name__ == "__main__":
    main()
