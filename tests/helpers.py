"""Shared helpers of the project's own tests."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_SPECS = FIXTURES / "specs"


def grade(*args: str, timeout: float = 900) -> tuple[subprocess.CompletedProcess, dict | None]:
    """Run the grader CLI in a subprocess; returns the process and the parsed results.json, if any."""
    out = Path(args[args.index("--json") + 1]) if "--json" in args else None
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    data = json.loads(out.read_text()) if out is not None and out.exists() else None
    return proc, data


def by_title(results: dict) -> dict[str, dict]:
    return {t["name"].split(" · ")[-1]: t for t in results["tests"]}
