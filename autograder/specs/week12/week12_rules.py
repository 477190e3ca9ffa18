"""Shared by the week 12 specs: the README's rule "plain tensors and autograd only: no torch.nn layers or
torch.nn.functional helpers (write the one-hot encoding, the softmax and the loss yourself)", enforced
while the submission's functions run."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from autograder.boundary import by_hand, in_worker

# library callables a lazy solution would reach for
BY_HAND = ("torch.nn.functional.one_hot", "torch.nn.functional.softmax", "torch.nn.functional.log_softmax",
           "torch.nn.functional.cross_entropy", "torch.nn.functional.nll_loss", "torch.special.softmax",
           "torch.special.log_softmax", "torch.Tensor.softmax", "torch.Tensor.log_softmax",
           "torch.nn.Linear", "torch.nn.Embedding", "torch.nn.Softmax", "torch.nn.LogSoftmax",
           "torch.nn.CrossEntropyLoss", "torch.nn.NLLLoss")
# torch's own builtins (torch.softmax): the worker's by_hand cannot put these back (they also sit on an
# immutable class, torch._C._VariableFunctionsClass), so they are refused by a helper of their own
TORCH_BUILTINS = ("softmax", "log_softmax")


@in_worker
def refuse_torch_builtins(names, on):
    """Runs in the worker: puts back what an earlier call replaced, then, when `on`, makes torch.<name> raise
    wherever a module holds it (also `from torch import softmax` in the submission)."""
    import sys

    import torch
    patched = torch.__dict__.setdefault("_specs_refused_builtins", [])
    for holder, key, original in reversed(patched):
        holder[key] = original
    patched.clear()
    if not on:
        return 0

    class WrittenByHand(RuntimeError):
        """A library function the task asks to write by hand was called."""

    for name in names:
        original = getattr(torch, name)

        def refuse(*args, _name=name, **kwargs):
            raise WrittenByHand(f"torch.{_name} is not allowed in this task: write it by hand")

        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if not isinstance(namespace, dict):
                continue
            for key, value in list(namespace.items()):
                if value is original:
                    patched.append((namespace, key, original))
                    namespace[key] = refuse
    return len(patched)


@contextmanager
def written_by_hand() -> Iterator[None]:
    """While the block lasts, the README's forbidden helpers raise in the worker."""
    with by_hand(*BY_HAND):
        refuse_torch_builtins(TORCH_BUILTINS, True)
        try:
            yield
        finally:
            try:  # a worker that died in the block is replaced for the next spec anyway
                refuse_torch_builtins(TORCH_BUILTINS, False)
            except Exception:
                pass
