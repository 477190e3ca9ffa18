"""Prints what the trust boundary costs: grading weeks with this tree against an earlier commit, in one run.

    .venv/bin/python bench/boundary_overhead.py [WEEK ...] [--before REV] [--repeat N] [--target solutions]

The earlier commit (default: the last one before the sandboxed worker) is checked out into a temporary
git worktree and graded with the same interpreter; the two trees alternate, run by run, so that the load
of a shared machine falls on both alike. Printed per week: the median seconds of each tree, the ratio,
and the scores (which should agree). The goal for ordinary submissions: at most 1.25x.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "d34d1d2"  # the in-process grader: specs and submission in one interpreter


def grade(tree: Path, week: str, target: Path, out: Path) -> tuple[float, float]:
    cmd = [sys.executable, "-m", "autograder", "grade", week, "--target", str(target), "--device", "cpu",
           "--quiet", "--json", str(out)]
    start = time.perf_counter()
    subprocess.run(cmd, cwd=tree, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    took = time.perf_counter() - start
    data = json.loads(out.read_text()) if out.exists() else {"score": float("nan")}
    return took, data["score"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("weeks", nargs="*", default=["week01", "week02", "week05", "week11"])
    ap.add_argument("--before", default=BEFORE, help="the commit to compare with")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--target", default="solutions", help="solutions or weeks (stubs), taken from this tree")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ag-bench-") as tmp:
        old = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), args.before], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            print(f"{'week':8} {'before s':>9} {'now s':>8} {'ratio':>6}   scores (before / now)")
            for w in args.weeks:
                week = w if w.startswith("week") else f"week{int(w):02d}"
                target = ROOT / args.target
                times: dict[str, list[float]] = {"before": [], "now": []}
                scores: dict[str, float] = {}
                for i in range(args.repeat):
                    for name, tree in (("before", old), ("now", ROOT)) if i % 2 == 0 else (("now", ROOT), ("before", old)):
                        took, score = grade(tree, week, target, Path(tmp) / f"{name}.json")
                        times[name].append(took)
                        scores[name] = score
                b, n = statistics.median(times["before"]), statistics.median(times["now"])
                print(f"{week:8} {b:9.1f} {n:8.1f} {n / b:6.2f}   {scores['before']:g} / {scores['now']:g}", flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
