"""The student release and its gated artefacts; unlocking them again.

``release --out DIR`` writes

* ``DIR/student/``: what students clone. Stubs (weeks/), the grader without any hidden spec (every
  ``*_hidden.*`` file under autograder/specs/, so a hidden spec's own data files stay hidden too),
  DATA/, assets/, Makefile, requirements.txt, .gitignore, a README for students, the CI workflow
  (.github/workflows/grade.yml, with one secret per week), and ``locked/``: per week, the hidden-spec
  bundle and the solutions, each encrypted with its own key (:mod:`.crypto`).
* ``DIR/keys/``: per week, ``hidden-specs-weekNN.key`` (the student repository's secret
  ``HIDDEN_SPECS_KEY_WEEKNN``) and ``weekNN.key`` (publish it after the deadline). One key per week,
  never one key for all: a week's key opens nothing of another week. Never give this folder to
  students. Keys already there are reused, so re-releasing does not invalidate keys already published.

The release is audited (:mod:`.audit`) before it is declared done.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

from .. import paths
from .audit import audit, hidden_specs
from .ci import KEY_ENV, key_env, render_workflow
from .crypto import decrypt, encrypt, key_at, tar_bytes, untar_bytes

TEMPLATES = paths.GRADER / "templates"
LOCKED = "locked"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".ipynb_checkpoints", ".DS_Store")


def solution_file(week: str) -> str:
    return f"solutions-{week}.tar.gz.fernet"


def hidden_file(week: str) -> str:
    return f"hidden-specs-{week}.tar.gz.fernet"


def hidden_key(week: str) -> str:
    return f"hidden-specs-{week}.key"


def solution_weeks(solutions_root: Path) -> list[str]:
    return sorted(p.name for p in solutions_root.glob("week[0-9][0-9]") if p.is_dir())


def _week_files(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder.parent) for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")


def build_release(out: Path, root: Path = paths.ROOT, keys: Path | None = None) -> dict:
    """Write ``out/student`` and the encrypted artefacts; keys go to ``out/keys``. Returns a summary."""
    from ..data import read_state
    fetched = read_state(root / "DATA")
    if fetched:
        raise ValueError(f"DATA/ holds the course's original files ({', '.join(sorted(fetched))}), whose licences "
                         "are not ours to ship: run `python -m autograder data restore` before a release")
    out = Path(out).resolve()
    root = Path(root).resolve()
    keys = Path(keys).resolve() if keys else out / "keys"
    student = out / "student"
    if student.exists():
        shutil.rmtree(student)
    student.mkdir(parents=True)
    grader, specs, solutions = root / "autograder", root / "autograder" / "specs", root / "solutions"

    if (root / "weeks").is_dir():
        shutil.copytree(root / "weeks", student / "weeks", ignore=IGNORE)
    hidden_names = shutil.ignore_patterns("*_hidden.*")  # hidden specs and any data only they read

    def grader_ignore(folder: str, names: list[str]) -> set[str]:
        return set(IGNORE(folder, names)) | set(hidden_names(folder, names))

    shutil.copytree(grader, student / "autograder", ignore=grader_ignore)
    for name in ("DATA", "assets"):
        if (root / name).is_dir():
            shutil.copytree(root / name, student / name, ignore=IGNORE)
    for name in ("Makefile", "requirements.txt", ".gitignore"):
        if (root / name).is_file():
            shutil.copy2(root / name, student / name)
    shutil.copy2(TEMPLATES / "README.student.md", student / "README.md")

    locked = student / LOCKED
    locked.mkdir()
    hidden = hidden_specs(specs)
    hidden_weeks = sorted({h.relative_to(specs).parts[0] for h in hidden})
    for week in hidden_weeks:
        files = [h.relative_to(specs) for h in hidden if h.relative_to(specs).parts[0] == week]
        (locked / hidden_file(week)).write_bytes(encrypt(tar_bytes(specs, files), key_at(keys / hidden_key(week))))
    weeks = solution_weeks(solutions)
    for week in weeks:
        blob = tar_bytes(solutions, _week_files(solutions / week))
        (locked / solution_file(week)).write_bytes(encrypt(blob, key_at(keys / f"{week}.key")))
    (student / ".github" / "workflows").mkdir(parents=True)
    workflow = render_workflow((TEMPLATES / "grade.yml").read_text(encoding="utf-8"), hidden_weeks)
    (student / ".github" / "workflows" / "grade.yml").write_text(workflow, encoding="utf-8")
    (keys / "README.txt").write_text(
        "Keep this folder away from students.\n"
        f"hidden-specs-weekNN.key: the secret {key_env('weekNN')} of the student repository (CI decrypts that "
        "week's hidden specs with it, and nothing else).\n"
        "weekNN.key: publish after the deadline; students run `make unlock-weekNN KEY=<key>`.\n", encoding="utf-8")

    problems = audit(student, root, keys)
    return {"student": student, "keys": keys, "hidden_specs": len(hidden), "hidden_weeks": hidden_weeks,
            "solution_weeks": weeks, "problems": problems}


# --------------------------------------------------------------------------- unlocking

def unlock(week: str, key: str, source: Path | None = None, dest: Path | None = None) -> list[Path]:
    """Decrypt a week's solutions from ``source`` (default: locked/) into ``dest``/weekNN (default: solutions/)."""
    week = paths.week_name(week)
    source = Path(source) if source else paths.ROOT / LOCKED
    dest = Path(dest) if dest else paths.SOLUTIONS
    blob_path = source / solution_file(week)
    if not blob_path.exists():
        raise ValueError(f"{blob_path} does not exist: no locked solutions for {week} here")
    blob = decrypt(blob_path.read_bytes(), key, f"the solutions of {week}")
    return untar_bytes(blob, dest, re.compile(rf"{week}/[\w.\-/]+"))


def unlock_specs(week: str, key: str, locked: Path | None = None, specs_root: Path | None = None) -> list[Path]:
    """Decrypt one week's hidden specs into its spec folder (CI). The bundle may hold that week's files only."""
    locked = Path(locked) if locked else paths.ROOT / LOCKED
    bundle = locked / hidden_file(week)
    if not bundle.exists():
        raise ValueError(f"{bundle} does not exist: no hidden specs for {week} here")
    blob = decrypt(bundle.read_bytes(), key, f"the hidden specs of {week}")
    return untar_bytes(blob, Path(specs_root) if specs_root else paths.SPECS,
                       re.compile(rf"{week}/[\w\-/]*_hidden\.\w+"))


def locked_weeks(locked: Path | None = None) -> list[str]:
    locked = Path(locked) if locked else paths.ROOT / LOCKED
    return sorted(m.group(1) for p in locked.glob("hidden-specs-week*.tar.gz.fernet")
                  if (m := re.fullmatch(r"hidden-specs-(week\d\d)\.tar\.gz\.fernet", p.name)))


def unlock_weeks_from_env(weeks: list[str], locked: Path | None = None, specs_root: Path | None = None,
                          prefix: str = KEY_ENV, environ: dict[str, str] | None = None, log=sys.stderr) -> list[Path]:
    """Unlock the hidden specs of ``weeks``, each with its own key from the environment (``PREFIX_WEEKNN``).
    A week whose key is not set runs its public specs only."""
    environ = os.environ if environ is None else environ
    locked = Path(locked) if locked else paths.ROOT / LOCKED
    written: list[Path] = []
    for week in weeks:
        if not (locked / hidden_file(week)).exists():
            print(f"{week} has no hidden specs here: its public specs will run", file=log)
            continue
        name = key_env(week, prefix)
        key = environ.get(name, "")
        if not key:
            print(f"{name} is not set: only the public specs of {week} will run", file=log)
            continue
        written += unlock_specs(week, key, locked, specs_root)
    return written
