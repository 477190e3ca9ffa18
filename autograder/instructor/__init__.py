"""The instructor side: grade a folder of submissions into a gradebook, report, release, unlock, CI.

One idea per module (imports go down this list, never up):

| module | holds |
|---|---|
| ``policy``      | the course policy: due dates and the late penalty (course.yml) |
| ``intake``      | submissions intake: student ids, archives, regular-file copies, hand-in times |
| ``jobs``        | the typed ``Job`` and ``Graded``, and ``grade_student_week(job) -> Graded`` |
| ``collection``  | the grader's own collection of the specs; results checked against it |
| ``executors``   | where jobs run: local, dask, slurm, behind one seam |
| ``gradebook``   | nbgrader's tables and ``autograder_runs`` |
| ``grading``     | ``grade-submissions``: intake, collection, executor, gradebook |
| ``reports``     | ``report``: grades.csv, feedback pages, summary, plots |
| ``crypto``      | tarballs and Fernet keys of the gated artefacts |
| ``audit``       | the release audit: no solution body, hidden spec or key in the student tree |
| ``ci``          | pull-request helpers: the weeks touched, the workflow's per-week secrets |
| ``release``     | the student release, one key per week; unlocking |
| ``commands``    | the command line of all of the above |
"""
from __future__ import annotations

from .commands import register

__all__ = ["register"]
