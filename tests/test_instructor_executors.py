"""One executor seam: the same submissions graded locally, on a Dask LocalCluster and through submitit's
local executor give the same results and the same gradebook."""
from __future__ import annotations

import shutil

import pytest
from helpers import FIXTURE_SPECS, FIXTURES

from autograder.instructor.executors import ENGINES, ExecutorOptions, make_executor
from autograder.instructor.gradebook import Book
from autograder.instructor.grading import grade_submissions
from autograder.instructor.policy import Course

KINDS = ("good", "wrong", "broken", "planted")


@pytest.fixture(scope="module")
def subs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subs")
    for kind in KINDS:
        shutil.copytree(FIXTURES / "subs" / kind, folder / kind)
    return folder


def _grade(subs, tmp_path, executor: str, **options) -> dict:
    url = f"sqlite:///{tmp_path / (executor + '.db')}"
    graded = grade_submissions(subs, ["week01"], url=url, executor=executor,
                               options=ExecutorOptions(workers=2, **options), timeout=5, memory_mb=1000, wall=120,
                               specs_root=FIXTURE_SPECS, course=Course(), progress=False)
    assert not any(g.record_error for g in graded)
    with Book(url) as book:
        runs = book.latest()
        scores = {s.student.id: s.score for s in book.gb.find_assignment("week01").submissions}
    results = {key: [(s.nodeid, s.status, s.score, s.message) for s in run.result.specs] for key, run in runs.items()}
    return {"results": results, "scores": scores}


@pytest.fixture(scope="module")
def local(subs, tmp_path_factory):
    return _grade(subs, tmp_path_factory.mktemp("local"), "local")


def test_the_local_executor_grades_every_submission(local):
    assert local["scores"] == {"good": 15, "wrong": 8, "broken": 0, "planted": 8}


def test_dask_local_cluster_gives_the_same_results(subs, tmp_path, local):
    assert _grade(subs, tmp_path, "dask") == local


def test_submitit_local_executor_gives_the_same_results(subs, tmp_path, local):
    assert _grade(subs, tmp_path, "slurm", slurm_local=True, folder=tmp_path / "submitit") == local
    assert list((tmp_path / "submitit").rglob("*_result.pkl")), "the jobs went through submitit"


def test_unknown_executors_are_refused():
    assert set(ENGINES) == {"local", "dask", "slurm"}
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("ray")


def test_slurm_parameters_route_gpu_weeks():
    """What an array job asks Slurm for (no job is submitted: there is no Slurm here)."""
    ex = make_executor("slurm", ExecutorOptions(partition="cpu", gpu_partition="gpu", gpus_per_job=1,
                                                array_parallelism=40))
    assert ex.parameters(gpu=False) == {"timeout_min": 60, "cpus_per_task": 1, "slurm_array_parallelism": 40,
                                        "slurm_partition": "cpu"}
    assert ex.parameters(gpu=True) == {"timeout_min": 60, "cpus_per_task": 1, "slurm_array_parallelism": 40,
                                       "slurm_partition": "gpu", "gpus_per_node": 1}


def test_gpu_weeks_are_the_weeks_whose_specs_take_the_device_fixture(tmp_path):
    from autograder.instructor.collection import gpu_weeks
    for week, args in (("week01", "load"), ("week02", "load, device"), ("week03", "load, *, device")):
        (tmp_path / week).mkdir()
        (tmp_path / week / "test_x.py").write_text(f"def test_x({args}):\n    pass\n")
    assert gpu_weeks(["week01", "week02", "week03"], tmp_path) == ["week02", "week03"]
