"""Shared by the week 04 water specs: a training run that acts on the worker's own model."""
from autograder.boundary import in_worker


@in_worker
def train_in_worker(train_fn, model, loader, opt_name, opt_kwargs, epochs):
    """Runs in the worker: an optimizer over the model's own parameters, then train_fn(loader, optimizer, model,
    epochs). Returns what train_fn returned and the parameters after training."""
    import torch

    optimizer = getattr(torch.optim, opt_name)(model.parameters(), **opt_kwargs)
    history = train_fn(loader, optimizer, model, epochs)
    return history, [p.detach().clone() for p in model.parameters()]
