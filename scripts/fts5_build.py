#!/usr/bin/env python3
"""Builds a SQLite FTS5 index of a notes folder, the way note tools such as zk do: one row per
file, porter stemming over unicode61, the content stored (for snippet()), from one Python
thread. scripts/bench.sh times it beside `confsearch index` and queries it with the sqlite3 CLI.

    scripts/fts5_build.py CORPUS DB      # DB is replaced

Prints one line: files, bytes, seconds.
"""

import os
import sqlite3
import sys
import time

# The extensions confsearch reads as notes (src/corpus.rs).
NOTE_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd", ".txt", ".text", ".org")


def note_files(corpus):
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(NOTE_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fts5_build.py CORPUS DB")
    corpus, db = sys.argv[1], sys.argv[2]
    start = time.monotonic()
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE notes USING fts5(path UNINDEXED, body, tokenize='porter unicode61')")
    files = 0
    size = 0
    with con:
        for path in note_files(corpus):
            with open(path, "rb") as f:
                raw = f.read()
            size += len(raw)
            files += 1
            con.execute(
                "INSERT INTO notes(path, body) VALUES (?, ?)",
                (os.path.relpath(path, corpus), raw.decode("utf-8", errors="replace")),
            )
    con.close()
    print(f"{files} files, {size} bytes, {time.monotonic() - start:.2f} s")


if __name__ == "__main__":
    main()
