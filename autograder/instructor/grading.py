"""``grade-submissions``: intake, the grader's collection, jobs on an executor, results into the gradebook.

Only this head process writes the gradebook. The order: collect the specs of the weeks (the grader's
own collection, :mod:`.collection`), take the submissions in (:mod:`.intake`), make the grade cells
agree with the collection, run one job per student-week on the executor (:mod:`.executors`), and
record each result as it comes back, checked against the collection, with this call's batch id and the
versions of the specs (:mod:`.regrade`).
"""
from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from .. import defaults, paths
from ..runner import Limits
from .collection import WeekSpecs, collect, gpu_weeks
from .executors import ExecutorOptions, make_executor
from .gradebook import Book, db_url
from .intake import Submission, find_submissions
from .jobs import Graded, Job, failed_result
from .latedays import allocate
from .policy import Course, load_course
from .regrade import new_batch, spec_versions


def make_jobs(subs: list[Submission], weeks: list[str], course: Course, *, device: str, limits: Limits,
              specs_root: Path, data_dir: Path | None, require_sandbox: bool, gpu: set[str]) -> list[Job]:
    jobs = []
    for sub in subs:
        for week in weeks:
            if week not in sub.weeks:  # a week not handed in stays without a submission (empty in grades.csv)
                continue
            hand_in = sub.hand_in(week)
            jobs.append(Job(student=sub.student, week=week, target=sub.target, source=sub.source.name,
                            submitted_at=hand_in.submitted_at, time_source=hand_in.time_source,
                            fingerprint=hand_in.fingerprint, notes=sub.notes.get(week, ()),
                            device="cuda" if week in gpu else device, limits=limits, specs_root=specs_root,
                            data_dir=data_dir, due=course.due_for(sub.student, week), late=course.late,
                            require_sandbox=require_sandbox, gpu=week in gpu))
    return jobs


def grade_submissions(folder: Path, weeks: list[str] | None = None, *, url: str | None = None,
                      executor: str = defaults.EXECUTOR, options: ExecutorOptions | None = None,
                      workers: int | None = None, device: str = defaults.SUBMISSIONS_DEVICE,
                      timeout: float | None = None, wall: float = defaults.WEEK_WALL,
                      memory_mb: int = defaults.MEMORY_MB, specs_root: Path | None = None,
                      data_dir: Path | None = None, course: Course | None = None, stage: Path | None = None,
                      require_sandbox: bool = True, gpu_weeks_on: bool = False, progress: bool = True,
                      log=sys.stderr) -> list[Graded]:
    """Grade every submission of ``folder`` for ``weeks`` (default: every week with specs) into the gradebook."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder} is not a folder of submissions")
    specs_root = Path(specs_root or paths.SPECS).resolve()
    weeks = weeks or paths.available_weeks(specs_root)
    if not weeks:
        raise ValueError(f"no weeks with specs under {specs_root}")
    options = options or ExecutorOptions()
    if workers is not None:
        options = replace(options, workers=workers)
    course = course if course is not None else load_course()
    collection = collect(weeks, specs_root, workers=options.workers)
    for week, found in collection.items():
        for e in found.errors:
            print(f"warning: {week}: {e}", file=log)
        if not found.specs:
            raise ValueError(f"{week}: the grader collected no specs, so nothing can be graded honestly")
    batch = new_batch()  # one id for every run this call records: the history's unit of "the last grading"
    versions = {week: spec_versions(collection[week], specs_root) for week in weeks}
    gpu = set(gpu_weeks(weeks, specs_root)) if gpu_weeks_on else set()
    limits = Limits(timeout=timeout, wall=wall, memory_mb=memory_mb)
    graded: list[Graded] = []
    with tempfile.TemporaryDirectory(prefix="ag-subs-", dir=stage) as tmp:
        subs, problems = find_submissions(folder, Path(tmp), weeks)
        for p in problems:
            print(f"warning: {p}", file=log)
        for sub in subs:
            if not sub.weeks:
                print(f"warning: {sub.student}: none of {', '.join(weeks)} found in {sub.source.name}", file=log)
        jobs = make_jobs(subs, weeks, course, device=device, limits=limits, specs_root=specs_root,
                         data_dir=data_dir, require_sandbox=require_sandbox, gpu=gpu)
        with Book(db_url(url)) as book, _progress(progress, len(jobs)) as bar:
            for week in weeks:  # the grade cells and maxima are the course's, graded or not
                book.sync_week(collection[week], course.due.get(week))
            book.reprice(course)  # the penalties follow course.yml as it is now (extensions, late days)
            for job, out in make_executor(executor, options).run(jobs):
                if isinstance(out, BaseException):  # grade_student_week never raises; a lost worker does
                    out = failed_result(job, f"the grading worker was lost: {type(out).__name__}: {out}")
                out = _record(book, out, collection[job.week], course, log, batch=batch, versions=versions[job.week])
                graded.append(out)
                bar.advance(f"{job.student} {job.week}: {out.result.score:g}/{out.result.max_score:g}")
    return graded


def _record(book: Book, out: Graded, specs: WeekSpecs, course: Course, log, *, batch: str | None = None,
            versions: dict[str, str] | None = None) -> Graded:
    try:
        if not out.graded_something:  # nothing graded: keep the grades we had, log the attempt
            print(f"warning: {out.student} {out.week} not graded: "
                  f"{'; '.join(out.result.errors) or 'no specs ran'}", file=log)
        recorded = book.record(_priced(book, out, course), specs, course.due.get(out.week), batch=batch,
                               versions=versions)
        if recorded.graded_something:
            book.reprice(course, [recorded.student])  # this week may move the late days of the student's others
        return recorded
    except Exception as exc:  # one bad write must not lose the other results
        book.gb.db.rollback()
        out.record_error = f"{type(exc).__name__}: {exc}"
        print(f"warning: {out.student} {out.week} not recorded: {out.record_error}", file=log)
        return out


def _priced(book: Book, out: Graded, course: Course) -> Graded:
    """The grading with its late penalty from the student's late days: this hand-in among the hand-ins of
    their newest runs (:func:`.latedays.allocate`)."""
    if not out.graded_something:
        return out
    times = book.hand_ins(out.student).get(out.student, {}) | {out.week: out.submitted_at}
    late = allocate(course, out.student, times).weeks[out.week]
    return replace(out, days_late=late.days_late, penalty_fraction=late.fraction,
                   penalty=round(late.fraction * out.result.score, 4))


class _progress:
    """A rich progress bar (nothing when disabled)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self.done, self.bar = enabled, total, 0, None

    def __enter__(self) -> "_progress":
        if self.enabled:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TimeRemainingColumn(), TextColumn("{task.description}", markup=False),
                                transient=False)
            self.bar.__enter__()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def advance(self, note: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=note)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)
