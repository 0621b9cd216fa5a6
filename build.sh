#!/usr/bin/env bash
# QuoteLens's one build entry. Every step it needs, it installs.
#   ./build.sh          install, build dist/chrome and dist/firefox, show the analysis of the sample article
#   ./build.sh test     every test: native, accuracy evaluation, end-to-end in headless browsers
#   ./build.sh bench    speed and size figures
#   ./build.sh serve    the demo page on http://127.0.0.1:8000/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
TOOLS=$ROOT/.tools                  # npm tools, installed here, never committed
SAMPLE=tests/corpus/pages/seed/source.html

# Exact versions of everything fetched, so a fresh machine builds what this one did.
NPM_TOOLS=(binaryen@132.0.0 playwright-core@1.65.1 web-ext@10.7.0 compromise@14.17.0)
GECKODRIVER_VERSION=0.37.1
APT_PACKAGES=(chromium chromium-driver firefox-esr zip unzip python3)

log() { printf '\n== %s\n' "$*"; }

# The wasm-bindgen version that Cargo.lock pins: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

setup() {
  log "setup"
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    # Not --locked: one of its locked dependencies is missing from the registry here.
    cargo install wasm-bindgen-cli --version "$want"
  fi
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    cargo install geckodriver --version "$GECKODRIVER_VERSION"
  fi
  if [ ! -f "$TOOLS/.installed" ] || [ "$(cat "$TOOLS/.installed")" != "${NPM_TOOLS[*]}" ]; then
    mkdir -p "$TOOLS"
    (cd "$TOOLS" && [ -f package.json ] || echo '{"private":true}' > package.json
     npm install --no-audit --no-fund --silent "${NPM_TOOLS[@]}")
    echo "${NPM_TOOLS[*]}" > "$TOOLS/.installed"
  fi
}

build() {
  log "build"
  cargo build --release --bin quotelens
  build_extension
}

# The WASM core and the extension for both browsers, into dist/. (Owned by the extension work.)
build_extension() {
  :
}

demo() {
  log "who said what in $SAMPLE"
  ./target/release/quotelens analyze "$SAMPLE"
}

test_native() {
  log "native tests"
  cargo test --release
}

test_accuracy() {
  log "accuracy on the development set (tests/corpus/gold)"
  local out; out=$(mktemp -d)
  ./target/release/quotelens analyze --out "$out" $(for g in tests/corpus/gold/*.json; do
    echo "tests/corpus/pages/$(basename "$g" .json)/source.html"; done)
  python3 tests/corpus/score.py tests/corpus/gold "$out"
}

# End-to-end tests in headless Chromium and Firefox with the built extension installed.
test_e2e() {
  :
}

# Speed and size figures, printed, never failed on: the native pipeline at 10 KB, 100 KB and 1 MB;
# the WASM core against compromise in one Node process; the shipped .wasm's gzipped size.
bench() {
  log "bench: native pipeline (tests/bench/native.rs)"
  cargo bench --bench native

  local tmp; tmp=$(mktemp -d)
  trap "rm -rf '$tmp'" EXIT
  log "bench: the WASM core for Node (release, wasm-opt -Oz as shipped)"
  cargo build --lib --release --target wasm32-unknown-unknown
  local wasm=target/wasm32-unknown-unknown/release/quotelens.wasm
  wasm-bindgen --target nodejs --out-dir "$tmp/node" "$wasm"
  "$TOOLS/node_modules/.bin/wasm-opt" -Oz "$tmp/node/quotelens_bg.wasm" -o "$tmp/node/quotelens_bg.wasm"

  log "bench: QuoteLens WASM vs compromise in Node, over the corpus article texts"
  mkdir -p "$tmp/texts"
  local page name
  for page in tests/corpus/pages/*/; do
    name=$(basename "$page")
    if [ -f "$page/expected.html" ] || [ -f "tests/corpus/gold/$name.json" ]; then
      ./target/release/quotelens text "$page/source.html" > "$tmp/texts/$name.txt"
    fi
  done
  node tests/bench/compare.mjs "$tmp/node" "$tmp/texts" "$TOOLS"

  log "bench: size of the shipped .wasm (target: ≤ 250 KB gzipped)"
  local shipped=dist/chrome/quotelens_bg.wasm
  if [ ! -f "$shipped" ]; then
    echo "($shipped not built: measuring a release build, wasm-bindgen --target no-modules, wasm-opt -Oz)"
    wasm-bindgen --target no-modules --out-dir "$tmp/web" "$wasm"
    shipped=$tmp/web/quotelens_bg.wasm
    "$TOOLS/node_modules/.bin/wasm-opt" -Oz "$shipped" -o "$shipped"
  fi
  local raw gz
  raw=$(wc -c < "$shipped"); gz=$(gzip -9 -c "$shipped" | wc -c)
  printf '%s: %d bytes, gzipped %d bytes = %d KB (%s the 250 KB target)\n' "$shipped" "$raw" "$gz" \
    $((gz / 1000)) "$( [ "$gz" -le 250000 ] && echo within || echo OVER)"
}

# The demo page on http://127.0.0.1:8000/.
serve() {
  :
}

case "${1:-build}" in
  build) setup; build; demo ;;
  test) setup; build; test_native; test_accuracy; test_e2e ;;
  bench) setup; build; bench ;;
  serve) setup; build; serve ;;
  *) echo "usage: ./build.sh [build|test|bench|serve]" >&2; exit 2 ;;
esac
