"""Every default of the grader, in one place: limits, devices, parallelism and intake caps.

The command line (``cli.py``, ``instructor/commands.py``), the instructor's jobs and the Makefile read
them from here. The judge's own modules keep literal copies (``runner.Limits`` and
``plugin.DEFAULT_TIMEOUT``, which the sandboxed side must not import more than it needs);
``tests/test_instructor_structure.py`` checks that the copies agree with this file.
"""
from __future__ import annotations

# limits of one student-week
SPEC_TIMEOUT = 60.0  # seconds per spec without its own @pytest.mark.timeout
WEEK_WALL = 900.0  # seconds for a whole week
MEMORY_MB = 6144  # resident memory of the worker that runs the submission
OUTPUT_MB = 64  # what a worker may print or write to one file

# devices
DEVICES = ("auto", "cpu", "cuda")
GRADE_DEVICE = "auto"  # `grade`: a student's own machine uses its GPU when it has one
SUBMISSIONS_DEVICE = "cpu"  # `grade-submissions`: grades that count run the same way for everyone

# grading many submissions
WORKERS = 2  # student-weeks graded at once by the local executor
EXECUTORS = ("local", "dask", "slurm")
EXECUTOR = "local"

# intake of submissions
STUDENT_ID_MAX = 64  # characters of a student id
SUBMISSION_MAX_BYTES = 512 * 2**20  # a submission's week folders (or an archive, unpacked)
SUBMISSION_MAX_FILES = 20_000
