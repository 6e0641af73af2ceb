#!/usr/bin/env python3
"""What shaping and the fonts cost: binary size, cold start (with and without a CJK font folder)
and R1 warm, against an earlier build of chartfn.

  fonts.py OUT.json --before OLD_CHARTFN [--cjk-dir DIR] [--rounds N] [--runs N]

R1 is timed by `chartfn bench` (median of --runs after 3 warm-ups) in --rounds interleaved
rounds, old and new binary in turn; the median of the round medians is reported. "R1 in four
scripts" is R1 with its title, axis labels and series name in Arabic, Devanagari and Hebrew
(shaped, with fallback faces), timed by the new binary only. Cold start is a fresh process that
renders R1 to a PNG file (median of 21 after one discarded). report.py turns OUT.json into the
"Fonts and shaping" section of docs/benchmarks.md.
"""
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def bench(binary, spec, runs):
    line = subprocess.run([binary, "bench", str(spec), "--runs", str(runs)], check=True,
                          capture_output=True, text=True).stdout.splitlines()[-1]
    return json.loads(line)["median_ms"]


def cold(binary, spec, out, font_dir=None, runs=21):
    env = dict(os.environ)
    env.pop("CHARTFN_FONT_DIR", None)
    if font_dir:
        env["CHARTFN_FONT_DIR"] = str(font_dir)
    times = []
    for _ in range(runs + 1):
        t = time.perf_counter()
        subprocess.run([binary, "render", str(spec), "-o", str(out)], check=True, env=env)
        times.append((time.perf_counter() - t) * 1e3)
    return statistics.median(times[1:])


def main():
    args = sys.argv[1:]
    opts = {"--before": None, "--cjk-dir": None, "--rounds": "5", "--runs": "40"}
    for k in list(opts):
        if k in args:
            i = args.index(k); opts[k] = args[i + 1]; del args[i:i + 2]
    out = pathlib.Path(args[0])
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    new = str((ROOT / target) / "release/chartfn")
    old = opts["--before"]
    rounds, runs = int(opts["--rounds"]), int(opts["--runs"])
    r1 = ROOT / "benches/specs/R1.json"
    with tempfile.TemporaryDirectory() as tmp:
        scripts = pathlib.Path(tmp) / "R1-scripts.json"
        spec = json.loads(r1.read_text())
        spec["title"] = "R1 خط · रेखा · קו: 1 series, 1,000 points"
        spec.setdefault("x", {})["label"] = "الوقت (s) · समय"
        spec.setdefault("y", {})["label"] = "आयाम · משרעת"
        spec["series"][0]["name"] = "إشارة"
        scripts.write_text(json.dumps(spec, ensure_ascii=False))
        warm = {"before": [], "after": [], "after_scripts": []}
        for _ in range(rounds):
            warm["before"].append(bench(old, r1, runs))
            warm["after"].append(bench(new, r1, runs))
            warm["after_scripts"].append(bench(new, scripts, runs))
        png = pathlib.Path(tmp) / "r1.png"
        result = {
            "when": time.strftime("%Y-%m-%d %H:%M"),
            "load_avg_start": open("/proc/loadavg").read().split()[:3],
            "command": f"python3 bench/compare/fonts.py docs/{out.name} --before OLD --cjk-dir DIR --rounds {rounds} --runs {runs}",
            "rounds": rounds, "runs": runs,
            "before": opts["--before"],
            "after": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                    capture_output=True, text=True).stdout.strip(),
            "binary_bytes": {"before": os.path.getsize(old), "after": os.path.getsize(new)},
            "r1_ms": {k: statistics.median(v) for k, v in warm.items()},
            "r1_rounds": warm,
            "cold_ms": {"before": cold(old, r1, png), "after": cold(new, r1, png)},
        }
        if opts["--cjk-dir"]:
            result["cold_ms"]["after_cjk_folder"] = cold(new, r1, png, opts["--cjk-dir"])
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(json.dumps({k: result[k] for k in ("binary_bytes", "r1_ms", "cold_ms")}, indent=1))


if __name__ == "__main__":
    main()
