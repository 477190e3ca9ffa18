"""Pull-request CI helpers: the weeks a pull request touches, and the workflow with one secret per week.

The workflow (``templates/grade.yml``) runs under ``pull_request_target``: GitHub runs the base
branch's workflow file, so a pull request cannot edit what runs with the secrets. The grader, the
specs and DATA come from the base commit; only ``weeks/`` is taken from the pull request, and the
submission's code runs only inside the sandbox (``grade --require-sandbox``; ``unlock-specs
--require-sandbox`` refuses to decrypt where no sandbox can be made). Each week's hidden specs open
with that week's own secret, and only the weeks the pull request touches are decrypted.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from .. import paths

KEY_ENV = "HIDDEN_SPECS_KEY"  # the secrets are HIDDEN_SPECS_KEY_WEEK01, HIDDEN_SPECS_KEY_WEEK02, ...
WEEK_PATH = re.compile(r"^weeks/(week\d\d)/")
PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)HIDDEN_SPECS_KEY_WEEKNN: .*$", re.M)


def key_env(week: str, prefix: str = KEY_ENV) -> str:
    """The environment variable (and repository secret) that holds ``week``'s hidden-spec key."""
    return f"{prefix}_{week.upper()}"


def render_workflow(template: str, weeks: list[str]) -> str:
    """The workflow with one secret per week with hidden specs, in place of the template's placeholder line."""
    def lines(m: re.Match) -> str:
        ind = m.group("indent")
        return "\n".join(f"{ind}{key_env(w)}: ${{{{ secrets.{key_env(w)} }}}}" for w in weeks) or f"{ind}NO_HIDDEN_SPECS: '1'"
    rendered, n = PLACEHOLDER.subn(lines, template)
    if n != 1:
        raise ValueError("the workflow template must hold exactly one HIDDEN_SPECS_KEY_WEEKNN line")
    return rendered


def weeks_touched(files: list[str], specs_root: Path | None = None) -> list[str]:
    """Weeks whose folder weeks/weekNN/ holds one of ``files`` and that have specs."""
    known = set(paths.available_weeks(specs_root or paths.SPECS))
    found = {m.group(1) for f in files if (m := WEEK_PATH.match(f.strip().lstrip("./")))}
    return sorted(w for w in found if w in known)


def changed_files(repo: Path, base: str, head: str) -> list[str]:
    """Paths changed between ``base`` and ``head`` (names only: no diff driver of the checkout runs)."""
    out = subprocess.run(["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager",
                          "-C", str(repo), "diff", "--no-ext-diff", "--no-textconv", "--name-only",
                          f"{base}...{head}"], capture_output=True, text=True)
    if out.returncode != 0:
        raise ValueError(f"git diff {base}...{head} failed: {out.stderr.strip()}")
    return out.stdout.splitlines()
