#!/usr/bin/env bash
# Load run against `chartfn serve` on 127.0.0.1 with wrk (apt-get install wrk): POSTs one spec
# for a bounded time and reports requests/s, latency percentiles, errors and server RSS.
#   scripts/load.sh [SPEC] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-benches/specs/R1.json}
secs=${2:-60}
conns=${3:-16}
[ "$secs" -le 300 ] || { echo "at most 300 s"; exit 2; }
bin=target/release/chartfn
[ -x "$bin" ] || cargo build --release
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --addr "127.0.0.1:$port" > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
lua=$(mktemp)
cat > "$lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$spec", "rb"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
# Warm up, then measure.
wrk -t2 -c"$conns" -d5s -s "$lua" "http://127.0.0.1:$port/chart" > /dev/null
echo "rss_kb_start=$(rss)"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$lua" "http://127.0.0.1:$port/chart"
echo "rss_kb_end=$(rss)"
