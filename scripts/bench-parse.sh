#!/usr/bin/env bash
# Is indexing slower than at another commit? Both builds side by side in one hyperfine run (the
# machine is shared: compare within a run, and repeat the run to see the noise).
#
#   scripts/bench-parse.sh [BASE_COMMIT] [SIZE]     # default: f41fe94 (before parser v2), 100MB
#
# Builds release binaries of BASE_COMMIT (in a worktree under $BENCH_DIR, its own target dir)
# and of the working tree, then measures
#   - `confsearch index` from scratch over the generated corpus, both binaries in one hyperfine
#     run (medians; user CPU is the steadier figure when other builds share the cores);
#   - the parser alone: examples/parse_time.rs (`notes::parse` over every file, one thread, the
#     files read into memory first) of both commits, and its digest of all sessions, which
#     must be the same when a change was only meant to make parsing faster.
# RUNS (default 7) runs each. Corpora go under $BENCH_DIR (default /tmp/confsearch-bench).
set -euo pipefail
cd "$(dirname "$0")/.."

BASE="${1:-f41fe94}"
SIZE="${2:-100MB}"
DIR="${BENCH_DIR:-/tmp/confsearch-bench}"
RUNS="${RUNS:-7}"
mkdir -p "$DIR"
command -v hyperfine >/dev/null || (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null

HERE="$PWD"
cargo build --release -q --bin confsearch --example gen_corpus --example parse_time
TARGET="${CARGO_TARGET_DIR:-$HERE/target}"
NEW_BIN="$TARGET/release/confsearch"
NEW_PARSE="$TARGET/release/examples/parse_time"

WT="$DIR/base-$BASE"
[ -d "$WT" ] || git worktree add --detach "$WT" "$BASE" >&2
# The baseline may predate the timing example: it only uses `notes::parse`.
cp examples/parse_time.rs "$WT/examples/parse_time.rs"
(cd "$WT" && CARGO_TARGET_DIR="$WT/target" cargo build --release -q --bin confsearch --example parse_time)
OLD_BIN="$WT/target/release/confsearch"
OLD_PARSE="$WT/target/release/examples/parse_time"

CORPUS="$DIR/corpus-$SIZE"
[ -d "$CORPUS" ] || "$TARGET/release/examples/gen_corpus" --size "$SIZE" --out "$CORPUS" >&2
OLD_INDEX="$DIR/index-$BASE"
NEW_INDEX="$DIR/index-new"
NEW="$(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo '+')"

echo "# index from scratch, $SIZE corpus: $BASE vs $NEW ($(uptime | sed 's/.*load/load/'))"
hyperfine -w1 -r"$RUNS" --export-json "$DIR/bench-parse.json" \
  --prepare "rm -rf '$OLD_INDEX' '$NEW_INDEX'" \
  -n "$BASE" "'$OLD_BIN' -q --corpus '$CORPUS' --index '$OLD_INDEX' index" \
  -n "$NEW" "'$NEW_BIN' -q --corpus '$CORPUS' --index '$NEW_INDEX' index" >&2
python3 - "$DIR/bench-parse.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
for x in r:
    print(f"{x['command']}: median {x['median']:.2f} s, user {x['user']:.2f} s")
print(f"ratio new/base: median {r[1]['median'] / r[0]['median']:.3f}, user {r[1]['user'] / r[0]['user']:.3f}")
EOF

echo "# parser alone ($SIZE corpus, one thread)"
"$OLD_PARSE" "$CORPUS" --runs "$RUNS" --digest | sed "s/^/$BASE: /"
"$NEW_PARSE" "$CORPUS" --runs "$RUNS" --digest | sed "s/^/$NEW: /"
