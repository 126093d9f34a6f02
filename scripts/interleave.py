#!/usr/bin/env python3
"""Old against new on a shared, noisy machine: every round runs each command once, in turn,
so a change of load falls on all of them alike (hyperfine runs all of one command, then the
next). Prints the median wall time and the median CPU (user + system, from wait4) of each.

    scripts/interleave.py ROUNDS 'LABEL=COMMAND' ...
    scripts/interleave.py 40 "old=/tmp/old -q --index IDX query team" "new=target/release/confsearch -q --index IDX query team"

Each command is split like a shell word list (quotes kept), run without a shell, its output
discarded; the first two rounds warm the page cache and are not counted. A command that exits
with an error (a signal, or a status over 1: rg and grep say "no match" with 1) stops the run,
naming it.
"""
import os
import shlex
import statistics
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit() or any("=" not in a for a in sys.argv[2:]):
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    commands = [arg.split("=", 1) for arg in sys.argv[2:]]
    walls = {label: [] for label, _ in commands}
    cpus = {label: [] for label, _ in commands}
    devnull = os.open(os.devnull, os.O_WRONLY)
    quiet = [(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)]
    for r in range(rounds + 2):
        for label, command in commands:
            argv = shlex.split(command)
            start = time.perf_counter()
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=quiet)
            _, status, usage = os.wait4(pid, 0)
            code = os.waitstatus_to_exitcode(status)
            if code < 0 or code > 1:
                # Its output is discarded: a failing command would be timed as if it worked.
                sys.exit("%s: `%s` exited with %d" % (label, command, code))
            if r >= 2:
                walls[label].append((time.perf_counter() - start) * 1000)
                cpus[label].append((usage.ru_utime + usage.ru_stime) * 1000)
    for label, _ in commands:
        print("%-24s wall %8.2f ms   cpu %8.2f ms" % (label, statistics.median(walls[label]), statistics.median(cpus[label])))


if __name__ == "__main__":
    main()
