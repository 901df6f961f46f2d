"""A measured program's own peak memory, for the memory bounds of the reliability tests.

`getrusage(RUSAGE_SELF).ru_maxrss` is not it on Linux: a child keeps the high-water mark its parent had at
fork, so a program started from a large pytest worker would report that worker's size (505 MB measured in a
full run against 117 MB alone). `VmHWM` in /proc/self/status belongs to the program's own memory since exec.
"""

from __future__ import annotations

import resource


def peak_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
