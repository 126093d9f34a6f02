#!/usr/bin/env bash
# Benchmarks for confsearch at several corpus sizes, measured side by side in one run (the
# machines are shared and noisy: compare figures of one run; times are hyperfine medians),
# against SQLite FTS5 (what note tools such as zk use) and ripgrep.
#
#   scripts/bench.sh [--only PARTS] [SIZE ...]   # default: every part, 1MB 10MB 100MB
#   scripts/bench.sh --only query 100MB          # queries alone, on the indexes already built
#   ONLY=index,reindex scripts/bench.sh 1GB      # the same as an environment variable
#
# For each size: a corpus from the project's generator (deterministic, seed 7), then the parts
#   index    `confsearch index` from scratch beside an SQLite FTS5 build of the same files
#            (scripts/fts5_build.py: Python's sqlite3 module, one row per file, porter
#            unicode61, content stored) and beside itself pinned to one core (`taskset -c 0`):
#            wall time, MB/s, peak RSS (GNU time), size on disk; and beside tantivy alone
#            indexing each file as one document (examples/tantivy_index_floor.rs, on one
#            indexing thread and on one per core); medians of IRUNS (default 5) rounds of one
#            build of each kind;
#   reindex  a no-op re-index against a stat walk of the same files, with the target
#            (<= 1.5x the walk + 20 ms), and a one-file-changed re-index;
#   query    whole-process `confsearch query` (top 10 with snippets), the sqlite3 CLI doing the
#            same top 10 with bm25() and snippet(), and `rg -i -l` on the same words, in one
#            hyperfine run: two words, a phrase, a common word, a rare word, no hit, and
#            (confsearch and rg only) a filtered query and a typo; for the words, tantivy
#            alone too (examples/tantivy_floor.rs: the floor of a query process on tantivy);
#   latency  in-process p50/p99 of the search itself (examples/latency.rs).
# `--only query` or `--only latency` builds an index (and the FTS5 database) only when missing.
# Installs hyperfine, ripgrep, the sqlite3 CLI and GNU time from Debian's packages when
# missing. Corpora, indexes and databases go under $BENCH_DIR (default /tmp/confsearch-bench);
# a corpus is generated once. RUNS (default 20) sets hyperfine's runs, IRUNS (default 5) the
# rounds of full builds.
set -euo pipefail
cd "$(dirname "$0")/.."

ONLY="${ONLY:-}"
SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --only) ONLY="${2:?--only needs a list of parts: index,reindex,query,latency}"; shift 2 ;;
    --only=*) ONLY="${1#--only=}"; shift ;;
    -h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) SIZES+=("$1"); shift ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1MB 10MB 100MB)
for part in ${ONLY//,/ }; do
  case "$part" in
    index | reindex | query | latency) ;;
    *) echo "bench.sh: unknown part '$part': use index, reindex, query or latency" >&2; exit 2 ;;
  esac
done
# Is this part to run? Every part when --only is not given.
want() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }
DIR="${BENCH_DIR:-/tmp/confsearch-bench}"
RUNS="${RUNS:-20}"
IRUNS="${IRUNS:-5}"
mkdir -p "$DIR"

need() {
  command -v "$1" >/dev/null && return
  echo "installing $2 …" >&2
  (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null
}
need hyperfine hyperfine
need rg ripgrep
need sqlite3 sqlite3
[ -x /usr/bin/time ] || need /usr/bin/time time
python3 -c 'import sqlite3; sqlite3.connect(":memory:").execute("CREATE VIRTUAL TABLE t USING fts5(x)")' ||
  { echo "bench.sh: Python's sqlite3 module has no FTS5" >&2; exit 2; }

cargo build --release -q --bin confsearch --example gen_corpus --example latency --example tantivy_floor \
  --example tantivy_index_floor
BIN="$PWD/target/release/confsearch"
GEN="$PWD/target/release/examples/gen_corpus"
LATENCY="$PWD/target/release/examples/latency"
QUERY_FLOOR="$PWD/target/release/examples/tantivy_floor"
INDEX_FLOOR="$PWD/target/release/examples/tantivy_index_floor"

# Median (ms) of each command of a hyperfine JSON export, in order.
medians() {
  python3 -c 'import json,sys
for r in json.load(open(sys.argv[1]))["results"]:
    print("%.1f" % (r["median"] * 1000))' "$1"
}

echo "# confsearch benchmarks, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
echo
echo "confsearch $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(hyperfine --version), $(rg --version | head -1), SQLite $(sqlite3 --version | cut -d' ' -f1) (CLI; Python's module $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'))"
echo

# The queries of the query part, by type: confsearch's query text, the FTS5 MATCH expression
# for the same words (empty: no SQLite peer), the rg arguments. Two words: any of them, as
# confsearch (more words matched ranks first) and rg do, so FTS5 gets OR. The common word is in
# 57 % of the sessions at 100 MB, the rare word in 117 (the generator's Zipf vocabulary has no
# rarer word).
QUERY_TYPES=("two words" "phrase" "common word" "rare word" "no hit" "filtered" "typo")
QUERY_LABELS=("two words \`kubernetes secrets\`" "phrase \`\"service mesh\"\`" "common word \`team\`"
  "rare word \`xihhgwww\`" "no hit \`zzzzqqq\`" "filtered \`chaos --year 2019 --kind talk\`"
  "typo \`kubernets obsrvability\`")
CS_ARGS=("'kubernetes secrets'" "'\"service mesh\"'" "team" "xihhgwww" "zzzzqqq"
  "chaos --year 2019 --kind talk" "'kubernets obsrvability'")
FTS_MATCH=("kubernetes OR secrets" '"service mesh"' "team" "xihhgwww" "zzzzqqq" "" "")
# The words of each query type for tantivy alone (`examples/tantivy_floor.rs`: term queries on
# the notes' field, top 10, documents read; empty: a type it has no counterpart of), the floor
# under a query process built on tantivy.
FLOOR_ARGS=("kubernetes secrets" "" "team" "xihhgwww" "zzzzqqq" "" "")
RG_ARGS=("-e kubernetes -e secrets" "'service mesh'" "team" "xihhgwww" "zzzzqqq" "chaos"
  "-e kubernets -e obsrvability")

# The sqlite3 CLI's top 10 for an FTS5 MATCH expression, as one command line for hyperfine
# (quoted for its shell-like splitting): best bm25() first, a snippet of ~24 tokens each, as
# confsearch's ~220-byte snippets.
sqlite_query() {
  python3 - "$1" "$2" <<'EOF'
import shlex, sys
db, match = sys.argv[1], sys.argv[2]
sql = ("SELECT path, snippet(notes, 1, '[', ']', '…', 24) FROM notes WHERE notes MATCH '%s' "
       "ORDER BY bm25(notes) LIMIT 10;" % match.replace("'", "''"))
print("sqlite3 -readonly " + shlex.quote(db) + " " + shlex.quote(sql))
EOF
}

# Peak RSS (MiB) and wall seconds of a GNU `time -v` log.
rss_mib() { grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' "$1" | awk '{printf "%.0f", $1 / 1024}'; }
wall_s() {
  grep -oP 'Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): \K[0-9:.]+' "$1" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }'
}

for SIZE in "${SIZES[@]}"; do
  CORPUS="$DIR/corpus-$SIZE"
  INDEX="$DIR/index-$SIZE"
  FTS="$DIR/fts5-$SIZE.db"
  if [ ! -d "$CORPUS" ]; then
    "$GEN" --size "$SIZE" --out "$CORPUS" >&2
  fi
  files=$(find "$CORPUS" -type f | wc -l)
  bytes=$(du -sb "$CORPUS" | cut -f1)
  mb=$(python3 -c "print(f'{$bytes/1e6:.1f}')")
  echo "## $SIZE corpus: $files files, $mb MB"
  echo

  # --- full index, beside SQLite FTS5 and pinned to one core --------------------------------
  # IRUNS rounds (default 5), each one build of every kind in turn, so a change of load hits
  # all alike; medians. The pinned build (`taskset -c 0`) shows how the build scales with cores.
  # Each build starts with the notes in the page cache (`warm`): on a machine whose cache is
  # emptied from outside now and then, the first build after it read the notes from the disk
  # and the next one found them cached (a cold 100 MB build took 14.4 s, a warm one 7.5 s).
  if want index; then
    warm() { find "$CORPUS" -type f -exec cat {} + >/dev/null; }
    for r in $(seq "$IRUNS"); do
      rm -rf "$INDEX"
      warm
      /usr/bin/time -v "$BIN" --corpus "$CORPUS" --index "$INDEX" index 2>"$DIR/index-$SIZE.$r.log" >/dev/null
      warm
      /usr/bin/time -v python3 scripts/fts5_build.py "$CORPUS" "$FTS" >"$DIR/fts5-$SIZE.out" 2>"$DIR/fts5-$SIZE.$r.log"
      rm -rf "$INDEX.one-core"
      warm
      /usr/bin/time -v taskset -c 0 "$BIN" -q --corpus "$CORPUS" --index "$INDEX.one-core" index 2>"$DIR/index1-$SIZE.$r.log"
      # tantivy alone, each file one document, nothing parsed: on one indexing thread and on
      # one per core.
      warm
      /usr/bin/time -v "$INDEX_FLOOR" "$CORPUS" "$INDEX.floor" 1 >/dev/null 2>"$DIR/floor1-$SIZE.$r.log"
      warm
      /usr/bin/time -v "$INDEX_FLOOR" "$CORPUS" "$INDEX.floor" "$(nproc)" >/dev/null 2>"$DIR/floor-$SIZE.$r.log"
    done
    rm -rf "$INDEX.one-core" "$INDEX.floor"
    med() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
    walls=() fwalls=() owalls=() rss=() frss=() t1walls=() tnwalls=()
    for r in $(seq "$IRUNS"); do
      t1walls+=("$(wall_s "$DIR/floor1-$SIZE.$r.log")")
      tnwalls+=("$(wall_s "$DIR/floor-$SIZE.$r.log")")
      walls+=("$(wall_s "$DIR/index-$SIZE.$r.log")")
      fwalls+=("$(wall_s "$DIR/fts5-$SIZE.$r.log")")
      owalls+=("$(wall_s "$DIR/index1-$SIZE.$r.log")")
      rss+=("$(rss_mib "$DIR/index-$SIZE.$r.log")")
      frss+=("$(rss_mib "$DIR/fts5-$SIZE.$r.log")")
    done
    sessions=$(grep -oP '\): \K[0-9]+(?= sessions)' "$DIR/index-$SIZE.1.log")
    python3 - "$bytes" "$(med "${walls[@]}")" "$sessions" "$(med "${rss[@]}")" "$(du -sb "$INDEX" | cut -f1)" \
      "$(med "${fwalls[@]}")" "$(med "${frss[@]}")" "$(du -sb "$FTS" | cut -f1)" "$(med "${owalls[@]}")" \
      "$IRUNS" "$(nproc)" "$(med "${t1walls[@]}")" "$(med "${tnwalls[@]}")" <<'EOF'
import sys
b, wall, sessions, rss, isize, fwall, frss, fsize, owall, runs, cores, t1wall, tnwall = sys.argv[1:]
b, wall, fwall, owall, t1wall, tnwall = float(b), float(wall), float(fwall), float(owall), float(t1wall), float(tnwall)
sessions, rss, isize, frss, fsize = int(sessions), int(rss), int(isize), int(frss), int(fsize)
print(f"| index from scratch (median of {runs}) | confsearch | SQLite FTS5 (Python, 1 thread) | SQLite / confsearch |")
print("|---|---|---|---|")
print(f"| wall time | {wall:.2f} s | {fwall:.2f} s | {fwall / wall:.2f}x |")
print(f"| throughput | {b / 1e6 / wall:.1f} MB/s ({sessions / wall:,.0f} sessions/s, {sessions:,} sessions) "
      f"| {b / 1e6 / fwall:.1f} MB/s | |")
print(f"| peak RSS | {rss} MiB | {frss} MiB | {frss / rss:.2f}x |")
print(f"| size on disk | {isize / 1e6:.1f} MB = {isize / b:.2f}x the corpus | {fsize / 1e6:.1f} MB = {fsize / b:.2f}x "
      f"| {fsize / isize:.2f}x |")
print(f"| the same build pinned to one core (`taskset -c 0`) | {owall:.2f} s: {cores} cores {owall / wall:.2f}x as fast | | |")
print(f"| tantivy alone, each file one document, nothing parsed, 1 indexing thread "
      f"(`examples/tantivy_index_floor.rs`) | {t1wall:.2f} s | | {fwall / t1wall:.2f}x |")
print(f"| … on {cores} indexing threads | {tnwall:.2f} s | | {fwall / tnwall:.2f}x |")
print()
EOF
  fi
  # The other parts read an index and a database: built once when missing.
  if ! [ -f "$INDEX/meta.json" ] && { want reindex || want query || want latency; }; then
    "$BIN" -q --corpus "$CORPUS" --index "$INDEX" index
  fi
  if ! [ -f "$FTS" ] && want query; then
    python3 scripts/fts5_build.py "$CORPUS" "$FTS" >/dev/null
  fi

  # --- re-index -------------------------------------------------------------------------
  if want reindex; then
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
    target=$(python3 -c "print(f'{1.5 * ${noop[0]} + 20:.1f}')")
    met=$(python3 -c "print('met' if ${noop[1]} <= $target else 'NOT met')")
    echo "| re-index | median ms |"
    echo "|---|---|"
    echo "| stat walk (\`find -printf '%s %T@'\`) | ${noop[0]} |"
    echo "| no-op re-index (index files untouched: $unchanged) | ${noop[1]} (target <= 1.5x walk + 20 ms = $target: $met) |"
    echo "| one file changed | ${onef[0]} |"
    echo
  fi

  # --- queries against SQLite FTS5 and rg ----------------------------------------------------
  if want query; then
    cmds=()
    for i in "${!QUERY_TYPES[@]}"; do
      t=${QUERY_TYPES[$i]}
      cmds+=(-n "$t" "$BIN --index $INDEX query ${CS_ARGS[$i]}")
      if [ -n "${FTS_MATCH[$i]}" ]; then
        cmds+=(-n "sqlite3 $t" "$(sqlite_query "$FTS" "${FTS_MATCH[$i]}")")
      fi
      if [ -n "${FLOOR_ARGS[$i]}" ]; then
        cmds+=(-n "floor $t" "$QUERY_FLOOR $INDEX ${FLOOR_ARGS[$i]}")
      fi
      cmds+=(-n "rg $t" "rg -i -l ${RG_ARGS[$i]} $CORPUS")
    done
    hyperfine -N -i --warmup 3 --runs "$RUNS" --export-json "$DIR/query-$SIZE.json" "${cmds[@]}" >/dev/null
    python3 - "$DIR/query-$SIZE.json" "${QUERY_TYPES[@]}" -- "${QUERY_LABELS[@]}" <<'EOF'
import json, sys
args = sys.argv[2:]
cut = args.index("--")
types, labels = args[:cut], args[cut + 1:]
median = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
print("| query (whole process, top 10 with snippets) | confsearch ms | sqlite3 ms | rg -i -l ms "
      "| tantivy alone ms | confsearch / sqlite3 | confsearch / rg | tantivy alone / rg |")
print("|---|---|---|---|---|---|---|---|")
for t, label in zip(types, labels):
    c, r = median[t], median["rg " + t]
    s, f = median.get("sqlite3 " + t), median.get("floor " + t)
    sq = f"{s:.1f}" if s is not None else "–"
    ratio = f"{c / s:.2f}x" if s is not None else "–"
    fl = f"{f:.1f}" if f is not None else "–"
    fr = f"{f / r:.2f}x" if f is not None else "–"
    print(f"| {label} | {c:.1f} | {sq} | {r:.1f} | {fl} | {ratio} | {c / r:.2f}x | {fr} |")
print()
EOF
  fi

  if want latency; then
    echo "In-process latency (\`$LATENCY --index $INDEX --runs 200\`):"
    echo
    "$LATENCY" --index "$INDEX" --runs 200
    echo
  fi
done
