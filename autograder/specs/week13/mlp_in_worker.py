"""Shared by the week 13 model specs: what must be read where the submission's tensors live (its parameters
are updated in place, and is_leaf survives no crossing). They act and return data; the specs judge."""
from autograder.boundary import in_worker


@in_worker
def init_in_worker(init_mlp, *args, **kwargs):
    """Runs in the worker: init_mlp(*args, **kwargs), and (requires_grad, is_leaf) of each tensor it made there
    (a tensor that crosses arrives as a fresh leaf, so is_leaf can only be read in the worker)."""
    params = init_mlp(*args, **kwargs)
    flags = [(bool(getattr(p, "requires_grad", False)), bool(getattr(p, "is_leaf", False))) for p in params]
    return params, flags


@in_worker
def train_in_place(train_mlp, params, *args, **kwargs):
    """Runs in the worker: train_mlp(params, *args, **kwargs) on the worker's own copy of params, which it
    updates in place. Returns what train_mlp returned and params afterwards."""
    losses = train_mlp(params, *args, **kwargs)
    return losses, params
