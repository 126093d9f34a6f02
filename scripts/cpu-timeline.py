#!/usr/bin/env python3
"""Runs a command and samples its threads' CPU every 100 ms: where a build's cores idle.

    scripts/cpu-timeline.py OUT.tsv -- confsearch -q --corpus C --index I index

Each line of OUT.tsv: seconds since the start; the milliseconds of CPU the command's threads
used in the interval, and the machine's busy, idle and iowait milliseconds (all cores, from
/proc/stat: the rest of "busy" is other processes); then each thread's state (R running,
S sleeping, D waiting on the disk) and the CPU of each thread name in the interval. A summary
goes to stderr: the wall time, the CPU of each thread name over the run, and how long the
machine's cores stood idle while the command ran (core-seconds).

The threads are those of the command's own process: run the program itself, not under a
wrapper that forks it (`/usr/bin/time`; `taskset` and `nice` exec it and are fine), or the
summary shows the wrapper's idle thread and counts the program's cores as idle.
"""
import collections
import os
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")
PERIOD = 0.1


def machine():
    """Busy, idle and iowait ticks of all cores so far."""
    with open("/proc/stat") as f:
        v = list(map(int, f.readline().split()[1:]))
    return v[0] + v[1] + v[2] + v[5] + v[6] + v[7], v[3] + v[4], v[4]


def threads(pid):
    """(tid, name, state, CPU seconds) of each thread of `pid` now."""
    out = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1 : s.rindex(")")]
        fields = s[s.rindex(")") + 2 :].split()
        out.append((tid, name, fields[0], (int(fields[11]) + int(fields[12])) / TICK))
    return out


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    out_path, command = sys.argv[1], sys.argv[3:]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    start = time.time()
    seen, total = {}, collections.Counter()
    before = machine()
    idle_core, cores, last = 0.0, os.cpu_count() or 1, start
    with open(out_path, "w") as out:
        while proc.poll() is None:
            time.sleep(PERIOD)
            t = time.time()
            dt, last = t - last, t
            now = threads(proc.pid)
            used = collections.Counter()
            for tid, name, _, cpu in now:
                used[name] += cpu - seen.get(tid, (name, 0.0))[1]
                seen[tid] = (name, cpu)
            after = machine()
            busy, idle, iowait = (a - b for a, b in zip(after, before))
            before = after
            mine = sum(used.values())
            # Cores idle while the command ran: the interval's idle time, as far as the
            # command left it (other processes' busy time is theirs).
            idle_core += min(idle / TICK, max(0.0, cores * dt - mine))
            states = " ".join(sorted(f"{n}:{st}" for _, n, st, _ in now))
            per = " ".join(f"{n}={v * 1000:.0f}" for n, v in sorted(used.items()) if v > 0)
            out.write(
                f"{t - start:.2f}\t{mine * 1000:.0f}\t{busy * 1000 / TICK:.0f}\t"
                f"{idle * 1000 / TICK:.0f}\t{iowait * 1000 / TICK:.0f}\t{states}\t{per}\n"
            )
    for name, cpu in seen.values():
        total[name] += cpu
    wall = time.time() - start
    per = ", ".join(f"{n} {v:.2f}" for n, v in total.most_common() if v >= 0.01)
    print(f"wall {wall:.2f} s, CPU {sum(total.values()):.2f} s: {per}", file=sys.stderr)
    print(f"cores idle about {idle_core:.2f} s in all ({cores} cores)", file=sys.stderr)
    if sum(total.values()) < 0.05 * wall:
        print("cpu-timeline.py: the command's own threads hardly ran: is it a wrapper that forks "
              "the program (such as /usr/bin/time)? Run the program itself.", file=sys.stderr)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
