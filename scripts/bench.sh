#!/usr/bin/env bash
# Benchmarks for confsearch, measured side by side in one run (the machines are shared and
# noisy: compare the figures of one run, medians from hyperfine).
#
#   scripts/bench.sh [FILES]          # default 10000 note files (~40 MB)
#
# Installs hyperfine and ripgrep from Debian's packages when missing. Writes the corpus and
# the index under $BENCH_DIR (default /tmp/confsearch-bench) and prints markdown tables.
set -euo pipefail
cd "$(dirname "$0")/.."

FILES="${1:-10000}"
DIR="${BENCH_DIR:-/tmp/confsearch-bench}"
CORPUS="$DIR/corpus-$FILES"
INDEX="$DIR/index-$FILES"

need() {
  command -v "$1" >/dev/null && return
  echo "installing $2 …" >&2
  (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
}
need hyperfine hyperfine
need rg ripgrep

cargo build --release -q --bin confsearch --example gen_corpus
BIN="$PWD/target/release/confsearch"

if [ ! -d "$CORPUS" ]; then
  # Files of about 4 KB on average: FILES of them.
  ./target/release/examples/gen_corpus --size "$((FILES * 4))KB" --file-kb 3 --out "$CORPUS"
fi
files=$(find "$CORPUS" -type f | wc -l)
bytes=$(du -sb "$CORPUS" | cut -f1)
echo "## corpus: $files files, $((bytes / 1024 / 1024)) MB ($CORPUS)"
echo

cs() { "$BIN" --corpus "$CORPUS" --index "$INDEX" "$@"; }

echo "### full index (cold: index removed first)"
rm -rf "$INDEX"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$BIN" --corpus "$CORPUS" --index "$INDEX" index 2>&1 | tail -2
echo "index size: $(du -sb "$INDEX" | cut -f1) bytes ($(( $(du -sb "$INDEX" | cut -f1) * 100 / bytes ))% of the corpus)"
echo

echo "### re-index with nothing changed, against a stat walk of the same files"
segments_before=$(ls "$INDEX" | sort | md5sum)
meta_before=$(md5sum < "$INDEX/meta.json")
hyperfine -N --warmup 2 --runs 15 --export-markdown "$DIR/noop.md" \
  -n "stat walk (find -printf size+mtime)" "find $CORPUS -type f -printf '%s %T@\n'" \
  -n "confsearch index (no change)" "$BIN -q --corpus $CORPUS --index $INDEX index" >/dev/null
cat "$DIR/noop.md"
[ "$segments_before" = "$(ls "$INDEX" | sort | md5sum)" ] && [ "$meta_before" = "$(md5sum < "$INDEX/meta.json")" ] \
  && echo "no-op re-index wrote nothing: same index files, same meta.json" \
  || echo "WARNING: the no-op re-index changed the index folder"
echo

echo "### re-index with one file changed"
one=$(find "$CORPUS" -name '*.md' -print -quit)
cp "$one" "$DIR/one.bak"
hyperfine -N --warmup 1 --runs 10 --export-markdown "$DIR/one.md" \
  --prepare "sh -c 'cp $DIR/one.bak $one; echo \"extra line \$(date +%s%N)\" >> $one'" \
  -n "confsearch index (one file changed)" "$BIN -q --corpus $CORPUS --index $INDEX index" >/dev/null
cp "$DIR/one.bak" "$one"
cs -q index
cat "$DIR/one.md"
echo

echo "### query (whole process, top 10 with snippets) against rg -i -l on the same files"
hyperfine -N -i --warmup 3 --runs 20 --export-markdown "$DIR/query.md" \
  -n "confsearch two words" "$BIN --index $INDEX query 'kubernetes secrets'" \
  -n "rg -i -l two words" "rg -i -l -e kubernetes -e secrets $CORPUS" \
  -n "confsearch phrase" "$BIN --index $INDEX query '\"service mesh\"'" \
  -n "rg -i -l phrase" "rg -i -l 'service mesh' $CORPUS" \
  -n "confsearch filtered" "$BIN --index $INDEX query chaos --year 2019 --kind talk" \
  -n "confsearch no hit" "$BIN --index $INDEX query zzzzqqq" \
  -n "rg -i -l no hit" "rg -i -l zzzzqqq $CORPUS" >/dev/null || true
cat "$DIR/query.md"
