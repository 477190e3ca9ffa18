"""Run one week's specs against a submission in a child process, and survive anything it does.

The child is ``python -m pytest`` with the autograder plugin and nothing else: no conftest files,
no ini file of the submission, no auto-loaded plugins. It streams one JSON line per event. The parent
watches the clock and the child's memory; when a spec hangs, crashes the interpreter or floods its
output, the parent kills the child, scores that spec 0 with a message that says what happened, and
starts a new child that skips every spec already decided. Finished results are never lost.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import paths
from .procs import death_message, group_rss_mb

POLL = 0.05  # seconds between looks at the child
MEMORY_EVERY = 4  # read the child's memory on every 4th look (reading /proc costs about 2 ms)
JUDGE_GRACE = 150.0  # the judge stops a late worker itself (and starting, importing have their own limits):
                     # this parent only stops a judge that hangs


@dataclass
class Limits:
    timeout: float | None = None  # per-spec limit for specs without their own marker (None: 60 s)
    wall: float = 900.0  # the whole week
    memory_mb: int = 6144  # address space is not capped; resident memory is watched
    output_mb: int = 64  # any single file the child writes, captured output included


@dataclass
class SpecResult:
    nodeid: str
    name: str
    title: str
    task: str
    points: float
    hidden: bool
    timeout: float = 60.0
    status: str = "not run"  # passed, partial, failed, skipped, timeout, crashed, not run
    score: float = 0.0
    message: str = ""
    output: str = ""
    duration: float = 0.0


@dataclass
class WeekResult:
    week: str
    target: str
    device: str
    specs: list[SpecResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    duration: float = 0.0

    @property
    def score(self) -> float:
        return round(sum(s.score for s in self.specs), 4)

    @property
    def max_score(self) -> float:
        return round(sum(s.points for s in self.specs), 4)

    def to_dict(self) -> dict:
        d = asdict(self)
        d.update(score=self.score, max_score=self.max_score)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "WeekResult":
        specs = [SpecResult(**s) for s in d.get("specs", [])]
        return cls(week=d["week"], target=d["target"], device=d["device"], specs=specs,
                   errors=list(d.get("errors", [])), notes=list(d.get("notes", [])), duration=d.get("duration", 0.0))


def _limit_child(limits: Limits):
    def apply() -> None:
        os.setsid()  # own process group: a kill takes its children too
        cap = max(limits.output_mb, 1024) * 1024 * 1024  # the judge's own files; its workers watch their output
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return apply


def _describe_death(code: int, limits: Limits) -> str:
    return death_message(code, limits.output_mb, who="the grading process")


def grader_command(spec_dir: Path, target: Path, device: str, events: Path, skip: Path,
                   limits: Limits, data_dir: Path | None, workdir: Path, extra: list[str] | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", str(spec_dir),
           "-p", "autograder.plugin", "-p", "no:cacheprovider", "-p", "no:randomly",
           "--noconftest", "-c", str(paths.GRADER / "pytest.ini"), "--rootdir", str(spec_dir.parent),
           "-q", "--no-header", "-rN", "--tb=no", "--continue-on-collection-errors",
           "--ag-target", str(target), "--ag-device", device, "--ag-events", str(events),
           "--ag-skip", str(skip), "--ag-workdir", str(workdir), "--basetemp", str(workdir / "spec-inputs"),
           "--ag-memory", str(limits.memory_mb), "--ag-output", str(limits.output_mb)]
    if limits.timeout is not None:
        cmd += ["--ag-timeout", str(limits.timeout)]
    if data_dir is not None:
        cmd += ["--ag-data", str(data_dir)]
    return cmd + (extra or [])


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1", MPLBACKEND="Agg",
               PYTHONPATH=str(paths.ROOT), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1",
               HF_DATASETS_OFFLINE="1", TQDM_DISABLE=env.get("TQDM_DISABLE", "1"),
               OMP_NUM_THREADS=env.get("OMP_NUM_THREADS", "1"))
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return env


def run_week(week: str, target: Path, *, device: str = "cpu", limits: Limits | None = None,
             specs_root: Path | None = None, data_dir: Path | None = None, verbose: bool = False,
             select: str | None = None) -> WeekResult:
    """Grade one week of ``target`` (a folder laid out like weeks/). Never raises for a bad submission."""
    limits = limits or Limits()
    spec_dir = (specs_root or paths.SPECS) / week
    result = WeekResult(week=week, target=str(target), device=device)
    start = time.time()
    if not spec_dir.is_dir():
        result.errors.append(f"no specs for {week} (looked in {spec_dir})")
        return result
    if not (target / week).is_dir():
        result.errors.append(f"{target / week} does not exist: nothing to grade, every spec scores 0.")

    by_id: dict[str, SpecResult] = {}
    decided: set[str] = set()
    with tempfile.TemporaryDirectory(prefix=f"ag-{week}-") as tmp:
        tmpdir = Path(tmp)
        skip = tmpdir / "skip.txt"
        attempt = 0
        while True:
            attempt += 1
            skip.write_text("\n".join(sorted(decided)), encoding="utf-8")
            events = tmpdir / f"events-{attempt}.jsonl"
            log = tmpdir / f"child-{attempt}.log"
            work = tmpdir / f"cwd-{attempt}"
            work.mkdir()
            judge_dir = tmpdir / f"judge-{attempt}"
            judge_dir.mkdir()
            cmd = grader_command(spec_dir, target, device, events, skip, limits, data_dir, judge_dir,
                                 ["-k", select] if select else None)
            with open(log, "wb") as logfh:
                proc = subprocess.Popen(cmd, cwd=work, env=child_env(), stdout=logfh, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, preexec_fn=_limit_child(limits))
                outcome = _watch(proc, events, by_id, decided, result, limits, start)
            if verbose:
                sys.stderr.write(log.read_text(errors="replace"))
            if outcome == "finished":
                break
            if outcome == "wall":
                for s in by_id.values():
                    if s.nodeid not in decided:
                        s.status, s.message = "not run", (
                            f"Not run: the week's time limit of {limits.wall:.0f} s ran out before this spec.")
                break
            if outcome == "lost":
                tail = log.read_text(errors="replace")[-1500:]
                result.errors.append(f"the grading process ended outside any spec (exit {proc.returncode}):\n{tail}")
                for s in by_id.values():
                    if s.nodeid not in decided:
                        s.message = "Not run: the grading process ended before this spec (see the errors above)."
                break
            if not by_id or all(n in decided for n in by_id):
                break
    result.specs = list(by_id.values())
    result.duration = round(time.time() - start, 2)
    return result


def _watch(proc: subprocess.Popen, events: Path, by_id: dict[str, SpecResult], decided: set[str],
           result: WeekResult, limits: Limits, start: float) -> str:
    """Follow one child until it ends. Returns finished, killed (go on), wall, or lost."""
    current: str | None = None
    current_start = 0.0
    pos = 0
    buf = b""
    polls = 0
    while True:
        polls += 1
        code = proc.poll()
        if events.exists():
            with open(events, "rb") as fh:
                fh.seek(pos)
                chunk = fh.read()
                pos += len(chunk)
            buf += chunk
            *lines, buf = buf.split(b"\n")
            for line in lines:
                if not line.strip():
                    continue
                try:
                    ev = json.loads(line)
                    kind = ev["event"]
                except (ValueError, TypeError, KeyError):  # the judge writes this stream; skip what is not an event
                    continue
                if kind == "collected":
                    for s in ev["specs"]:
                        by_id.setdefault(s["nodeid"], SpecResult(**s))
                elif kind == "note":
                    if ev["message"] not in result.notes:
                        result.notes.append(str(ev["message"]))
                elif kind == "collect_error":
                    result.errors.append(f"spec file could not be collected ({ev['nodeid']}):\n{ev['message']}")
                elif kind == "start":
                    current, current_start = ev["nodeid"], time.time()
                elif kind == "result":
                    spec = by_id.get(ev["nodeid"])
                    if spec is None or spec.nodeid in decided:
                        continue  # only specs of the judge's own collection, each decided once
                    for key in ("status", "message", "output", "duration"):
                        setattr(spec, key, ev[key])
                    fraction = min(max(float(ev["fraction"]), 0.0), 1.0)
                    spec.score = round(spec.points * fraction, 4)
                    decided.add(ev["nodeid"])
                    current = None
        if code is not None:
            if current is not None:  # died inside a spec
                spec = by_id[current]
                spec.status, spec.score = "crashed", 0.0
                spec.message = "This spec " + _describe_death(code, limits)
                spec.duration = round(time.time() - current_start, 3)
                decided.add(current)
                return "killed"
            if by_id and all(n in decided for n in by_id):
                return "finished"
            if code in (0, 1, 5):
                return "finished"
            return "lost"
        now = time.time()
        if current is not None:
            spec = by_id.get(current)
            limit = (spec.timeout if spec is not None else 60.0) + JUDGE_GRACE
            if now - current_start > limit:
                _kill(proc)
                spec.status, spec.score = "timeout", 0.0
                spec.message = (f"Timed out after {limit:.0f} s and was stopped. Look for a loop that never ends, "
                                "or make the code faster (vectorise, fewer epochs).")
                spec.duration = round(now - current_start, 3)
                decided.add(current)
                return "killed"
            rss = group_rss_mb(proc.pid) if polls % MEMORY_EVERY == 0 else 0.0
            if rss > limits.memory_mb:
                _kill(proc)
                spec.status, spec.score = "crashed", 0.0
                spec.message = (f"Used more than {limits.memory_mb} MB of memory and was stopped. "
                                "Look for a list or tensor that grows without bound.")
                decided.add(current)
                return "killed"
        if now - start > limits.wall:
            _kill(proc)
            return "wall"
        time.sleep(POLL)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()
