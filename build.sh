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

# Accuracy floors, set just under what the engine reaches on the development set: a drop fails the build.
ACCURACY_FLOORS=(quotes_f1=0.88 attribution=0.96 attributed_f1=0.86 reported_f1=0.72)

test_accuracy() {
  log "accuracy on the development set (tests/corpus/gold)"
  local out; out=$(mktemp -d)
  local gold name
  for gold in tests/corpus/gold/*.json; do
    name=$(basename "$gold" .json)
    ./target/release/quotelens analyze "tests/corpus/pages/$name/source.html" > "$out/$name.json"
  done
  local report; report=$(python3 tests/corpus/score.py tests/corpus/gold "$out" --verbose)
  echo "$report"
  rm -rf "$out"
  # The last line: quotes F1 X | attribution accuracy Y | attributed-quote F1 Z | reported F1 W
  local figures; figures=$(tail -n 1 <<<"$report" | awk -F'|' '{for (i = 1; i <= NF; i++) { n = split($i, w, " "); printf "%s ", w[n] }}')
  read -r quotes_f1 attribution attributed_f1 reported_f1 <<<"$figures"
  local failed=0 floor key value
  for floor in "${ACCURACY_FLOORS[@]}"; do
    key=${floor%%=*}; value=${!key:-}
    if [ -z "$value" ] || ! awk -v v="$value" -v f="${floor#*=}" 'BEGIN { exit !(v >= f) }'; then
      echo "FAIL: $key ${value:-missing} is below its floor ${floor#*=}" >&2
      failed=1
    else
      echo "ok: $key $value >= ${floor#*=}"
    fi
  done
  return $failed
}

# End-to-end tests in headless Chromium and Firefox with the built extension installed.
test_e2e() {
  :
}

# Speed and size figures.
bench() {
  log "engine throughput (release build)"
  local output status=0
  output=$(cargo test --release --lib engine::bench -- --ignored --nocapture --test-threads=1 2>&1) || status=$?
  grep -E '^engine:|engine: |panicked|throughput falls' <<<"$output" | sed 's/^test .*\.\.\. //'
  return $status
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
