#!/usr/bin/env bash
# Soak: `chartfn serve` on 127.0.0.1 under a bounded wrk load with a mix of good, huge and bad
# specs. Reports throughput, latency percentiles, outcomes by request kind (and any unexpected
# one), the worst overrun of a request past its budget, and server RSS after warm-up and at the
# end. Exits non-zero when a target is missed: an unexpected outcome, an overrun past
# --max-overrun-ms, or (runs of 30 s and more) RSS drift over 5 %.
#
#   scripts/soak.sh [--seconds N] [--connections N] [--bin PATH] [--max-overrun-ms N] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=60 conns=8 bin=target/release/chartfn max_overrun=10 out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) secs=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --max-overrun-ms) max_overrun=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
[ "$secs" -ge 1 ] && [ "$secs" -le 3600 ] || { echo "--seconds must be 1..3600"; exit 2; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 2; }
if [ ! -x "$bin" ]; then
  if [ "$bin" = target/release/chartfn ]; then cargo build --release; else cargo build; fi
fi

work=$(mktemp -d)
log="$work/server.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The mix: kind=file[=budget ms]*weight. Expected outcomes per kind are checked below.
python3 - "$work" <<'PY'
import json, sys, pathlib
w = pathlib.Path(sys.argv[1])
# 1.5 M points at 4000x3000 with a 50 ms budget: too big to parse in time, refused at once.
# ("slow" below, R7 with 40 ms, parses in time and must stop mid-render.)
huge = {"width": 4000, "height": 3000, "series": [{"type": "line", "y": [i % 997 for i in range(1_500_000)]}]}
(w / "huge.json").write_text(json.dumps(huge, separators=(",", ":")))
(w / "limit.json").write_text(json.dumps({"width": 10000, "height": 10000, "series": [{"type": "line", "y": [1]}]}))
(w / "bad-json.json").write_text('{"series": [{"type": "line", "y": [1, 2')
(w / "bad-spec.json").write_text('{"series": [{"type": "line", "y": [1, "two"]}]}')
PY
mix=(
  "good-r1=benches/specs/R1.json*4"
  "good-r4=benches/specs/R4.json*2"
  "good-r5=benches/specs/R5.json*2"
  "good-r3=benches/specs/R3.json*2"
  "good-line=examples/line.json*2"
  "huge=$work/huge.json=50*1"
  "slow=benches/specs/R7.json=40*1"
  "limit=$work/limit.json*1"
  "bad-json=$work/bad-json.json*1"
  "bad-spec=$work/bad-spec.json*1"
)

"$bin" serve --addr "127.0.0.1:$port" > /dev/null 2> "$log" &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }

# Warm up with the same mix (allocator arenas, caches), then measure.
warm=$(( secs < 10 ? 1 : secs / 4 ))
wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${warm}s" -s scripts/soak.lua "http://127.0.0.1:$port/chart" -- "${mix[@]}" > /dev/null
rss_start=$(rss)
: > "$log"
# RSS once a second while the load runs (bounded: the run's length plus a margin).
( for _ in $(seq $(( secs + 5 ))); do rss >> "$work/rss.txt" 2>/dev/null || break; sleep 1; done ) &
sampler=$!
wrk -t"$(( conns < 2 ? 1 : 2 ))" -c"$conns" -d"${secs}s" --timeout 10s --latency -s scripts/soak.lua \
  "http://127.0.0.1:$port/chart" -- "${mix[@]}" > "$work/wrk.txt"
rss_end=$(rss)
kill $sampler 2>/dev/null || true
kill -TERM $pid; wait $pid || true

python3 - "$log" "$work/wrk.txt" "$rss_start" "$rss_end" "$secs" "$max_overrun" "$out" "$work/rss.txt" <<'PY'
import json, re, sys, collections, statistics
log, wrk, rss0, rss1, secs, max_overrun, out, samples = sys.argv[1:]
rss0, rss1, secs, max_overrun = int(rss0), int(rss1), int(secs), float(max_overrun)
samples = [int(l) for l in open(samples) if l.strip()] or [rss0, rss1]
expected = {
    "huge": {"ok", "deadline_exceeded"},
    "slow": {"ok", "deadline_exceeded"},
    "limit": {"limit_exceeded"},
    "bad-json": {"invalid_json"},
    "bad-spec": {"invalid_spec"},
}
outcomes = collections.Counter()
unexpected = collections.Counter()
overruns = []
worst_by_kind = {}
stopped_over = []
n = 0
for line in open(log):
    try:
        f = json.loads(line)["fields"]
    except (ValueError, KeyError):
        continue
    if f.get("message") != "done":
        continue
    n += 1
    kind, outcome = f["request_id"], f["outcome"]
    outcomes[(kind, outcome)] += 1
    if outcome not in expected.get(kind, {"ok"}):
        unexpected[(kind, outcome)] += 1
    over = f["ms"] - f["budget_ms"]
    if outcome == "deadline_exceeded" and over > -5:
        stopped_over.append(over)
    overruns.append(over)
    worst_by_kind[kind] = max(worst_by_kind.get(kind, over), over)
text = open(wrk).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
def pct(p):
    m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", text)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
socket_errors = re.search(r"Socket errors: (.*)", text)
worst = max(overruns) if overruns else 0.0
# How far past their budget the renders that were stopped by it ran.
stopped = sorted(stopped_over)
stopped_pcts = [round(stopped[len(stopped) // 2], 1), round(stopped[int(len(stopped) * 0.99)], 1)] if stopped else []
# Drift: the median RSS of the last quarter of the run against the first quarter's. Single
# samples swing with the large request bodies in flight; a leak moves the medians.
q = max(1, len(samples) // 4)
first, last = statistics.median(samples[:q]), statistics.median(samples[-q:])
drift = (last - first) / first * 100
report = {
    "seconds": secs, "requests": n, "requests_per_s": rps,
    "p50_ms": pct(50), "p99_ms": pct(99),
    "outcomes": {f"{k}:{o}": c for (k, o), c in sorted(outcomes.items())},
    "unexpected": {f"{k}:{o}": c for (k, o), c in sorted(unexpected.items())},
    "socket_errors": socket_errors.group(1) if socket_errors else "none",
    "worst_overrun_ms": round(worst, 1),
    "overrun_ms_p50_p99_of_stopped": stopped_pcts,
    "worst_overrun_ms_by_kind": {k: round(v, 1) for k, v in sorted(worst_by_kind.items())},
    "rss_kb_after_warmup": rss0, "rss_kb_end": rss1,
    "rss_kb_min": min(samples), "rss_kb_max": max(samples),
    "rss_kb_median_first_quarter": first, "rss_kb_median_last_quarter": last,
    "rss_drift_pct": round(drift, 2),
}
print(json.dumps(report, indent=2))
if out:
    open(out, "w").write(json.dumps(report, indent=2) + "\n")
failed = []
if unexpected: failed.append("unexpected outcomes")
if socket_errors: failed.append("socket errors")
if worst > max_overrun: failed.append(f"a request outlived its budget by {worst:.1f} ms")
if secs >= 30 and abs(drift) > 5: failed.append(f"RSS drift {drift:.1f} %")
if n == 0: failed.append("no requests logged")
if failed:
    sys.exit("soak: FAILED: " + "; ".join(failed))
print("soak: ok")
PY
