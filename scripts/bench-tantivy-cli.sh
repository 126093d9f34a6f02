#!/usr/bin/env bash
# Baseline for `confsearch index`: how fast tantivy's own CLI (crate tantivy-cli, binary
# `tantivy`) indexes the same notes, pre-converted to JSON documents, into an index with a
# schema equivalent to confsearch's (src/index/mod.rs), on $THREADS indexing threads.
#
#   scripts/bench-tantivy-cli.sh DOCS.jsonl OUT_DIR [CORPUS_DIR]
#
#   DOCS.jsonl  one JSON document per line, fields named as in confsearch's schema
#               (scripts/notes-to-jsonl.py CORPUS_DIR DOCS.jsonl writes them)
#   OUT_DIR     where the index is built; created, and emptied before each run (only a
#               folder this script made, marked by .bench-tantivy-cli, is ever emptied)
#   CORPUS_DIR  optional: the notes DOCS.jsonl came from, to also give MB/s of note bytes
#
# Prints, per run and as the median of $RUNS runs: wall time, MB/s of the JSON input (and
# of the notes), docs/s, peak RSS (from /usr/bin/time -v), and the index size.
#
# Example:
#   target/release/examples/gen_corpus --size 10MB --out /tmp/tcli-corpus
#   scripts/notes-to-jsonl.py /tmp/tcli-corpus /tmp/tcli-corpus.jsonl
#   scripts/bench-tantivy-cli.sh /tmp/tcli-corpus.jsonl /tmp/tcli-index /tmp/tcli-corpus
set -euo pipefail

# ---- Settings (environment overrides) -----------------------------------------------------
# Tokenizer of the text fields title/speakers/tags/body/conference/room. confsearch used
# `en_stem`; `default` is tantivy's lower-casing one without stemming (SimpleTokenizer +
# RemoveLongFilter(40) + LowerCaser). tantivy-cli only knows tantivy's built-in tokenizers:
# default, en_stem, raw, whitespace; it cannot register confsearch's own `words` analyzer
# (the same as `default` plus AsciiFoldingFilter), so `default` is the nearest: on ASCII notes
# the folding filter changes no token and costs little.
TOKENIZER="${TOKENIZER:-default}"
# Indexing threads (`tantivy index -t`). tantivy-cli also runs one thread reading lines and
# max(1, THREADS/4) threads parsing JSON, beside these.
THREADS="${THREADS:-2}"
# Total indexing memory budget in bytes (`tantivy index -m`, split among the threads):
# 100 MB, as confsearch's index::writer (index.writer(100_000_000)). tantivy-cli's default
# would be 1 GB.
MEMORY="${MEMORY:-100000000}"
# Timed runs; the median is reported.
RUNS="${RUNS:-5}"
# Prefix of the timed command: the machine is shared, so the benchmark yields by default.
# NICE= (empty) runs at normal priority.
NICE="${NICE-nice -n 19}"

# tantivy-cli 0.24.0 is the newest release (it depends on tantivy 0.24.0; confsearch is on
# tantivy 0.27). Plain `cargo install tantivy-cli --locked` does NOT build with current
# rustc: its Cargo.lock pins traitobject 0.1.0 (via iron, for `tantivy serve`), which fails
# with E0119 "conflicting implementations of trait `Trait`". So the script fetches the
# published crate with cargo, bumps only traitobject to 0.1.1 (the fix for that error) in its
# lock file, and installs it from that source with --locked: every other dependency is the
# version tantivy-cli 0.24.0 shipped with (cargo warns that three of them, tantivy 0.24.0,
# lz4_flex 0.11.3 and crossbeam-channel 0.5.13, are yanked: harmless with --locked).
TANTIVY_CLI_VERSION=0.24.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TOOLS="$ROOT/.bench-tools"          # project-local install root, ignored by .gitignore
TANTIVY="$TOOLS/bin/tantivy"
# Build folder outside the repo (it holds ~100 crates of artifacts).
BUILD_TARGET="${TANTIVY_CLI_TARGET_DIR:-${TMPDIR:-/tmp}/bench-target-tantivy-cli}"

die() { echo "bench-tantivy-cli: $*" >&2; exit 1; }

[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: $0 DOCS.jsonl OUT_DIR [CORPUS_DIR]"
DOCS="$(realpath "$1")"
OUT="$2"
CORPUS="${3:-}"
[ -f "$DOCS" ] || die "no such file: $1"
[ -z "$CORPUS" ] || [ -d "$CORPUS" ] || die "no such folder: $CORPUS"
case "$TOKENIZER" in default | en_stem | raw | whitespace) ;; *) die "TOKENIZER=$TOKENIZER: tantivy-cli knows default, en_stem, raw, whitespace" ;; esac

# ---- Tools ----------------------------------------------------------------------------------
# /usr/bin/time (GNU time, for peak RSS) from Debian's `time` package.
if [ ! -x /usr/bin/time ]; then
  echo "installing Debian's time package …" >&2
  (apt-get update -qq && apt-get install -y -qq time) >/dev/null
fi

install_tantivy_cli() {
  local work crate cargo_home
  work="$(mktemp -d)"
  cargo_home="${CARGO_HOME:-$HOME/.cargo}"
  # 1. Download the published crate with cargo: a throw-away package depending on it.
  #    (`cargo fetch` downloads the .crate into cargo's cache even though it has no lib.)
  mkdir -p "$work/fetch/src"
  cat >"$work/fetch/Cargo.toml" <<EOF
[package]
name = "fetch-tantivy-cli"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
tantivy-cli = "=$TANTIVY_CLI_VERSION"
EOF
  : >"$work/fetch/src/lib.rs"
  (cd "$work/fetch" && cargo fetch -q)
  crate="$(ls "$cargo_home"/registry/cache/*/"tantivy-cli-$TANTIVY_CLI_VERSION.crate" | head -1)"
  [ -f "$crate" ] || die "cargo fetch did not leave tantivy-cli-$TANTIVY_CLI_VERSION.crate in $cargo_home"
  # 2. Unpack it (a .crate is a gzipped tar holding the published Cargo.lock).
  tar -xzf "$crate" -C "$work"
  # 3. traitobject 0.1.0 -> 0.1.1, nothing else changed in the lock file.
  (cd "$work/tantivy-cli-$TANTIVY_CLI_VERSION" && cargo update -q -p traitobject --precise 0.1.1)
  # 4. Build and install, at the lowest priority (another build may share the machine).
  CARGO_TARGET_DIR="$BUILD_TARGET" nice -n 19 \
    cargo install --locked --path "$work/tantivy-cli-$TANTIVY_CLI_VERSION" --root "$TOOLS"
  rm -rf "$work"
}

if ! { [ -x "$TANTIVY" ] && "$TANTIVY" --version 2>/dev/null | grep -qF "$TANTIVY_CLI_VERSION"; }; then
  echo "installing tantivy-cli $TANTIVY_CLI_VERSION into $TOOLS (a few minutes on 2 cores) …" >&2
  install_tantivy_cli
fi

# ---- The index: meta.json written directly (`tantivy new` asks its questions interactively) --
# Field for field the schema of confsearch's index::schema(), as tantivy serialises it, with
# the text fields' tokenizer set to $TOKENIZER. STRING = raw tokenizer, basic record.
prepare_index() {
  if [ -e "$OUT" ]; then
    if [ -f "$OUT/.bench-tantivy-cli" ]; then
      rm -rf "$OUT"
    elif [ -n "$(ls -A "$OUT")" ]; then
      die "$OUT exists, is not empty and was not made by this script: refusing to empty it"
    fi
  fi
  mkdir -p "$OUT"
  touch "$OUT/.bench-tantivy-cli"
  local text='{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"'"$TOKENIZER"'"},"stored":true,"fast":false}'
  local string='{"indexing":{"record":"basic","fieldnorms":true,"tokenizer":"raw"},"stored":true,"fast":false}'
  local stored='{"stored":true,"fast":false}'
  local facet='{"stored":false}'
  cat >"$OUT/meta.json" <<EOF
{
  "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
  "segments": [],
  "schema": [
    {"name": "id", "type": "text", "options": $string},
    {"name": "path", "type": "text", "options": $string},
    {"name": "line", "type": "u64", "options": {"indexed": false, "fieldnorms": false, "fast": false, "stored": true}},
    {"name": "title", "type": "text", "options": $text},
    {"name": "speakers", "type": "text", "options": $text},
    {"name": "tags", "type": "text", "options": $text},
    {"name": "body", "type": "text", "options": $text},
    {"name": "conference", "type": "text", "options": $text},
    {"name": "room", "type": "text", "options": $text},
    {"name": "year", "type": "u64", "options": {"indexed": true, "fieldnorms": true, "fast": true, "stored": true}},
    {"name": "date", "type": "u64", "options": {"indexed": true, "fieldnorms": true, "fast": true, "stored": false}},
    {"name": "sort", "type": "u64", "options": {"indexed": false, "fieldnorms": false, "fast": true, "stored": false}},
    {"name": "date_text", "type": "text", "options": $stored},
    {"name": "start", "type": "text", "options": $stored},
    {"name": "end", "type": "text", "options": $stored},
    {"name": "kind", "type": "text", "options": $string},
    {"name": "attended", "type": "text", "options": $stored},
    {"name": "themes", "type": "text", "options": $string},
    {"name": "links", "type": "text", "options": $stored},
    {"name": "f_year", "type": "facet", "options": $facet},
    {"name": "f_speaker", "type": "facet", "options": $facet},
    {"name": "f_theme", "type": "facet", "options": $facet},
    {"name": "f_conference", "type": "facet", "options": $facet},
    {"name": "f_tag", "type": "facet", "options": $facet},
    {"name": "f_kind", "type": "facet", "options": $facet},
    {"name": "f_domain", "type": "facet", "options": $facet},
    {"name": "f_domain_match", "type": "facet", "options": $facet}
  ],
  "opstamp": 0
}
EOF
}

# ---- Inputs ---------------------------------------------------------------------------------
json_bytes=$(stat -c %s "$DOCS")
docs=$(wc -l <"$DOCS")
notes_bytes=""
if [ -n "$CORPUS" ]; then
  # Bytes of the note files (the extensions confsearch reads; hidden entries skipped).
  notes_bytes=$(find "$CORPUS" -name '.*' -prune -o -type f \( -iname '*.md' -o -iname '*.markdown' \
    -o -iname '*.txt' -o -iname '*.text' -o ! -name '*.*' \) -printf '%s\n' | awk '{s+=$1} END {print s+0}')
fi

echo "## tantivy-cli $("$TANTIVY" --version | awk '{print $NF}') (tantivy $TANTIVY_CLI_VERSION), tokenizer=$TOKENIZER, threads=$THREADS, memory=$MEMORY, runs=$RUNS"
echo "input: $DOCS: $docs docs, $json_bytes bytes of JSON${notes_bytes:+; notes: $CORPUS, $notes_bytes bytes}"
echo "command: ${NICE:+$NICE }/usr/bin/time -v $TANTIVY index -i $OUT -f $DOCS -t $THREADS -m $MEMORY"
echo

# ---- Timed runs -----------------------------------------------------------------------------
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT
results="$log/results"
for run in $(seq 1 "$RUNS"); do
  prepare_index
  sync
  load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(date +%s.%N)
  # shellcheck disable=SC2086  # NICE is a command prefix, split on purpose
  $NICE /usr/bin/time -v -o "$log/time" "$TANTIVY" index -i "$OUT" -f "$DOCS" -t "$THREADS" -m "$MEMORY" \
    >"$log/stdout" 2>"$log/stderr" || { cat "$log/stdout" "$log/stderr" >&2; die "tantivy index failed"; }
  t1=$(date +%s.%N)
  # tantivy-cli prints a document it cannot parse and goes on: that must not pass unnoticed.
  if grep -q "Failed to add document" "$log/stdout"; then
    grep -m3 "Failed to add document" "$log/stdout" >&2
    die "$(grep -c "Failed to add document" "$log/stdout") documents were rejected"
  fi
  indexed=$(python3 -c 'import json,sys; print(sum(s["max_doc"] for s in json.load(open(sys.argv[1]))["segments"]))' "$OUT/meta.json")
  [ "$indexed" = "$docs" ] || die "the index holds $indexed docs, the input $docs"
  segments=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["segments"]))' "$OUT/meta.json")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log/time")
  cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$log/time")
  size=$(du -sb --exclude=.bench-tantivy-cli "$OUT" | cut -f1)
  own=$(awk '/Total Nowait Merge/ {print $(NF-1)}' "$log/stdout")
  awk -v run="$run" -v t0="$t0" -v t1="$t1" -v jb="$json_bytes" -v nb="$notes_bytes" -v docs="$docs" \
    -v rss="$rss_kb" -v size="$size" -v cpu="$cpu" -v seg="$segments" -v load="$load" -v own="$own" 'BEGIN {
      wall = t1 - t0
      printf "run %d: wall %.2f s, %.2f MB/s JSON", run, wall, jb / 1e6 / wall
      if (nb != "") printf ", %.2f MB/s notes", nb / 1e6 / wall
      printf ", %.0f docs/s, peak RSS %.1f MB, CPU %s, index %.1f MB in %d segments (load before %s; tantivy-cli says %s MB/s before merges)\n", docs / wall, rss / 1024, cpu, size / 1e6, seg, load, own
    }'
  echo "$t0 $t1 $rss_kb $size" >>"$results"
done

# ---- Median -----------------------------------------------------------------------------------
echo
awk -v jb="$json_bytes" -v nb="$notes_bytes" -v docs="$docs" -v runs="$RUNS" '
  { wall[NR] = $2 - $1; rss[NR] = $3; size[NR] = $4 }
  function median(a, n,   i, j, t) {
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }
  END {
    w = median(wall, NR); r = median(rss, NR); s = median(size, NR)
    printf "median of %d: wall %.2f s | %.2f MB/s of JSON", NR, w, jb / 1e6 / w
    if (nb != "") printf " | %.2f MB/s of notes", nb / 1e6 / w
    printf " | %.0f docs/s | peak RSS %.1f MB | index %.1f MB\n", docs / w, r / 1024, s / 1e6
  }' "$results"
