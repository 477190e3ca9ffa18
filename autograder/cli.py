"""``python -m autograder``: the command line every script, Makefile target and CI job goes through.

Exit status: 0 when the run itself worked, whatever the score; 1 only with --require-full when a point
was lost (or a week could not be graded at all); 2 for bad usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import defaults, paths
from .options import parse_weeks, resolve_device, sandbox_allowed


def cmd_grade(args: argparse.Namespace) -> int:
    from .results import print_table, write_outputs
    from .runner import Limits, run_week

    specs_root = Path(args.specs).resolve() if args.specs else paths.SPECS
    weeks = parse_weeks(args.weeks, specs_root)
    target = paths.resolve_target(args.target)
    if not sandbox_allowed(args.require_sandbox, args.allow_unsandboxed, quiet=args.quiet):
        return 2
    device = resolve_device(args.device)
    limits = Limits(timeout=args.timeout, wall=args.wall, memory_mb=args.memory)
    results = []
    for week in weeks:
        if not args.quiet:
            print(f"grading {week} of {target} on {device} ...", file=sys.stderr, flush=True)
        results.append(run_week(week, target, device=device, limits=limits, specs_root=specs_root,
                                data_dir=Path(args.data).resolve() if args.data else None, verbose=args.verbose,
                                select=args.select))
    write_outputs(results, args.json, args.junit, args.markdown)
    if not args.quiet:
        print_table(results)
    if args.require_full:
        lost = [w for w in results if w.errors or w.score < w.max_score or not w.specs]
        return 1 if lost else 0
    return 0


def cmd_data(args: argparse.Namespace) -> int:
    from . import data
    if args.action == "verify":
        return data.verify(quiet=args.quiet)
    if args.action == "fetch":
        return data.fetch(args.names or None, source=args.source)
    if args.action == "restore":
        return data.restore(args.names or None)
    return data.build(args.names or None)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m autograder", description="Grade the course's weekly tasks.")
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("grade", help="grade weeks of a submission and print the score table")
    g.add_argument("weeks", nargs="+", metavar="WEEK", help="week02, 02, 2, or all")
    g.add_argument("--target", default="weeks",
                   help="weeks (student code), solutions (reference), or a folder laid out like weeks/")
    g.add_argument("--device", choices=defaults.DEVICES, default=defaults.GRADE_DEVICE)
    g.add_argument("--json", metavar="FILE", help="write Gradescope's results.json")
    g.add_argument("--junit", metavar="FILE", help="write JUnit XML")
    g.add_argument("--markdown", metavar="FILE", help="write a Markdown summary")
    g.add_argument("--timeout", type=float, default=None, metavar="S",
                   help=f"time limit per spec, for specs without their own (default {defaults.SPEC_TIMEOUT:g})")
    g.add_argument("--wall", type=float, default=defaults.WEEK_WALL, metavar="S",
                   help=f"time limit per week (default {defaults.WEEK_WALL:g})")
    g.add_argument("--memory", type=int, default=defaults.MEMORY_MB, metavar="MB",
                   help=f"memory limit of the worker that runs the submission (default {defaults.MEMORY_MB})")
    g.add_argument("-k", dest="select", metavar="EXPR", help="grade only the specs whose names match (pytest -k)")
    g.add_argument("--require-full", action="store_true", help="exit 1 unless every point was earned")
    g.add_argument("--require-sandbox", action="store_true",
                   help="refuse to run submission code unsandboxed (CI and grades that count)")
    g.add_argument("--allow-unsandboxed", action="store_true", help="run unsandboxed even with --require-sandbox")
    g.add_argument("--specs", help=argparse.SUPPRESS)  # another spec root, for the grader's own tests
    g.add_argument("--data", help=argparse.SUPPRESS)
    g.add_argument("--quiet", action="store_true", help="print no table")
    g.add_argument("--verbose", action="store_true", help="show pytest's own output")
    g.set_defaults(func=cmd_grade)

    d = sub.add_parser("data", help="build, verify, fetch the course's originals into, or restore DATA/")
    d.add_argument("action", choices=["build", "verify", "fetch", "restore"])
    d.add_argument("names", nargs="*", help="datasets to build, fetch or restore (default: all)")
    d.add_argument("--from", dest="source", metavar="DIR",
                   help="fetch: a local folder holding the originals (default: their public sources)")
    d.add_argument("--quiet", action="store_true", help="verify: print nothing when every file is intact")
    d.set_defaults(func=cmd_data)

    for register in _EXTENSIONS:
        try:
            register(sub)
        except Exception as exc:  # a broken instructor tool must not take `grade` down with it
            print(f"warning: instructor commands unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
    return p


def _load_extensions() -> list:
    """Subcommands that live in their own modules (instructor tools); each module has register(sub)."""
    import importlib
    found = []
    for name in ("instructor", "mutate"):
        try:
            module = importlib.import_module(f"autograder.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"autograder.{name}":
                print(f"warning: autograder.{name} unavailable: {exc}", file=sys.stderr)
            continue
        except Exception as exc:
            print(f"warning: autograder.{name} unavailable: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        if callable(getattr(module, "register", None)):
            found.append(module.register)
        else:
            print(f"warning: autograder.{name} has no register(sub): its commands are unavailable", file=sys.stderr)
    return found


_EXTENSIONS = _load_extensions()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
