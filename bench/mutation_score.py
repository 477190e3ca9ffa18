"""Prints the mutation score of weeks' specs: `python -m autograder mutate` on each week, one line per week.

    .venv/bin/python bench/mutation_score.py [WEEK ...] [--n N] [--seed S] [--out DIR]

Each week's reference solutions get planted bugs (see autograder/mutate.py); the kill rate is the share of
the non-equivalent mutants graded that lose the week a point. The goal is 90 % for every week. A week's
full report, survivors and their diffs included, goes to DIR/mutate-weekNN.json (default: a temporary
folder, removed at the end). Grading runs one mutant at a time; --n bounds the CPU a week costs.

Measured on 2 shared cores (2026-12-03), three samples in turn. Each sample's survivors were read one by
one and either killed by a stronger spec or written down as equivalent (with the reason) in
solutions/weekNN/MUTANTS.md; `mutate --ids` then graded them again. A sample measured after the previous
one's fixes is an independent measure of those fixes; the figures measured on the sample the specs were
then fixed against are optimistic.

    week   seed 0 (n 20-40)   seed 1 (n 20)    seed 2 (n 20)                  seed 2, equivalents
           before the work    after seed 0     after seed 1, as measured      judged afterwards
    01     27/30  90.0 %      15/20  75 %      20/20 100 %                    20/20 100 %
    02     36/40  90.0 %      19/20  95 %      19/20  95 %                    19/20  95 %
    03     27/30  90.0 %      19/20  95 %      17/20  85 %                    17/18  94.4 %
    04     18/20  90.0 %      19/20  95 %      19/20  95 %                    19/20  95 %
    05     25/30  83.3 %      16/20  80 %      16/20  80 %                    16/16 100 %
    06     19/20  95.0 %      16/20  80 %      20/20 100 %                    20/20 100 %
    07     16/20  80.0 %      16/20  80 %      19/20  95 %                    19/20  95 %
    08     18/20  90.0 %      20/20 100 %      19/20  95 %                    19/20  95 %
    09     15/20  75.0 %      16/20  80 %      19/20  95 %                    19/20  95 %
    10     26/30  86.7 %      19/20  95 %      19/20  95 %                    19/20  95 %
    11     32/40  80.0 %      20/20 100 %      20/20 100 %                    20/20 100 %
    12     33/40  82.5 %      20/20 100 %      20/20 100 %                    20/20 100 %
    13     35/40  87.5 %      17/20  85 %      18/20  90 %                    18/19  94.7 %
    14     34/40  85.0 %      19/20  95 %      18/20  90 %                    18/20  90 %
    15     36/40  90.0 %      20/20 100 %      19/20  95 %                    19/20  95 %

Seed 2 took 50-450 s a week (58 min in all). Its survivors, and those of seeds 0 and 1, are all killed
now (checked with --ids) or judged equivalent: the equivalents are mostly looks (a figure's size, bins,
hidden ticks), values the contract cannot tell apart (sigmoid's two branches at 0, a min_size below the
face cascade's 24-pixel window, slic's integer seed grid) and free choices the docstring leaves open.
Most of the killed ones were signature defaults, now checked by calling without the argument.
9 of 15 weeks reached 90 % on seed 1, 13 on seed 2 as measured, and all 15 once its equivalents are
set aside.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("weeks", nargs="*", default=["01", "11"], metavar="WEEK")
    ap.add_argument("--n", type=int, default=20, help="mutants graded per week (default 20)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", metavar="DIR", help="keep each week's JSON report here")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.out) if args.out else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for week in args.weeks:
            name = week if week.startswith("week") else f"week{int(week):02d}"
            report = out / f"mutate-{name}.json"
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "autograder", "mutate", name, "--n", str(args.n),
                                   "--seed", str(args.seed), "--json", str(report)],
                                  cwd=ROOT, capture_output=True, text=True)
            took = time.perf_counter() - start
            if proc.returncode != 0 or not report.exists():
                rows.append(f"{name}   failed (exit {proc.returncode}): {proc.stderr.strip()[-300:]}")
                continue
            rep = json.loads(report.read_text())
            rate = "n/a" if rep["kill_rate"] is None else f"{100 * rep['kill_rate']:.1f} %"
            rows.append(f"{name}   {rep['killed']:>3} / {rep['graded']:<3} killed   {rate:>7}   "
                        f"({rep['candidates']} mutants made, {rep['equivalent']} equivalent, {took:.0f} s)")
            for m in rep["mutants"]:
                if m["status"] == "survived":
                    rows.append(f"    survived  {m['module']}:{m['line']} {m['kind']}: {m['description']}")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
