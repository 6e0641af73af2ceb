#!/usr/bin/env bash
# Reproducible comparison of chartfn with matplotlib and Chart.js on R1-R7 (same data, same
# machine, one run). Installs the peers into a scratch folder (pip and npm registries only),
# builds chartfn --release, measures (bench/compare/measure.py), and rewrites
# docs/benchmarks.md, docs/benchmarks.json and docs/benchmarks.png (drawn by chartfn).
#   bench/compare/run.sh [SCRATCH_DIR] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../.."
scratch=${1:-${TMPDIR:-/tmp}/chartfn-compare}
shift || true
mkdir -p "$scratch"
scratch=$(cd "$scratch" && pwd)

if [ ! -x "$scratch/venv/bin/python" ]; then
  python3 -m venv "$scratch/venv"
fi
"$scratch/venv/bin/python" -m pip install --quiet 'matplotlib>=3.8,<4' 'numpy<3'
if [ ! -d "$scratch/node_modules/chart.js" ]; then
  (cd "$scratch" && npm init -y >/dev/null && npm install --silent 'chart.js@^4' '@napi-rs/canvas' 'chartjs-chart-matrix@^3')
fi
cp bench/compare/chartjs_render.mjs "$scratch/"
[ -f "$scratch/package.json" ] && (cd "$scratch" && npm pkg set type=module >/dev/null)

cargo build --release
python3 bench/compare/measure.py "$scratch" docs/benchmarks.json "$@"
python3 bench/compare/report.py docs/benchmarks.json docs
./target/release/chartfn render docs/benchmarks-chart.json -o docs/benchmarks.png
echo "wrote docs/benchmarks.md and docs/benchmarks.png"
