#!/usr/bin/env bash
# The test command: installs the protocol peers the tests run against, when missing, then runs
# the whole suite. Works on a fresh machine with Rust and Python (no AWS, loopback only).
#   - s3s-fs: an S3-compatible server that verifies SigV4 (tests/s3.rs)
#   - cargo-lambda: the Lambda Runtime API emulator (tests/lambda_runtime.rs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if ! command -v s3s-fs >/dev/null 2>&1; then
  echo "== installing s3s-fs (once, a few minutes)"
  cargo install s3s-fs@0.14.1 --features binary --locked
fi
if ! command -v cargo-lambda >/dev/null 2>&1; then
  echo "== installing cargo-lambda"
  python3 -m pip install --quiet cargo-lambda
fi

cargo test "$@"
