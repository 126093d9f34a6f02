#!/usr/bin/env python3
"""Runs a command and samples its memory every 20 ms: where a run's peak comes from.

    scripts/rss-timeline.py OUT.tsv -- confsearch -q --corpus C --index I index

Each line of OUT.tsv: seconds since the start, resident memory, its anonymous part (heap,
tantivy's arenas) and its file-backed part (the binary, mapped index files), in KiB, then the
names of the command's threads (which phase the run is in: the parse threads are gone once
every note is parsed). The last line is `exit CODE peak KIB`; a summary goes to stderr: the
peak and its parts, the largest anonymous and file-backed parts, and the smallest anonymous
part in each 20 s (what the run keeps between two segments).
"""
import collections
import os
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out_path, command = sys.argv[1], sys.argv[3:]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    start = time.time()
    rows = []
    while proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/status") as f:
                status = dict(line.split(":", 1) for line in f if ":" in line)
            threads = set()
            for task in os.listdir(f"/proc/{proc.pid}/task"):
                try:
                    with open(f"/proc/{proc.pid}/task/{task}/comm") as f:
                        threads.add(f.read().strip())
                except OSError:
                    pass
            kib = lambda key: int(status[key].split()[0])
            rows.append((time.time() - start, kib("VmRSS"), kib("RssAnon"), kib("RssFile"), ",".join(sorted(threads))))
        except (OSError, KeyError, ValueError):
            pass
        time.sleep(0.02)
    peak = max(rows, key=lambda r: r[1], default=(0, 0, 0, 0, ""))
    with open(out_path, "w") as out:
        for t, rss, anon, file, threads in rows:
            out.write(f"{t:.2f}\t{rss}\t{anon}\t{file}\t{threads}\n")
        out.write(f"exit {proc.returncode} peak {peak[1]}\n")
    least = collections.defaultdict(lambda: 1 << 62)
    for t, _, anon, _, _ in rows:
        least[int(t // 20) * 20] = min(least[int(t // 20) * 20], anon)
    mib = lambda k: f"{k / 1024:.0f}"
    print(
        f"peak {mib(peak[1])} MiB at {peak[0]:.1f} s of {rows[-1][0] if rows else 0:.1f} s "
        f"(anonymous {mib(peak[2])}, files {mib(peak[3])}); largest anonymous "
        f"{mib(max((r[2] for r in rows), default=0))} MiB, files {mib(max((r[3] for r in rows), default=0))} MiB",
        file=sys.stderr,
    )
    print("least anonymous MiB per 20 s: " + " ".join(f"{t}s:{mib(a)}" for t, a in sorted(least.items())), file=sys.stderr)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
