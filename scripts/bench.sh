#!/usr/bin/env bash
# Benchmarks for confsearch at several corpus sizes, measured side by side in one run (the
# machines are shared and noisy: compare figures of one run; times are hyperfine medians).
#
#   scripts/bench.sh [SIZE ...]        # default: 1MB 10MB 100MB; e.g. scripts/bench.sh 1GB
#
# For each size: a corpus from the project's generator (deterministic, seed 7), then
#   - `confsearch index` from scratch: wall time, MB/s, sessions/s, peak RSS, index size;
#   - a no-op re-index against a stat walk of the same files, and a one-file-changed re-index;
#   - whole-process `confsearch query` (top 10 with snippets) against `rg -i -l` on the same
#     words, for a two-word query, a phrase, a filtered query, a typo and a no-hit query;
#   - in-process latency (p50/p99 of the search itself, examples/latency.rs).
# Installs hyperfine, ripgrep and GNU time from Debian's packages when missing. Corpora and
# indexes go under $BENCH_DIR (default /tmp/confsearch-bench); a corpus is generated once.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1MB 10MB 100MB)
DIR="${BENCH_DIR:-/tmp/confsearch-bench}"
RUNS="${RUNS:-20}"
mkdir -p "$DIR"

need() {
  command -v "$1" >/dev/null && return
  echo "installing $2 …" >&2
  (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
}
need hyperfine hyperfine
need rg ripgrep
[ -x /usr/bin/time ] || need /usr/bin/time time

cargo build --release -q --bin confsearch --example gen_corpus --example latency
BIN="$PWD/target/release/confsearch"
GEN="$PWD/target/release/examples/gen_corpus"
LATENCY="$PWD/target/release/examples/latency"

# Median (ms) of each command of a hyperfine JSON export, in order.
medians() {
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.1f" % (r["median"] * 1000))' "$1"
}

echo "# confsearch benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
echo "confsearch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hyperfine --version), $(rg --version | head -1)"
echo

for SIZE in "${SIZES[@]}"; do
  CORPUS="$DIR/corpus-$SIZE"
  INDEX="$DIR/index-$SIZE"
  if [ ! -d "$CORPUS" ]; then
    "$GEN" --size "$SIZE" --out "$CORPUS" >&2
  fi
  files=$(find "$CORPUS" -type f | wc -l)
  bytes=$(du -sb "$CORPUS" | cut -f1)
  mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
  echo "## $SIZE corpus: $files files, $mb MB"
  echo

  # --- full index ---------------------------------------------------------------------
  rm -rf "$INDEX"
  /usr/bin/time -v "$BIN" --corpus "$CORPUS" --index "$INDEX" index 2>"$DIR/index-$SIZE.log" >/dev/null
  wall=$(grep -oP 'in \K[0-9.]+(?=s$)' "$DIR/index-$SIZE.log" | tail -1)
  sessions=$(grep -oP '\): \K[0-9]+(?= sessions)' "$DIR/index-$SIZE.log")
  rss=$(grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$DIR/index-$SIZE.log")
  isize=$(du -sb "$INDEX" | cut -f1)
  python3 - "$bytes" "$wall" "$sessions" "$rss" "$isize" <<'EOF'
import sys
b, wall, sessions, rss, isize = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("| index from scratch | figure |")
print("|---|---|")
print(f"| wall time | {wall:.2f} s |")
print(f"| throughput | {b / 1e6 / wall:.1f} MB/s, {sessions / wall:,.0f} sessions/s ({sessions:,} sessions) |")
print(f"| peak RSS | {rss / 1024:.0f} MiB |")
print(f"| index size | {isize / 1e6:.1f} MB = {isize / b:.2f}x the corpus |")
print()
EOF

  # --- re-index -------------------------------------------------------------------------
  meta_before=$(md5sum < "$INDEX/meta.json")
  files_before=$(ls "$INDEX" | md5sum)
  one=$(find "$CORPUS" -name '*.md' -print -quit)
  cp "$one" "$DIR/one.bak"
  hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$DIR/noop-$SIZE.json" \
    -n "stat walk" "find $CORPUS -type f -printf '%s %T@\n'" \
    -n "no-op re-index" "$BIN -q --corpus $CORPUS --index $INDEX index" >/dev/null
  unchanged=$([ "$meta_before" = "$(md5sum < "$INDEX/meta.json")" ] && [ "$files_before" = "$(ls "$INDEX" | md5sum)" ] && echo yes || echo NO)
  hyperfine -N --warmup 1 --runs $(( RUNS / 2 )) --export-json "$DIR/one-$SIZE.json" \
    --prepare "sh -c 'cp $DIR/one.bak $one; echo \"extra line \$(date +%s%N)\" >> $one'" \
    -n "one file changed" "$BIN -q --corpus $CORPUS --index $INDEX index" >/dev/null
  cp "$DIR/one.bak" "$one"
  "$BIN" -q --corpus "$CORPUS" --index "$INDEX" index
  mapfile -t noop < <(medians "$DIR/noop-$SIZE.json")
  mapfile -t onef < <(medians "$DIR/one-$SIZE.json")
  echo "| re-index | median ms |"
  echo "|---|---|"
  echo "| stat walk (\`find -printf '%s %T@'\`) | ${noop[0]} |"
  echo "| no-op re-index (index files untouched: $unchanged) | ${noop[1]} |"
  echo "| one file changed | ${onef[0]} |"
  echo

  # --- queries against rg -------------------------------------------------------------------
  hyperfine -N -i --warmup 3 --runs "$RUNS" --export-json "$DIR/query-$SIZE.json" \
    -n "two words" "$BIN --index $INDEX query 'kubernetes secrets'" \
    -n "rg two words" "rg -i -l -e kubernetes -e secrets $CORPUS" \
    -n "phrase" "$BIN --index $INDEX query '\"service mesh\"'" \
    -n "rg phrase" "rg -i -l 'service mesh' $CORPUS" \
    -n "filtered" "$BIN --index $INDEX query chaos --year 2019 --kind talk" \
    -n "rg filtered" "rg -i -l chaos $CORPUS" \
    -n "typo" "$BIN --index $INDEX query 'kubernets obsrvability'" \
    -n "rg typo" "rg -i -l -e kubernets -e obsrvability $CORPUS" \
    -n "no hit" "$BIN --index $INDEX query zzzzqqq" \
    -n "rg no hit" "rg -i -l zzzzqqq $CORPUS" >/dev/null
  mapfile -t q < <(medians "$DIR/query-$SIZE.json")
  echo "| query (whole process, top 10 with snippets) | confsearch ms | rg -i -l ms | ratio |"
  echo "|---|---|---|---|"
  names=("two words \`kubernetes secrets\`" "phrase \`\"service mesh\"\`" "filtered \`chaos --year 2019 --kind talk\`" "typo \`kubernets obsrvability\`" "no hit \`zzzzqqq\`")
  for i in 0 1 2 3 4; do
    c=${q[$((2 * i))]}
    r=${q[$((2 * i + 1))]}
    echo "| ${names[$i]} | $c | $r | $(python3 -c "print(f'{$c/$r:.2f}x')") |"
  done
  echo

  echo "In-process latency (\`$LATENCY --index $INDEX --runs 200\`):"
  echo
  "$LATENCY" --index "$INDEX" --runs 200
  echo
done
