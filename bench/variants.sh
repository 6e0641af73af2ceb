#!/usr/bin/env bash
# The deployment target, measured: R1-R7 with the AVX2 paths (x86_64 Lambda) and without them
# (the portable build, the code path arm64 runs), interleaved in one run, into
# docs/benchmarks-variants.json; docs/benchmarks.md is then regenerated with both columns.
#   bench/variants.sh [--rounds N] [--runs N]      (extra LABEL=BINARY pairs: VARIANTS_EXTRA)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${TMPDIR:-/tmp}/chartfn-variants
mkdir -p "$scratch"
cargo build --release
cp target/release/chartfn "$scratch/chartfn-avx2"
cargo build --release --no-default-features --features service
cp target/release/chartfn "$scratch/chartfn-portable"
# shellcheck disable=SC2086
python3 bench/variants.py docs/benchmarks-variants.json \
  "x86_64 AVX2=$scratch/chartfn-avx2" "portable=$scratch/chartfn-portable" ${VARIANTS_EXTRA:-} --callgrind "$@"
python3 bench/compare/report.py docs/benchmarks.json docs
cargo build --release
echo "wrote docs/benchmarks-variants.json and docs/benchmarks.md"
