"""What the command-line options mean, shared by ``grade`` and the instructor commands: which weeks,
which device, and whether submission code may run without a sandbox."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from . import paths


def parse_weeks(values: list[str], specs_root: Path) -> list[str]:
    """``week02``, ``02``, ``2`` or ``all``, checked against the weeks that have specs under ``specs_root``."""
    known = paths.available_weeks(specs_root)
    out: list[str] = []
    for v in values:
        if v.lower() == "all":
            out.extend(known)
            continue
        w = paths.week_name(v, known)
        out.append(w)
    return list(dict.fromkeys(out))


def resolve_device(choice: str) -> str:
    """``auto`` is ``cuda`` when torch sees a GPU, else ``cpu``; ``cuda`` without one is an error."""
    if choice != "auto":
        if choice == "cuda":
            import torch
            if not torch.cuda.is_available():
                raise ValueError("--device cuda was asked for, but torch sees no CUDA device here")
        return choice
    if not (os.path.exists("/dev/nvidiactl") or shutil.which("nvidia-smi")):
        return "cpu"  # no driver: skip the cost of importing torch to ask
    try:
        import torch
        return "cuda" if torch.cuda.is_available() else "cpu"
    except ImportError:
        return "cpu"


def sandbox_allowed(required: bool, allowed: bool, quiet: bool = False) -> bool:
    """Say in one line when submission code will run unsandboxed; refuse when a sandbox is required."""
    from .boundary import sandbox
    mode = sandbox.mode()
    if mode.sandboxed:
        return True
    if required and not allowed:
        print(f"error: no sandbox here ({mode.reason}); grades that count need one. Enable unprivileged user "
              "namespaces, or pass --allow-unsandboxed to grade anyway.", file=sys.stderr)
        return False
    if not quiet:
        print(sandbox.describe(mode), file=sys.stderr)
    return True
