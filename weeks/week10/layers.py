"""Week 10, part 3: the feed-forward sublayer and the encoder and decoder layers (post-LayerNorm)."""
from __future__ import annotations

import torch
from torch import nn

from attention import MultiHeadAttention


class FeedForwardSubLayer(nn.Module):
    """Linear(d_model -> d_ff, bias) -> ReLU -> Linear(d_ff -> d_model, bias), applied at every position."""

    def __init__(self, d_model: int, d_ff: int) -> None:
        """Create the two linear layers."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, L, d_model) -> (B, L, d_model)."""
        raise NotImplementedError


class EncoderLayer(nn.Module):
    """Post-LN encoder layer, as in the paper.

    Sublayers (the specs use these names): ``self_attn`` (MultiHeadAttention), ``ff``
    (FeedForwardSubLayer), ``norm1``, ``norm2`` (``nn.LayerNorm(d_model)``), and one ``nn.Dropout(dropout)``.
    forward: h = norm1(x + dropout(self_attn(x, x, x, src_mask))); out = norm2(h + dropout(ff(h))).
    """

    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout: float = 0.1) -> None:
        """Create the sublayers named above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor, src_mask: torch.Tensor | None = None) -> torch.Tensor:
        """x: (B, L, d_model), src_mask: (B, L, L) or None -> (B, L, d_model)."""
        raise NotImplementedError


class DecoderLayer(nn.Module):
    """Post-LN decoder layer: masked self-attention, cross-attention over the encoder output y, feed-forward.

    Sublayers: ``self_attn``, ``cross_attn`` (MultiHeadAttention), ``ff``, ``norm1``, ``norm2``, ``norm3``,
    one ``nn.Dropout``.
    forward: h = norm1(x + drop(self_attn(x, x, x, tgt_mask)));
             h = norm2(h + drop(cross_attn(h, y, y, cross_mask)));  # queries from h, keys/values from y
             out = norm3(h + drop(ff(h))).
    """

    def __init__(self, d_model: int, num_heads: int, d_ff: int, dropout: float = 0.1) -> None:
        """Create the sublayers named above."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor, y: torch.Tensor, tgt_mask: torch.Tensor | None = None,
                cross_mask: torch.Tensor | None = None) -> torch.Tensor:
        """x: (B, Lt, d_model) target side, y: (B, Ls, d_model) encoder output.

        tgt_mask: (B, Lt, Lt) or (Lt, Lt), usually causal; cross_mask: (B, Lt, Ls) or None.
        Returns (B, Lt, d_model).
        """
        raise NotImplementedError
