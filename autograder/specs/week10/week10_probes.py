"""Shared by the week 10 specs: what a module holds and what its layers receive, read in the worker, and
oracles computed from it on the judge's side (any layout the README allows: fused projections or a list of heads)."""
from __future__ import annotations

import itertools
import math

import torch
import torch.nn.functional as F

from autograder.boundary import in_worker


@in_worker
def linear_layers(module):
    """Runs in the worker: (name, weight, bias or None) of every nn.Linear inside module, in registration order."""
    from torch import nn
    return [(name, mod.weight.detach().clone(), None if mod.bias is None else mod.bias.detach().clone())
            for name, mod in module.named_modules() if isinstance(mod, nn.Linear)]


@in_worker
def layer_inputs(model, class_names, args):
    """Runs in the worker (eval mode, no gradients): the first input each named layer class receives during
    model(*args), and the weight of every nn.Embedding in the model."""
    import torch
    from torch import nn
    seen, handles = {}, []

    def hook(mod, hook_args, hook_kwargs):
        name = mod.__class__.__name__
        if name not in seen:
            first = hook_args[0] if hook_args else next(iter(hook_kwargs.values()), None)
            seen[name] = first.detach().clone() if isinstance(first, torch.Tensor) else None

    for mod in model.modules():
        if mod.__class__.__name__ in class_names:
            handles.append(mod.register_forward_pre_hook(hook, with_kwargs=True))
    model.eval()
    try:
        with torch.no_grad():
            model(*args)
    finally:
        for h in handles:
            h.remove()
    tables = [mod.weight.detach().clone() for mod in model.modules() if isinstance(mod, nn.Embedding)]
    return seen, tables


def sinusoidal(length: int, d: int) -> torch.Tensor:
    """The paper's table, in float64: pe[pos, 2i] = sin(pos / 10000^(2i/d)), pe[pos, 2i+1] = cos(same angle)."""
    pos = torch.arange(length, dtype=torch.float64).unsqueeze(1)
    angle = pos / torch.pow(torch.tensor(10000.0, dtype=torch.float64), torch.arange(0, d, 2, dtype=torch.float64) / d)
    pe = torch.zeros(length, d, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle[:, : d // 2])
    return pe


def check_embedded_input(got, tables, ids, d: int, where: str) -> None:
    """`got` (what the first layer received) must be table[ids] * sqrt(d) + pe[:L] for one of the model's
    nn.Embedding tables; says which part is missing otherwise."""
    assert got is not None, f"{where} was never called with a tensor: build the stack from your layer classes"
    ids = torch.as_tensor(ids)
    got = got.double()
    pe = sinusoidal(ids.size(1), d)
    candidates = [t.double() for t in tables if t.dim() == 2 and t.size(1) == d and t.size(0) > int(ids.max())]
    assert candidates, f"no nn.Embedding(vocab_size, {d}) table found: embed the tokens with InputEmbeddings"
    assert tuple(got.shape) == (*ids.shape, d), (
        f"{where} should receive (B, L, d_model) = {(*ids.shape, d)}, got {tuple(got.shape)}")

    def close(a, b):
        return torch.allclose(a, b, rtol=1e-4, atol=1e-4)

    if any(close(got, t[ids] * math.sqrt(d) + pe) for t in candidates):
        return
    if any(close(got, t[ids] + pe) for t in candidates):
        raise AssertionError(f"{where} receives table[ids] + positions: scale the embeddings by sqrt(d_model) "
                             "(use InputEmbeddings)")
    if any(close(got, t[ids] * math.sqrt(d)) or close(got, t[ids]) for t in candidates):
        raise AssertionError(f"{where} receives embeddings without positions: add the sinusoidal "
                             "PositionalEncoding before the first layer, or the model cannot tell token order")
    raise AssertionError(f"{where} should receive InputEmbeddings(ids) + PositionalEncoding, i.e. "
                         "table[ids] * sqrt(d_model) + pe[:L] (dropout is off in eval mode)")


def mha_layouts(linears, d: int, h: int) -> list[tuple]:
    """Every reading of the module's linear layers as (Wq, Wk, Wv, Wo, bo), with head i on rows
    i*dk..(i+1)*dk-1 of the stacked projections. Layouts: q_proj/k_proj/v_proj + out_proj (the README's),
    a list of h heads with three bias-free Linear(d, dk) each + one Linear(d, d) (the sheet's), or one fused
    Linear(d, 3d). Where names do not say which projection is which, every assignment is tried."""
    dk = d // h
    by_name = {name: (w, b) for name, w, b in linears}
    outs = [(name, w, b) for name, w, b in linears if tuple(w.shape) == (d, d)]
    found = []
    if all(n in by_name for n in ("q_proj", "k_proj", "v_proj")):
        q, k, v = (by_name[n] for n in ("q_proj", "k_proj", "v_proj"))
        assert all(tuple(w.shape) == (d, d) and b is None for w, b in (q, k, v)), (
            "q_proj, k_proj and v_proj should be nn.Linear(d_model, d_model, bias=False)")
        out = [o for o in outs if o[0] not in ("q_proj", "k_proj", "v_proj")]
        found += [(q[0], k[0], v[0], w, b) for _, w, b in out]
        return found
    # a list of heads: names like "heads.3.query"
    groups: dict[tuple[str, str], list] = {}
    for name, w, b in linears:
        parts = name.split(".")
        if len(parts) >= 3 and parts[-2].isdigit() and tuple(w.shape) == (dk, d):
            groups.setdefault((".".join(parts[:-2]), parts[-2]), []).append((parts[-1], w, b))
    prefixes = {p for p, _ in groups}
    for prefix in prefixes:
        heads = [groups.get((prefix, str(i))) for i in range(h)]
        if any(g is None or len(g) != 3 for g in heads) or len([p for p, _ in groups if p == prefix]) != h:
            continue
        assert all(b is None for g in heads for _, _, b in g), (
            "each head's query, key and value projections should be nn.Linear(d_model, head_size, bias=False)")
        rest = [o for o in outs if not o[0].startswith(prefix + ".")]
        for roles in itertools.permutations(range(3)):
            stacked = [torch.cat([g[r][1] for g in heads], 0) for r in roles]
            found += [(*stacked, w, b) for _, w, b in rest]
    for name, w, b in linears:  # one fused Linear(d, 3d)
        if tuple(w.shape) == (3 * d, d) and b is None:
            chunks = w.split(d, 0)
            rest = [o for o in outs if o[0] != name]
            for roles in itertools.permutations(range(3)):
                found += [(*(chunks[r] for r in roles), wo, bo) for _, wo, bo in rest]
    return found


def mha_oracle(weights, h: int, query, key, value, mask=None):
    """Multi-head attention from (Wq, Wk, Wv, Wo, bo) and torch's fused attention, per head on its slice."""
    wq, wk, wv, wo, bo = weights
    B, Lq, d = query.shape
    Lk = key.size(1)
    dk = d // h

    def split(t, L):
        return t.view(B, L, h, dk).transpose(1, 2)

    attn_mask = None if mask is None else mask.bool().unsqueeze(1)
    out = F.scaled_dot_product_attention(split(query @ wq.T, Lq), split(key @ wk.T, Lk), split(value @ wv.T, Lk),
                                         attn_mask=attn_mask)
    out = out.transpose(1, 2).reshape(B, Lq, d) @ wo.T
    return out if bo is None else out + bo
