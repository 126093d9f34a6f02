#!/usr/bin/env python3
"""Convert a folder of notes to JSON Lines documents for tantivy's CLI (`tantivy index`).

    scripts/notes-to-jsonl.py CORPUS_DIR OUT.jsonl [--confsearch BIN]

Runs `confsearch parse FILE --json` on every note file under CORPUS_DIR and writes one JSON
object per session, with the field names of confsearch's schema (src/index/mod.rs) and the
values that `index::document` puts in them: text fields as strings or arrays of strings,
u64 fields as numbers, facets as one-level paths like "/2019" (slashes escaped as tantivy's
Facet::from_text expects). Used by scripts/bench-tantivy-cli.sh as a stand-in until a
`confsearch export` command writes these documents directly; it is slow (one process per
file) and that does not matter: only the indexing of its output is timed.

Differences from `confsearch index`: the walk skips hidden entries but does not read
.gitignore / .confsearchignore, and conference spellings are unified over this corpus only
(as a full `confsearch index` of an empty index does).
"""
import argparse
import json
import os
import re
import subprocess
import sys

NOTE_EXTS = {"md", "markdown", "txt", "text"}


def is_note_file(name):
    """Same rule as corpus::is_note_file: known extensions, or no extension and not hidden."""
    if "." in name.lstrip("."):
        # Rust's Path::extension: the part after the last dot, unless the dot is the first char.
        return name.rsplit(".", 1)[1].lower() in NOTE_EXTS
    return not name.startswith(".")


def walk(root):
    """Note files under root, sorted, skipping hidden files and folders (like `ignore`)."""
    files = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for f in filenames:
            if not f.startswith(".") and is_note_file(f):
                files.append(os.path.join(dirpath, f))
    files.sort()
    return files


def facet(value):
    """index::facet: a one-level facet holding value as written, in Facet::from_text syntax."""
    return "/" + re.sub(r"([\\/])", r"\\\1", value)


def date_key(s):
    """index::date_key: 20191017 for 2019-10-17; year*10000 when only the year is known; else 0."""
    if s.get("date"):
        y, m, d = s["date"].split("-")
        return int(y) * 10_000 + int(m) * 100 + int(d)
    if s.get("year") is not None:
        return int(s["year"]) * 10_000
    return 0


def sort_key(s):
    """index::sort_key: date_key * 10000 + HHMM of the start time (0 when unknown)."""
    minutes = 0
    start = s.get("start")
    if start and ":" in start:
        h, m = start.split(":", 1)
        if h.isdigit() and m.isdigit():
            minutes = int(h) * 100 + int(m)
    return date_key(s) * 10_000 + minutes


def domain_and_parents(domain):
    labels = domain.split(".")
    return [".".join(labels[i:]) for i in range(max(len(labels) - 1, 0))]


def caps(s):
    return sum(1 for c in s if c.isupper())


def document(s, conference):
    """The fields of index::document, as a JSON object for TantivyDocument::parse_json."""
    d = {
        "id": s["id"],
        "path": s["source"]["path"],
        "line": s["source"]["line"],
        "title": s["title"],
        "body": s["body"],
    }
    if s["speakers"]:
        d["speakers"] = s["speakers"]
        d["f_speaker"] = [facet(x) for x in s["speakers"]]
    if s["tags"]:
        d["tags"] = s["tags"]
        d["f_tag"] = [facet(x) for x in s["tags"]]
    if conference is not None:
        d["conference"] = conference
        d["f_conference"] = facet(conference)
    if s.get("room") is not None:
        d["room"] = s["room"]
    if s.get("year") is not None:
        d["year"] = int(s["year"])
        d["f_year"] = facet(str(s["year"]))
    d["date"] = date_key(s)
    d["sort"] = sort_key(s)
    if s.get("date"):
        d["date_text"] = s["date"]
    if s.get("start") is not None:
        d["start"] = s["start"]
    if s.get("end") is not None:
        d["end"] = s["end"]
    d["kind"] = s["kind"]
    d["f_kind"] = facet(s["kind"])
    if s.get("attended") is not None:
        d["attended"] = "true" if s["attended"] else "false"
    if s["themes"]:
        d["themes"] = s["themes"]
        d["f_theme"] = [facet(x) for x in s["themes"]]
    # serde_json::to_string(&s.links): compact, non-ASCII left as is.
    d["links"] = json.dumps(s["links"], separators=(",", ":"), ensure_ascii=False)
    domains = sorted({l["domain"] for l in s["links"]})
    if domains:
        d["f_domain"] = [facet(x) for x in domains]
        matches = []
        for dom in domains:
            for parent in domain_and_parents(dom):
                if parent not in matches:
                    matches.append(parent)
        if matches:
            d["f_domain_match"] = [facet(x) for x in matches]
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    ap.add_argument(
        "--confsearch",
        default=os.environ.get(
            "CONFSEARCH",
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "confsearch"),
        ),
        help="confsearch binary (default: $CONFSEARCH or target/release/confsearch)",
    )
    args = ap.parse_args()
    root = os.path.abspath(args.corpus)

    sessions = []
    files = walk(root)
    for i, path in enumerate(files, 1):
        r = subprocess.run(
            [args.confsearch, "-q", "--corpus", root, "parse", path, "--json"],
            capture_output=True,
            text=True,
        )
        if r.returncode != 0:
            print(f"notes-to-jsonl: skipping {path}: {r.stderr.strip()}", file=sys.stderr)
            continue
        sessions.extend(json.loads(r.stdout)["sessions"])
        if i % 200 == 0:
            print(f"notes-to-jsonl: {i}/{len(files)} files", file=sys.stderr)

    # index::conference_spellings: one spelling per lower-cased name, the one with most capitals.
    best = {}
    for s in sessions:
        c = s.get("conference")
        if c is None:
            continue
        k = c.lower()
        if k not in best or caps(best[k]) < caps(c):
            best[k] = c

    with open(args.out, "w", encoding="utf-8") as out:
        for s in sessions:
            c = s.get("conference")
            conference = None if c is None else best[c.lower()]
            out.write(json.dumps(document(s, conference), ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
    print(f"notes-to-jsonl: {len(files)} files, {len(sessions)} sessions -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
