#!/usr/bin/env bash
# The cost of matching notes to official programmes: a copy of a generated corpus with one
# invented programme per year (frab/pretalx schedule.json, 2 days x 8 rooms x 50 talks = 800
# talks a year, titles and speakers drawn from the corpus's own vocabulary, so that every note
# shares words with many talks: a worst case), indexed from scratch with and without them.
#
#   scripts/bench-programmes.sh [CORPUS]     (default /tmp/confsearch-bench/corpus-10MB,
#                                             made by scripts/bench.sh)
# Prints, for each, wall seconds, CPU seconds (user) and peak RSS, median of 3 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-/tmp/confsearch-bench/corpus-10MB}"
[ -d "$corpus" ] || { echo "bench-programmes: no corpus at $corpus (run scripts/bench.sh 10MB first)" >&2; exit 2; }
cargo build --release -q
bin="$PWD/target/release/confsearch"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$corpus" "$work/with"
python3 - "$work/with" <<'PY'
import json, os, random, sys
root = sys.argv[1]
random.seed(7)
words = ("kubernetes monitoring pipeline logging vault secrets tracing terraform chaos culture "
         "observability deploy gitops docker latency rollback incident migration database helm "
         "mesh canary alerts on-call teams platform resilience testing").split()
names = ["Jo Patel", "Bob Costa", "Greg Dufour", "Dana Knight", "Hana Ito", "Bob Mouat",
         "Ana Lee", "Tom Riley", "Priya Raman", "Zoe Wirth"]
for year in sorted(d for d in os.listdir(root) if d.isdigit()):
    days = []
    for d in range(2):
        date = f"{year}-06-{6 + d:02d}"
        rooms = {}
        for r in range(8):
            events = []
            for i in range(50):
                h, m = 8 + i // 5, (i % 5) * 10
                guid = f"{year}-{d}-{r}-{i}"
                events.append({
                    "guid": guid, "id": i, "date": f"{date}T{h:02d}:{m:02d}:00+02:00",
                    "start": f"{h:02d}:{m:02d}", "duration": "00:30", "room": f"Room {r}",
                    "title": " ".join(random.choice(words) for _ in range(5)).capitalize(),
                    "subtitle": "", "track": "Main", "type": "Talk", "language": "en",
                    "abstract": " ".join(random.choice(words) for _ in range(40)),
                    "description": "", "persons": [{"public_name": random.choice(names)}],
                    "links": [], "url": f"https://example.org/{guid}"})
            rooms[f"Room {r}"] = events
        days.append({"index": d + 1, "date": date, "rooms": rooms})
    doc = {"$schema": "https://c3voc.de/schedule/schema.json",
           "schedule": {"version": "1", "conference": {
               "acronym": f"conf-{year}", "title": f"Conf {year}", "start": f"{year}-06-06",
               "end": f"{year}-06-07", "daysCount": 2, "time_zone_name": "Europe/Berlin",
               "days": days}}}
    with open(os.path.join(root, year, "schedule.json"), "w") as f:
        json.dump(doc, f)
PY
talks=$(( $(find "$work/with" -name schedule.json | wc -l) * 800 ))
for name in without with; do
    dir="$corpus"
    [ "$name" = with ] && dir="$work/with"
    for run in 1 2 3; do
        rm -rf "$work/idx"
        /usr/bin/time -f "%e %U %M" -o "$work/$name.$run" "$bin" -q --corpus "$dir" --index "$work/idx" index
    done
    sort -n "$work/$name".* | sed -n 2p | awk -v n="$name" -v t="$talks" \
        '{ printf "%-8s %s programme talks: %s s wall, %s s CPU, %d MiB peak\n", n, (n == "with" ? t : 0), $1, $2, $3 / 1024 }'
done
rm -rf "$work/idx"
"$bin" -q --corpus "$work/with" --index "$work/idx" index
"$bin" --corpus "$work/with" --index "$work/idx" export --format jsonl | python3 -c '
import json, sys
notes = matched = 0
for line in sys.stdin:
    s = json.loads(line)
    if s["from"] == "notes":
        notes += 1
        matched += bool(s["matched"])
print(f"note sessions matched to a programme talk: {matched} of {notes}")'
