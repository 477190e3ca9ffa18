"""Processes on Linux, read from /proc: who descends from whom, how much memory a group holds, how one died."""
from __future__ import annotations

import os
import resource
import signal
from typing import Iterator


def stats() -> Iterator[tuple[int, int, int, int]]:
    """(pid, parent pid, process group, resident pages) of every process this user can see."""
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                yield int(entry), int(fields[1]), int(fields[2]), int(fields[21])
            except (OSError, IndexError, ValueError):
                continue


def children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for pid, ppid, _, _ in stats():
        tree.setdefault(ppid, []).append(pid)
    return tree


def descendants(pid: int) -> list[int]:
    """pid and every process below it (a PID namespace's processes included: they all descend from it)."""
    tree, out, todo = children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(tree.get(p, []))
    return out


def tree_rss_mb(pid: int) -> float:
    wanted = set(descendants(pid))
    return sum(rss for p, _, _, rss in stats() if p in wanted) * resource.getpagesize() / 2**20


def group_rss_mb(pid: int) -> float:
    """Resident memory of pid's process group (a worker in a session of its own is not counted)."""
    try:
        pgid = os.getpgid(pid)
    except OSError:
        return 0.0
    return sum(rss for _, _, g, rss in stats() if g == pgid) * resource.getpagesize() / 2**20


def death_message(code: int | None, output_mb: int, via_bwrap: bool = False, who: str = "the worker process") -> str:
    """How a process ended, in plain words (bwrap reports a signal as 128 + its number)."""
    sig = -code if code is not None and code < 0 else code - 128 if code is not None and via_bwrap and code > 128 else None
    if sig == signal.SIGXFSZ:
        return (f"printed or wrote too much (more than {output_mb} MB), so the run was stopped. "
                "Remove the print in a loop, or write less.")
    if sig == signal.SIGSEGV:
        return "crashed the Python interpreter (segmentation fault). Look for out-of-range indexing in C-backed code."
    if sig == signal.SIGABRT:
        return "aborted the interpreter (SIGABRT), usually a failed check inside a C library."
    if sig is not None:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"was ended by signal {name}."
    return (f"ended {who} (exit status {code}): os._exit(), or sys.exit() outside the function the spec "
            "called. A graded function must return.")
