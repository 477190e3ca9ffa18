"""The trust boundary: submission code runs in a sandboxed worker; the judge sees only data and handles.

- ``wire``: the strict codec for what crosses;
- ``worker``: the loop that runs inside the sandbox (and ``wire``, nothing else of the grader);
- ``sandbox``: how a worker is started (bubblewrap, or plainly where namespaces are off);
- ``process``: one worker seen from the judge (deadlines, memory, kills, callbacks);
- ``proxy``: the judge's stand-ins for the worker's objects;
- ``session``: a week of a submission (its private copy, the current worker, broken modules);
- ``helpers``: ``@in_worker`` for spec code that must act where the objects live, and ``by_hand``.
"""
from .helpers import by_hand, in_worker

__all__ = ["by_hand", "in_worker"]
