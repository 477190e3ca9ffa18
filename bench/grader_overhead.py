"""Prints the grader's overhead on a week: `python -m autograder grade` against bare pytest on the same specs.

    .venv/bin/python bench/grader_overhead.py [WEEK] [--repeat N]

Bare pytest runs the same spec files with the plugin (it provides the fixtures) but without the grader's
child process, event stream, watchdog and reporting. The difference is what isolation costs a week.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("week", nargs="?", default="week02")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    week = args.week if args.week.startswith("week") else f"week{int(args.week):02d}"
    with tempfile.TemporaryDirectory() as tmp:
        bare = [sys.executable, "-m", "pytest", f"autograder/specs/{week}", "-q", "-p", "autograder.plugin",
                "-p", "no:cacheprovider", "--noconftest", "-c", "autograder/pytest.ini",
                "--ag-target", "solutions", "--ag-device", "cpu", "--ag-events", f"{tmp}/ev.jsonl"]
        graded = [sys.executable, "-m", "autograder", "grade", week, "--target", "solutions", "--device", "cpu",
                  "--quiet", "--json", f"{tmp}/r.json"]
        b = [timed(bare) for _ in range(args.repeat)]
        g = [timed(graded) for _ in range(args.repeat)]
    print(f"{week}: bare pytest      median {statistics.median(b):6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in b)})")
    print(f"{week}: autograder grade median {statistics.median(g):6.2f} s  (runs: {', '.join(f'{x:.2f}' for x in g)})")
    print(f"{week}: grader overhead  {statistics.median(g) - statistics.median(b):+.2f} s")


if __name__ == "__main__":
    main()
