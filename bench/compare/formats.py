#!/usr/bin/env python3
"""R1 and R7 written as PNG, lossless WebP, JPEG (quality 90) and PDF: medians and bytes.

  formats.py OUT.json [--runs N]

Each spec is copied with its `format` set, then timed by `chartfn bench` (release build; render +
encode in process, median of N after 3 warm-ups). report.py turns OUT.json into the
"Output formats" section of docs/benchmarks.md.
"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
FORMATS = ["png", "webp", "jpeg", "pdf"]


def main():
    args = sys.argv[1:]
    runs = 15
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    out = pathlib.Path(args[0])
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    chartfn = str((ROOT / target) / "release/chartfn")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for chart in ["R1", "R7"]:
            spec = json.loads((ROOT / f"benches/specs/{chart}.json").read_text())
            for fmt in FORMATS:
                spec["format"] = fmt
                path = pathlib.Path(tmp) / f"{chart}-{fmt}.json"
                path.write_text(json.dumps(spec))
                line = subprocess.run([chartfn, "bench", str(path), "--runs", str(runs)], check=True,
                                      capture_output=True, text=True).stdout.splitlines()[-1]
                v = json.loads(line)
                rows.append({"chart": chart, "format": fmt, "median_ms": v["median_ms"],
                             "encode_ms": v["encode_ms"], "bytes": v["bytes"]})
                print(f"{chart} {fmt:5} {v['median_ms']:8.2f} ms (encode {v['encode_ms']:.2f})  {v['bytes']:>9} bytes", flush=True)
    out.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "runs": runs,
                               "load_avg_start": open("/proc/loadavg").read().split()[:3],
                               "command": f"python3 bench/compare/formats.py docs/{out.name} --runs {runs}",
                               "rows": rows}, indent=1) + "\n")


if __name__ == "__main__":
    main()
