#!/usr/bin/env bash
# End-to-end test of `confsearch serve` in a real headless Chromium (Debian's), driven by
# playwright-core (tests/browser/). Installs what is missing, builds confsearch, indexes the
# bundled corpus and a corpus of tricky notes, serves both on free ports and runs the script.
# Screenshots land in $CARGO_TARGET_DIR/browser (target/browser). Fails when the test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "browser-test: installing Debian's chromium" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium
fi
# Pinned by tests/browser/package-lock.json; playwright-core downloads no browser.
if [ ! -d tests/browser/node_modules/playwright-core ]; then
    (cd tests/browser && npm ci --no-audit --no-fund)
fi

target="${CARGO_TARGET_DIR:-$(pwd)/target}"
cargo build --quiet --bin confsearch
bin="$target/debug/confsearch"

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

# Notes of our own that a page must show as text, and a title that is not ASCII.
mkdir -p "$work/fixtures/2021"
cat > "$work/fixtures/2021/tricky.txt" <<'NOTE'
TestConf 2021

October 14, 2021
09:00 – 09:30 Eve Maker – <script>window.pwned = 1</script> in notes
Escaping <img src=x onerror=window.pwned=2> matters. https://example.com/escaping

09:30 – 10:00 Jo Zürcher – Zürich cache invalidation
Caching in Zürich, ünïcode before the match: cache.
NOTE
# An official programme beside the notes: its talks are marked on the page.
cp tests/fixtures/programmes/nordlicht-2026.schedule.json "$work/fixtures/"
cp -r corpus "$work/corpus"

# Indexes the notes in $work/$1, serves them on a free port, and sets `url` to its address
# (not printed: a command substitution would run it in a subshell, whose `pids` we lose).
serve() {
    local name="$1"
    "$bin" --quiet --corpus "$work/$name" --index "$work/$name-index" index
    "$bin" --corpus "$work/$name" --index "$work/$name-index" serve --port 0 > "$work/$name.url" &
    pids+=("$!")
    for _ in $(seq 100); do
        if [ -s "$work/$name.url" ]; then
            url="$(head -1 "$work/$name.url")"
            return
        fi
        sleep 0.1
    done
    echo "browser-test: serve printed no address for $name" >&2
    exit 1
}
serve corpus
bundled="$url"
serve fixtures
fixtures="$url"

CONFSEARCH_URL="$bundled" CONFSEARCH_FIXTURES_URL="$fixtures" ARTEFACTS="$target/browser" \
    node tests/browser/serve.test.mjs
