"""Student-weeks graded per hour by ``grade-submissions`` on this machine.

    .venv/bin/python bench/grading_throughput.py [--workers 2] [--copies 2] [--evil] [--real-weeks N|all|0]

Two measurements, each into a fresh gradebook in a temporary folder:

* fixture: ``--copies`` copies of the fixture submissions (good, wrong, stub, broken, planted; with
  ``--evil`` also the hostile one, which spends its time in timeouts) against the fixture specs;
* real: when the repository has weeks with specs and solutions, two students per week, one handing in
  the reference solutions and one the stubs (the slowest and the fastest case), for the first N such
  weeks (``--real-weeks``, default 3; ``all`` for every week; 0 to skip).

The clock covers grading and writing the gradebook, not the one-off import of nbgrader. Each
student-week is one call of ``autograder.instructor.grade_student_week(job) -> dict``; that function
touches no database, so the same jobs can be spread over a cluster (Dask: ``client.map``; Slurm through
submitit: ``executor.map_array``) and the dicts recorded on the head node with ``Book.record``,
giving the same results.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from autograder import instructor, paths  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"


def measure(subs: Path, weeks: list[str], specs: Path, workers: int, db: Path, timeout: float | None) -> tuple[int, float]:
    start = time.perf_counter()
    graded = instructor.grade_submissions(subs, weeks, url=f"sqlite:///{db}", workers=workers, device="cpu",
                                          timeout=timeout, memory_mb=1500, specs_root=specs,
                                          course=instructor.Course(due={}, late=instructor.LatePolicy()),
                                          progress=sys.stderr.isatty())
    return len(graded), time.perf_counter() - start


def report(label: str, n: int, seconds: float, workers: int) -> None:
    rate = n / seconds * 3600 if seconds else float("nan")
    print(f"{label}: {n} student-weeks in {seconds:.1f} s with {workers} workers -> {rate:.0f} student-weeks/hour",
          flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--copies", type=int, default=2, help="copies of each fixture submission")
    ap.add_argument("--evil", action="store_true", help="include the hostile fixture submission")
    ap.add_argument("--real-weeks", default="3", help="how many real weeks to grade (a number, all, or 0)")
    args = ap.parse_args()

    import nbgrader.api  # noqa: F401  (a one-off import of several seconds, kept off the clock)

    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        tmp = Path(tmp)
        subs = tmp / "fixture-subs"
        kinds = ["good", "wrong", "stub", "broken", "planted"] + (["evil"] if args.evil else [])
        for i in range(args.copies):
            for kind in kinds:
                shutil.copytree(FIXTURES / "subs" / kind, subs / f"{kind}-{i}")
        n, s = measure(subs, ["week01"], FIXTURES / "specs", args.workers, tmp / "fixture.db", timeout=5)
        report(f"fixture ({len(kinds) * args.copies} students x 1 week)", n, s, args.workers)

        weeks = [w for w in paths.available_weeks() if (paths.SOLUTIONS / w).is_dir() and (paths.WEEKS / w).is_dir()]
        if args.real_weeks != "all":
            weeks = weeks[: int(args.real_weeks)]
        if weeks:
            real = tmp / "real-subs"
            for name, source in (("reference", paths.SOLUTIONS), ("stubs", paths.WEEKS)):
                for w in weeks:
                    shutil.copytree(source / w, real / name / w)
            n, s = measure(real, weeks, paths.SPECS, args.workers, tmp / "real.db", timeout=None)
            report(f"real ({', '.join(weeks)}; reference + stubs)", n, s, args.workers)


if __name__ == "__main__":
    main()
