"""The instructor side: grade a folder of submissions into a gradebook, report, release, unlock, CI.

One idea per module (imports go down this list, never up):

| module | holds |
|---|---|
| ``policy``      | the course policy: due dates, extensions, late days and the late penalty (course.yml) |
| ``latedays``    | spending a student's late days over their weeks, in the order they fall due |
| ``intake``      | submissions intake: student ids, archives, regular-file copies, hand-in times |
| ``roster``      | the class roster (course id, name, email, SIS and LMS ids, section) |
| ``jobs``        | the typed ``Job`` and ``Graded``, and ``grade_student_week(job) -> Graded`` |
| ``collection``  | the grader's own collection of the specs; results checked against it |
| ``executors``   | where jobs run: local, dask, slurm, behind one seam |
| ``gradebook``   | nbgrader's tables and ``autograder_runs`` |
| ``regrade``     | ``regrade-diff``: what changed between the last two runs of a student-week |
| ``grading``     | ``grade-submissions``: intake, collection, executor, gradebook |
| ``reports``     | ``report``: grades.csv, feedback pages, summary, plots |
| ``lms``         | ``report --lms``: the gradebook CSVs Canvas and Moodle import |
| ``similarity``  | fingerprints of normalised syntax trees and the pairs that share them |
| ``similarity_report`` | ``similarity``: reading submissions, the HTML pages and CSV/JSON |
| ``crypto``      | tarballs and Fernet keys of the gated artefacts |
| ``audit``       | the release audit: no solution body, hidden spec or key in the student tree |
| ``ci``          | pull-request helpers: the weeks touched, the workflow's per-week secrets |
| ``release``     | the student release, one key per week; unlocking |
| ``commands``    | the command line of all of the above |
"""
from __future__ import annotations

from .commands import register

__all__ = ["register"]
