"""The instructor commands of ``python -m autograder``: argument parsing and one small function per command.

Each function only reads its arguments and calls the module that does the work; the heavy imports
(nbgrader, SQLAlchemy, Dask, submitit, matplotlib) happen inside, so ``grade`` never pays for them.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import defaults, paths
from ..options import parse_weeks, resolve_device, sandbox_allowed


def cmd_grade_submissions(args: argparse.Namespace) -> int:
    from .executors import ExecutorOptions
    from .gradebook import db_url
    from .grading import grade_submissions
    from .policy import load_course
    if not sandbox_allowed(True, args.allow_unsandboxed):
        return 2
    if args.course and not Path(args.course).is_file():
        raise ValueError(f"no course file at {args.course}")
    specs_root = Path(args.specs).resolve() if args.specs else paths.SPECS
    weeks = parse_weeks(args.weeks, specs_root) if args.weeks else None
    options = ExecutorOptions(workers=args.workers, scheduler=args.scheduler, partition=args.partition,
                              gpu_partition=args.gpu_partition, gpus_per_job=args.gpus_per_job,
                              array_parallelism=args.array_parallelism, slurm_local=args.slurm_local,
                              folder=Path(args.slurm_folder).resolve() if args.slurm_folder else None)
    graded = grade_submissions(Path(args.dir), weeks, url=args.db, executor=args.executor, options=options,
                               device=resolve_device(args.device), timeout=args.timeout, wall=args.wall,
                               memory_mb=args.memory, specs_root=specs_root,
                               data_dir=Path(args.data).resolve() if args.data else None,
                               course=load_course(Path(args.course)) if args.course else None,
                               stage=Path(args.stage).resolve() if args.stage else None,
                               require_sandbox=not args.allow_unsandboxed, gpu_weeks_on=args.gpus_per_job > 0,
                               progress=not args.quiet)
    students = sorted({g.student for g in graded})
    print(f"graded {len(graded)} student-weeks of {len(students)} students into {db_url(args.db)}")
    return 1 if any(g.record_error for g in graded) else 0


def cmd_report(args: argparse.Namespace) -> int:
    from .gradebook import db_url
    from .lms import export
    from .policy import load_course
    from .reports import write_reports
    url = db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise ValueError(f"no gradebook at {url[len('sqlite:///'):]}: run grade-submissions first, or give --db")
    if args.course and not Path(args.course).is_file():
        raise ValueError(f"no course file at {args.course}")
    course = load_course(Path(args.course) if args.course else None)
    if args.lms and course.roster is None:
        raise ValueError("--lms needs a roster: set roster: in course.yml (a CSV file, see autograder/README.md)")
    done = write_reports(url, Path(args.out), course=course)
    print(f"reports for {done['students']} students ({', '.join(done['weeks'])}) in {done['out']}/index.html")
    if done.get("changed_line"):
        print(done["changed_line"])
    data = done["data"]
    if data.stale:
        print(f"note: {len(data.stale)} penalties differ from those stored in the gradebook (course.yml changed "
              "since grading); the reports follow course.yml, and the next grade-submissions stores them",
              file=sys.stderr)
    for kind in dict.fromkeys(args.lms or []):
        made = export(kind, data, done["roster"], Path(args.out))
        print(f"{kind}: {made.rows} roster students in {made.path}")
        for student in made.not_exported:
            print(f"warning: {kind}: {student} has grades but is not in the roster, so is not in {made.path.name}",
                  file=sys.stderr)
        for problem in made.problems:
            print(f"warning: {kind}: {problem}", file=sys.stderr)
    return 0


def cmd_regrade_diff(args: argparse.Namespace) -> int:
    import json

    from .gradebook import Book, db_url
    from .regrade import student_diffs, to_json, to_text
    url = db_url(args.db)
    if url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise ValueError(f"no gradebook at {url[len('sqlite:///'):]}: run grade-submissions first, or give --db")
    with Book(url) as book:
        student, diffs = student_diffs(book, args.student, args.week)
    print(json.dumps(to_json(student, diffs), indent=2) if args.json else to_text(diffs).rstrip("\n"))
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .release import build_release
    summary = build_release(Path(args.out), keys=Path(args.keys) if args.keys else None)
    print(f"student tree: {summary['student']}")
    print(f"hidden specs bundled: {summary['hidden_specs']} files, one key per week "
          f"({', '.join(summary['hidden_weeks']) or 'none'}); solutions locked: "
          f"{', '.join(summary['solution_weeks']) or 'none'}")
    print(f"keys (never give these to students): {summary['keys']}")
    if summary["problems"]:
        print("release audit FAILED:", file=sys.stderr)
        for p in summary["problems"]:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("release audit: clean")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    from .release import unlock
    if not args.key:
        raise ValueError("give the week's key: make unlock-weekNN KEY=...")
    written = unlock(args.week, args.key, Path(args.source) if args.source else None,
                     Path(args.to) if args.to else None)
    print(f"unlocked {len(written)} files into {written[0].parent if written else '-'}")
    return 0


def cmd_unlock_specs(args: argparse.Namespace) -> int:
    from .release import locked_weeks, unlock_weeks_from_env
    if args.require_sandbox and not sandbox_allowed(True, args.allow_unsandboxed, quiet=True):
        print("the hidden specs stay locked where submission code could run unsandboxed", file=sys.stderr)
        return 2
    locked = Path(args.locked or args.bundle or paths.ROOT / "locked")
    if locked.is_file():
        locked = locked.parent
    specs_root = Path(args.specs) if args.specs else None
    any_week = [f"week{i:02d}" for i in range(1, 100)]  # a week's bundle may exist before its spec folder here
    weeks = [paths.week_name(w, any_week) for v in args.weeks for w in v.split()] if args.weeks else locked_weeks(locked)
    written = unlock_weeks_from_env(weeks, locked, specs_root, prefix=args.key_env)
    print(f"hidden specs in place: {len(written)} files")
    return 0


def cmd_ci_weeks(args: argparse.Namespace) -> int:
    from .ci import changed_files, weeks_touched
    if args.files:
        text = sys.stdin.read() if args.files == "-" else Path(args.files).read_text(encoding="utf-8")
        files = text.split()
    elif args.base and args.head:
        files = changed_files(Path(args.repo), args.base, args.head)
    else:
        raise ValueError("give --base REF --head REF, or --files FILE (- for stdin)")
    print(" ".join(weeks_touched(files, Path(args.specs).resolve() if args.specs else None)))
    return 0


def cmd_similarity(args: argparse.Namespace) -> int:
    from ..scoretable import printable
    from .similarity import Settings
    from .similarity_report import similarity_report
    weeks = parse_weeks(args.weeks.replace(",", " ").split(), paths.SPECS)
    if not weeks:
        raise ValueError("--weeks names no week: give e.g. --weeks 11 or --weeks 03,11")
    settings = Settings(threshold=args.threshold, min_shared=args.min_shared, common=args.common)
    report = similarity_report(Path(args.submissions), weeks, Path(args.out), settings,
                               with_solutions=args.with_solutions, top=args.top)
    for line in report.problems + report.skipped:
        print(f"note: {printable(line)}", file=sys.stderr)
    c = report.comparison
    print(f"compared {c.class_size} submissions{' and the reference solutions' if c.sources > c.class_size else ''} "
          f"of {', '.join(weeks)} in {report.seconds:.1f} s: {len(c.pairs)} pairs listed in {report.out / 'index.html'}")
    return 0


def register(sub) -> None:
    g = sub.add_parser("grade-submissions", help="grade a folder of submissions (one per student) into the gradebook")
    g.add_argument("dir", metavar="DIR", help="one subfolder or .zip per student, named by the student id")
    g.add_argument("--weeks", nargs="+", metavar="WEEK", help="weeks to grade (default: all with specs)")
    g.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file (default: gradebook.db)")
    g.add_argument("--workers", type=int, default=defaults.WORKERS, metavar="N",
                   help=f"student-weeks graded at once by the local executor or a local Dask cluster "
                        f"(default {defaults.WORKERS})")
    g.add_argument("--device", choices=defaults.DEVICES, default=defaults.SUBMISSIONS_DEVICE)
    g.add_argument("--timeout", type=float, default=None, metavar="S",
                   help=f"time limit per spec without its own (default {defaults.SPEC_TIMEOUT:g})")
    g.add_argument("--wall", type=float, default=defaults.WEEK_WALL, metavar="S",
                   help=f"time limit per student-week (default {defaults.WEEK_WALL:g})")
    g.add_argument("--memory", type=int, default=defaults.MEMORY_MB, metavar="MB",
                   help=f"memory limit of each grading worker (default {defaults.MEMORY_MB})")
    g.add_argument("--course", metavar="FILE", help="due dates, extensions, late policy and late days "
                                                    "(default: course.yml)")
    g.add_argument("--quiet", action="store_true", help="no progress bar")
    g.add_argument("--allow-unsandboxed", action="store_true",
                   help="grade even where no sandbox can be made (the submissions' code then runs unsandboxed)")
    e = g.add_argument_group("executors")
    e.add_argument("--executor", choices=defaults.EXECUTORS, default=defaults.EXECUTOR,
                   help="where student-weeks run: this machine, a Dask cluster, or Slurm (default local)")
    e.add_argument("--scheduler", metavar="ADDRESS", help="dask: the scheduler (tcp://host:8786); "
                                                           "default: a local cluster of --workers processes")
    e.add_argument("--partition", metavar="NAME", help="slurm: the partition")
    e.add_argument("--gpu-partition", metavar="NAME", help="slurm: the partition of GPU weeks (default: --partition)")
    e.add_argument("--gpus-per-job", type=int, default=0, metavar="N",
                   help="route GPU weeks (specs that take the device fixture) to GPU workers with N GPUs, on CUDA")
    e.add_argument("--array-parallelism", type=int, default=64, metavar="N", help="slurm: array tasks at a time")
    e.add_argument("--slurm-local", action="store_true", help=argparse.SUPPRESS)  # submitit's local executor
    e.add_argument("--slurm-folder", metavar="DIR", help="slurm: submitit's logs (on a shared file system)")
    e.add_argument("--stage", metavar="DIR", help="where the regular-file copies of the submissions go; on a "
                                                  "cluster, a folder every worker sees (default: a temporary folder)")
    g.add_argument("--specs", help=argparse.SUPPRESS)
    g.add_argument("--data", help=argparse.SUPPRESS)
    g.set_defaults(func=cmd_grade_submissions)

    r = sub.add_parser("report", help="regenerate grades.csv, feedback pages and plots from the gradebook")
    r.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file (default: gradebook.db)")
    r.add_argument("--out", required=True, metavar="DIR")
    r.add_argument("--course", metavar="FILE", help="due dates, extensions, late policy and late days, roster "
                                                    "(default: course.yml); penalties are decided again from it")
    r.add_argument("--lms", action="append", choices=("canvas", "moodle"), metavar="{canvas,moodle}",
                   help="also write DIR/canvas.csv or DIR/moodle.csv, the gradebook CSV that LMS imports, one row "
                        "per student of course.yml's roster (repeat for both)")
    r.set_defaults(func=cmd_report)

    d = sub.add_parser("regrade-diff", help="what changed between the last two gradings of a student's weeks",
                       formatter_class=argparse.RawDescriptionHelpFormatter, description="""\
Compare the last two runs that graded something of a student-week, from the gradebook's history
(autograder_runs), for one week or every week of the student:
  - the specs whose score changed (old -> new), and specs added or removed;
  - the code fingerprint (same or changed);
  - the hand-in time, the late penalty and the total (before and after the penalty);
  - the spec versions: per spec, a hash of its test function, the rest of its file and the week's
    shared helper files, stored at each grading ("unknown" for runs recorded before they were).
A week graded only once says so. Reads the gradebook only; no student code runs.""",
                       epilog="Exit status 2 when the gradebook has no graded run of the student or the week.")
    d.add_argument("student", metavar="STUDENT", help="the student id (compared ignoring case)")
    d.add_argument("week", nargs="?", metavar="WEEK", help="week03, 03 or 3 (default: every week of the student)")
    d.add_argument("--db", metavar="URL", help="SQLAlchemy URL or SQLite file (default: gradebook.db)")
    d.add_argument("--json", action="store_true", help="print JSON (an object per week under 'weeks') instead of text")
    d.set_defaults(func=cmd_regrade_diff)

    rel = sub.add_parser("release", help="write the student release and the encrypted artefacts")
    rel.add_argument("--out", default="dist", metavar="DIR")
    rel.add_argument("--keys", metavar="DIR", help="where the keys live (default: DIR/keys)")
    rel.set_defaults(func=cmd_release)

    u = sub.add_parser("unlock", help="decrypt a week's reference solutions into solutions/weekNN")
    u.add_argument("week", metavar="WEEK")
    u.add_argument("--key", required=False, default="", metavar="KEY")
    u.add_argument("--from", dest="source", metavar="DIR", help="folder of the locked files (default: locked/)")
    u.add_argument("--to", metavar="DIR", help="where solutions go (default: solutions/)")
    u.set_defaults(func=cmd_unlock)

    s = sub.add_parser("unlock-specs", help="(CI) decrypt the hidden specs of some weeks, each with its own key "
                                            "from the environment")
    s.add_argument("weeks", nargs="*", metavar="WEEK", help="weeks to unlock (default: every locked week)")
    s.add_argument("--key-env", default="HIDDEN_SPECS_KEY", metavar="PREFIX",
                   help="week NN's key is in the variable PREFIX_WEEKNN (default HIDDEN_SPECS_KEY)")
    s.add_argument("--locked", metavar="DIR", help="folder of the locked bundles (default: locked/)")
    s.add_argument("--bundle", metavar="PATH", help=argparse.SUPPRESS)  # older name of --locked
    s.add_argument("--require-sandbox", action="store_true",
                   help="decrypt nothing where submission code could run unsandboxed")
    s.add_argument("--allow-unsandboxed", action="store_true", help=argparse.SUPPRESS)
    s.add_argument("--specs", help=argparse.SUPPRESS)
    s.set_defaults(func=cmd_unlock_specs)

    c = sub.add_parser("ci-weeks", help="(CI) print the weeks a pull request touches")
    c.add_argument("--base", metavar="REF")
    c.add_argument("--head", metavar="REF")
    c.add_argument("--repo", default=".", metavar="DIR", help="the git checkout to diff in")
    c.add_argument("--files", metavar="FILE", help="a list of changed paths instead (- reads stdin)")
    c.add_argument("--specs", help=argparse.SUPPRESS)
    c.set_defaults(func=cmd_ci_weeks)

    from .similarity import Settings  # light: the standard library only
    d = Settings()
    m = sub.add_parser("similarity", help="report pairs of submissions with similar code, task by task (offline)",
                       formatter_class=argparse.RawDescriptionHelpFormatter, description="""\
Compare every pair of submissions of some weeks, task by task (a task is a top-level function or class
of the week's stub in weeks/weekNN/), on normalised syntax trees: names the student chose, constants,
docstrings and comments do not count, and neither does code the stub gives or code more than a
fraction of the class writes alike. No submission code runs; hand-ins are taken in as by
grade-submissions (checked ids, safe archives, regular files), and a file that is too large, binary
or does not parse is left out with a note.

Writes DIR/index.html (the pairs, most similar first, with per-task scores), DIR/pairs/pair-NNNN.html
(each task side by side, shared lines marked), and DIR/pairs.csv and DIR/pairs.json.""",
                       epilog="Similar code is a reason to look, not a verdict: read both sides before acting.")
    m.add_argument("submissions", metavar="SUBMISSIONS", help="one subfolder or .zip per student, named by the "
                                                              "student id (as for grade-submissions)")
    m.add_argument("--weeks", required=True, metavar="WEEK[,WEEK]", help="the weeks: week11, 11, 11,03 or all")
    m.add_argument("--out", required=True, metavar="DIR", help="where the report goes")
    m.add_argument("--threshold", type=float, default=d.threshold, metavar="T",
                   help=f"a task matches when the Jaccard index of the two fingerprint sets is at least T; a "
                        f"pair is listed when its matched tasks are a copied week (score >= T) or hold one "
                        f"long copied task (default {d.threshold:g})")
    m.add_argument("--min-shared", type=int, default=d.min_shared, metavar="N",
                   help=f"fingerprints (about one per token of code) the matched tasks of a listed pair share "
                        f"at least (default {d.min_shared})")
    m.add_argument("--common", type=float, default=d.common, metavar="F",
                   help=f"ignore a fingerprint found in more than this fraction of the class (and in more than "
                        f"{d.common_floor} submissions): the natural way to write it (default {d.common:g})")
    m.add_argument("--with-solutions", action="store_true",
                   help="add the reference solutions (solutions/weekNN) as a source named 'reference solutions', "
                        "so a copy of leaked solutions shows up as a pair")
    m.add_argument("--top", type=int, default=200, metavar="K",
                   help="pages for the K most similar pairs (pairs.csv and pairs.json list all; default 200)")
    m.set_defaults(func=cmd_similarity)
