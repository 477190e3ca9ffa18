"""Prints the mutation score of weeks' specs: `python -m autograder mutate` on each week, one line per week.

    .venv/bin/python bench/mutation_score.py [WEEK ...] [--n N] [--seed S] [--out DIR]

Each week's reference solutions get planted bugs (see autograder/mutate.py); the kill rate is the share of
the non-equivalent mutants graded that lose the week a point. The goal is 90 % for every week. A week's
full report, survivors and their diffs included, goes to DIR/mutate-weekNN.json (default: a temporary
folder, removed at the end). Grading runs one mutant at a time; --n bounds the CPU a week costs.

Measured with seed 0 and --n 20 (2 shared cores; about 2.5 min for week01, 4 min for week11):
    week01   17 / 20 killed   85.0 %   (250 mutants made, 1 equivalent)
        survived  gates.py:19 constant: XOR_DATA's last target 0 -> 1 (no spec reads the table)
        survived  neuron.py:26 constant: finite_diff's default eps 0.001 -> 0.0011
        survived  random_walk.py:30 return-arg: take_step returns `step` instead of `int(step)` (may be np.int64)
    week11   16 / 20 killed   80.0 %   (46 mutants made, 0 equivalent)
        survived  bigram_counts.py:96 off-by-one: `V = M.shape[0]` -> `M.shape[-1]` (a square matrix)
        survived  bigram_counts.py:103 and :104 constant: the cell texts' fontsize 6 -> 7
        survived  bigram_model.py:19 constant: sample_name's default max_len 50 -> 51
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
