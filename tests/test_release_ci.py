"""Pull-request grading: the workflow template (pull_request_target, one secret per week, the sandbox
before any secret) and the weeks a pull request touches."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from helpers import FIXTURE_SPECS, ROOT

from autograder.instructor import ci
from autograder.instructor.ci import weeks_touched

WORKFLOW = ROOT / "autograder" / "templates" / "grade.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text())


def _steps(workflow: dict) -> list[dict]:
    [job] = workflow["jobs"].values()
    return job["steps"]


def _step(workflow: dict, step_id: str) -> dict:
    found = [s for s in _steps(workflow) if s.get("id") == step_id]
    assert len(found) == 1, f"expected one step with id {step_id!r}"
    return found[0]


def test_runs_the_base_branch_workflow_on_pull_requests_that_touch_weeks(workflow):
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(on) == {"pull_request_target"}  # GitHub runs the base branch's file: a PR cannot edit it
    assert on["pull_request_target"]["paths"] == ["weeks/**"]
    assert {"opened", "synchronize", "reopened"} <= set(on["pull_request_target"]["types"])
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}


def test_grader_and_specs_come_from_the_base_branch(workflow):
    checkouts = [s for s in _steps(workflow) if str(s.get("uses", "")).startswith("actions/checkout@")]
    assert len(checkouts) == 2
    base, pr = checkouts
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}" and base["with"]["path"] == "base"
    assert pr["with"]["ref"] == "${{ github.event.pull_request.head.sha }}" and pr["with"]["path"] == "pr"
    assert pr["with"]["repository"] == "${{ github.event.pull_request.head.repo.full_name }}"
    assert pr["with"]["sparse-checkout"].strip() == "weeks"
    assert all(c["with"]["persist-credentials"] is False for c in checkouts)
    for step in _steps(workflow):  # every command of the grader runs from the base checkout
        if "autograder" in str(step.get("run", "")):
            assert step.get("working-directory") == "base", step["name"]
        assert step.get("working-directory") != "pr"  # nothing of the pull request runs outside the sandbox
    uses_pr = [s["id"] for s in _steps(workflow) if "../pr" in str(s.get("run", ""))]
    assert uses_pr == ["weeks", "grade"]  # read by git diff, and graded as --target; never executed
    assert "--require-sandbox" in _step(workflow, "grade")["run"]
    grade = _step(workflow, "grade")
    assert "--target ../pr/weeks" in grade["run"]
    for flag in ("--json", "--junit", "--markdown", "--device cpu"):
        assert flag in grade["run"]
    assert grade["if"] == "steps.weeks.outputs.weeks != ''"


def test_python_cached_venv_and_the_secret_only_where_needed(workflow):
    setup = _step(workflow, "python")
    assert setup["uses"].startswith("actions/setup-python@") and setup["with"]["python-version"] == "3.11"
    cache = _step(workflow, "venv")
    assert cache["uses"].startswith("actions/cache@") and cache["with"]["path"] == "base/.venv"
    assert "hashFiles('base/requirements.txt')" in cache["with"]["key"]
    unlock = _step(workflow, "unlock")
    assert "unlock-specs $WEEKS" in unlock["run"] and "--require-sandbox" in unlock["run"]
    assert unlock["env"]["HIDDEN_SPECS_KEY_WEEKNN"] == "${{ secrets.HIDDEN_SPECS_KEY_WEEKNN }}"  # the release's placeholder
    assert unlock["if"] == "steps.weeks.outputs.weeks != ''"
    [job] = workflow["jobs"].values()
    assert "secrets." not in str(job.get("env", {}))
    others = [s for s in _steps(workflow) if s is not unlock]
    assert not any("secrets." in str(s) for s in others), "the keys must reach only the unlock step"
    order = [s.get("id", "") for s in _steps(workflow)]
    assert order.index("weeks") < order.index("sandbox") < order.index("unlock") < order.index("grade")


def test_the_release_writes_one_secret_per_week():
    rendered = ci.render_workflow(WORKFLOW.read_text(), ["week01", "week07"])
    flow = yaml.safe_load(rendered)
    env = _step(flow, "unlock")["env"]
    assert env == {"WEEKS": "${{ steps.weeks.outputs.weeks }}",
                   "HIDDEN_SPECS_KEY_WEEK01": "${{ secrets.HIDDEN_SPECS_KEY_WEEK01 }}",
                   "HIDDEN_SPECS_KEY_WEEK07": "${{ secrets.HIDDEN_SPECS_KEY_WEEK07 }}"}
    assert "WEEKNN" not in rendered.split("# Secrets:")[1].split("name: grade")[1]
    assert not any("secrets." in str(s) for s in _steps(flow) if s.get("id") != "unlock")
    with pytest.raises(ValueError):
        ci.render_workflow("name: x\n", ["week01"])


def test_summary_comment_and_artefacts(workflow):
    summary = _step(workflow, "summary")
    assert "$GITHUB_STEP_SUMMARY" in summary["run"] and summary["if"] == "always()"
    comment = _step(workflow, "comment")
    assert comment["uses"].startswith("actions/github-script@")
    script = comment["with"]["script"]
    assert "updateComment" in script and "createComment" in script and "<!-- autograder-summary -->" in script
    upload = _step(workflow, "upload")
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert "out/results.json" in upload["with"]["path"] and "out/junit.xml" in upload["with"]["path"]
    weeks = _step(workflow, "weeks")
    assert "ci-weeks" in weeks["run"] and "$GITHUB_OUTPUT" in weeks["run"]


def test_weeks_touched_keeps_graded_week_folders_only():
    files = ["weeks/week01/demo.py", "./weeks/week01/README.md", "weeks/week07/x.py", "solutions/week01/demo.py",
             "README.md", "weeks/notes.txt"]
    assert weeks_touched(files, FIXTURE_SPECS) == ["week01"]  # week07 has no specs there
    assert weeks_touched(["README.md"], FIXTURE_SPECS) == []
    assert weeks_touched(["weeks/week01/$(curl evil)/x.py", "weeks/week01;rm -rf/x"], FIXTURE_SPECS) == ["week01"]


def test_ci_weeks_reads_a_git_diff(tmp_path):
    repo = tmp_path / "repo"
    (repo / "weeks" / "week01").mkdir(parents=True)
    (repo / "weeks" / "week01" / "demo.py").write_text("x = 1\n")
    env = dict(os.environ, GIT_AUTHOR_NAME="s", GIT_AUTHOR_EMAIL="s@example.org", GIT_COMMITTER_NAME="s",
               GIT_COMMITTER_EMAIL="s@example.org")

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                              env=env).stdout.strip()

    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "work")
    (repo / "weeks" / "week01" / "demo.py").write_text("x = 2\n")
    (repo / "README.md").write_text("notes\n")
    git("commit", "-qam", "work")
    git("add", ".")
    git("commit", "-qm", "readme")
    cmd = [sys.executable, "-m", "autograder", "ci-weeks", "--repo", str(repo), "--base", "main", "--head", "work",
           "--specs", str(FIXTURE_SPECS)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["week01"]
    listed = subprocess.run([sys.executable, "-m", "autograder", "ci-weeks", "--files", "-", "--specs",
                             str(FIXTURE_SPECS)], input="README.md\n", cwd=ROOT, capture_output=True, text=True)
    assert listed.returncode == 0 and listed.stdout.strip() == ""
