#!/usr/bin/env python3
"""Medians of R1-R7 for several chartfn binaries, measured interleaved in one run.

  variants.py OUT.json LABEL=BINARY [LABEL=BINARY ...] [--rounds 5] [--runs 30] [--callgrind]
              [--charts R1,R2,...,V4]   (default R1-R7)

Each round runs every binary once (`chartfn bench benches/specs/R*.json --runs N`), in an order
that rotates between rounds, so a noisy minute touches every variant alike. A variant's figure
for a chart is the median of its per-round medians, with the range of those medians.
With --callgrind, each binary also renders each chart once under valgrind's callgrind, whose
instruction count does not depend on what else the machine is doing.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

CHARTS = [f"R{i}" for i in range(1, 8)]


def bench(binary, runs):
    specs = [f"benches/specs/{c}.json" for c in CHARTS]
    out = subprocess.run([binary, "bench", *specs, "--runs", str(runs), "--warmup", "3"],
                         check=True, capture_output=True, text=True).stdout
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    return {row["spec"].removesuffix(".json"): row for row in rows}


def instructions(binary, chart):
    run = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary,
                          "bench", f"benches/specs/{chart}.json", "--runs", "1", "--warmup", "0"],
                         check=True, capture_output=True, text=True)
    line = next(l for l in run.stderr.splitlines() if "Collected" in l)
    return int(line.split()[-1])


def main():
    args = sys.argv[1:]
    rounds, runs = 5, 30
    if "--rounds" in args:
        i = args.index("--rounds"); rounds = int(args[i + 1]); del args[i:i + 2]
    if "--runs" in args:
        i = args.index("--runs"); runs = int(args[i + 1]); del args[i:i + 2]
    if "--charts" in args:
        i = args.index("--charts"); CHARTS[:] = args[i + 1].split(","); del args[i:i + 2]
    callgrind = "--callgrind" in args
    if callgrind:
        args.remove("--callgrind")
    out, pairs = pathlib.Path(args[0]), [a.split("=", 1) for a in args[1:]]
    seen = {label: {c: [] for c in CHARTS} for label, _ in pairs}
    size = {label: {} for label, _ in pairs}
    load_start = os.getloadavg()
    for r in range(rounds):
        order = pairs[r % len(pairs):] + pairs[:r % len(pairs)]
        for label, binary in order:
            for c, row in bench(binary, runs).items():
                seen[label][c].append(row["median_ms"])
                size[label][c] = row["bytes"]
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M"),
        "load_avg_start": [f"{x:.2f}" for x in load_start],
        "load_avg_end": [f"{x:.2f}" for x in os.getloadavg()],
        "command": "bench/variants.py " + " ".join(sys.argv[1:]),
        "rounds": rounds, "runs": runs,
        "variants": {label: {c: {"median_ms": statistics.median(v), "min_ms": min(v),
                                 "max_ms": max(v), "bytes": size[label][c]}
                             for c, v in charts.items()}
                     for label, charts in seen.items()},
    }
    if callgrind:
        for label, binary in pairs:
            for c in CHARTS:
                result["variants"][label][c]["instructions"] = instructions(binary, c)
    out.write_text(json.dumps(result, indent=1) + "\n")
    for label, charts in result["variants"].items():
        print(label, " ".join(f"{c}={v['median_ms']:.2f}" for c, v in charts.items()))


if __name__ == "__main__":
    main()
