#!/usr/bin/env bash
# The test command: installs the protocol peers the tests run against, when missing, then runs
# the whole suite. Works on a fresh machine with Rust and Python (no AWS, loopback only).
#   - s3s-fs: an S3-compatible server that verifies SigV4 (tests/s3.rs)
#   - cargo-lambda: the Lambda Runtime API emulator (tests/lambda_runtime.rs)
#   - wrk: the load generator of the soak smoke run (scripts/soak.sh)
#   - chromium (Debian) and playwright-core (npm): the playground in a real browser
#   - poppler-utils (Debian): pdftotext, pdfinfo and pdffonts read the PDFs back (tests/render.rs)
#   - fonts-noto-cjk (Debian, downloaded, not installed): a CJK font folder (tests/fonts.rs)
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

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing chromium"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null)
  else sudo apt-get install -y -qq chromium >/dev/null; fi
fi
if ! command -v pdftotext >/dev/null 2>&1; then
  echo "== installing poppler-utils (pdftotext reads the PDFs back)"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq poppler-utils >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null)
  else sudo apt-get install -y -qq poppler-utils >/dev/null; fi
fi
# A CJK font from Debian for the font-folder tests (CHARTFN_FONT_DIR): Noto Sans CJK, regular.
cjk_dir="$HOME/.cache/chartfn-fonts/noto-cjk"
if [ ! -f "$cjk_dir/NotoSansCJK-Regular.ttc" ]; then
  echo "== fetching fonts-noto-cjk (Debian)"
  deb_dir=$(mktemp -d)
  (cd "$deb_dir" && { apt-get download fonts-noto-cjk >/dev/null 2>&1 || { apt-get update -qq && apt-get download fonts-noto-cjk >/dev/null; }; } \
    && dpkg -x fonts-noto-cjk_*.deb x)
  mkdir -p "$cjk_dir"
  cp "$deb_dir"/x/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc "$cjk_dir/"
  rm -rf "$deb_dir"
fi
export CHARTFN_TEST_CJK_DIR="$cjk_dir"
browser_dir="$HOME/.cache/chartfn-browser"
if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "== installing playwright-core"
  mkdir -p "$browser_dir"
  (cd "$browser_dir" && npm install --silent --no-audit --no-fund playwright-core@1.65.1 >/dev/null)
fi

# The import graph: layers one way, no cycles (src/lib.rs explains the layers).
python3 scripts/layers.py

# The core alone: no tokio, aws-*, lambda_*, axum or hyper in its build (checked here too).
echo "== core (--no-default-features)"
if cargo tree --no-default-features -e normal --prefix none | grep -E '^(tokio|aws-|lambda_|axum|hyper) '; then
  echo "the core depends on a service crate" >&2; exit 1
fi
cargo test --no-default-features --lib --tests "$@"

echo "== everything"
cargo test "$@"

# A short soak of `chartfn serve` (the debug build the tests just made): the mix of good, huge
# and bad requests must give only the expected outcomes. Timing targets belong to the long,
# release-build run (docs/soak.md), so the overrun limit here is loose.
# The playground in headless Chromium: load it, type a spec, see the preview change and an
# error appear at its field, pick an example (tests/browser/playground.mjs; bounded waits).
echo "== playground in a browser"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/debug/chartfn serve --addr "127.0.0.1:$port" >/dev/null 2>&1 &
serve_pid=$!
trap 'kill $serve_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2)" 2>/dev/null && break
  sleep 0.1
done
(cd "$browser_dir" && timeout 120 node "$OLDPWD/tests/browser/playground.mjs" "http://127.0.0.1:$port" "$OLDPWD/target/playground.png")
kill $serve_pid 2>/dev/null || true
trap - EXIT

echo "== soak smoke"
scripts/soak.sh --seconds 3 --connections 4 --bin target/debug/chartfn --max-overrun-ms 2000
