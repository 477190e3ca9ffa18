"""Week 10, part 4: the encoder, the decoder, the encoder-decoder transformer, heads and training."""
from __future__ import annotations

import torch
from torch import nn
from tqdm import tqdm

from attention import make_causal_mask, make_padding_mask
from embeddings import InputEmbeddings, PositionalEncoding
from layers import DecoderLayer, EncoderLayer


def count_parameters(model: nn.Module) -> int:
    """Number of scalars in ``model.parameters()`` (buffers do not count)."""
    raise NotImplementedError


class TransformerEncoder(nn.Module):
    """InputEmbeddings -> PositionalEncoding -> dropout -> num_layers EncoderLayers.

    forward(ids (B, L), src_mask (B, L, L) or None) -> (B, L, d_model).
    """

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        """Create the embeddings and the stack of encoder layers (an nn.ModuleList)."""
        super().__init__()
        raise NotImplementedError

    def forward(self, ids: torch.Tensor, src_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Embed, add positions, then run every layer with the same mask."""
        raise NotImplementedError


class TransformerDecoder(nn.Module):
    """InputEmbeddings -> PositionalEncoding -> dropout -> num_layers DecoderLayers attending to y.

    forward(ids (B, Lt), y (B, Ls, d_model), tgt_mask, cross_mask) -> (B, Lt, d_model).
    """

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        """Create the embeddings and the stack of decoder layers."""
        super().__init__()
        raise NotImplementedError

    def forward(self, ids: torch.Tensor, y: torch.Tensor, tgt_mask: torch.Tensor | None = None,
                cross_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Embed, add positions, then run every layer."""
        raise NotImplementedError


class Transformer(nn.Module):
    """Encoder-decoder with a final Linear(d_model -> vocab_size).

    forward(src (B, Ls), tgt (B, Lt), src_mask (B, Ls, Ls) or None, tgt_mask or None) -> logits (B, Lt, vocab_size).
    - When tgt_mask is None, use a causal mask: the logits at target position t never depend on target
      tokens after t.
    - When src_mask is given, target positions must not attend to padded source positions either
      (derive the cross-attention mask from src_mask).
    """

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, dropout: float = 0.1) -> None:
        """Create the encoder, the decoder and the output projection."""
        super().__init__()
        raise NotImplementedError

    def forward(self, src: torch.Tensor, tgt: torch.Tensor, src_mask: torch.Tensor | None = None,
                tgt_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Encode src once, decode tgt against it, project to vocabulary logits."""
        raise NotImplementedError


class ClassifierHead(nn.Module):
    """Per-position class logits: (B, L, d_model) -> (B, L, num_classes)."""

    def __init__(self, d_model: int, num_classes: int) -> None:
        """One linear layer."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits (no softmax: pair them with nn.CrossEntropyLoss)."""
        raise NotImplementedError


class RegressionHead(nn.Module):
    """Per-position regression: (B, L, d_model) -> (B, L, output_dim)."""

    def __init__(self, d_model: int, output_dim: int = 1) -> None:
        """One linear layer."""
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Predicted values."""
        raise NotImplementedError


class SequenceClassifier(nn.Module):
    """A TransformerEncoder, the mean of its outputs over the real (non-pad) positions, then class logits.

    forward(ids (B, L)) -> (B, num_classes). The padding mask is built from ids and pad_id; padding
    must change nothing: appending more pad tokens leaves the logits as they were.
    """

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, num_classes: int, dropout: float = 0.1, pad_id: int = 0) -> None:
        """Create the encoder and the classification layer."""
        super().__init__()
        raise NotImplementedError

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Encode with the padding mask, average the real positions, classify."""
        raise NotImplementedError


def train_classifier(model: nn.Module, ids: torch.Tensor, labels: torch.Tensor, epochs: int = 3,
                     lr: float = 1e-3, batch_size: int = 64) -> list[float]:
    """Train ``model`` with Adam(lr) on cross-entropy over shuffled minibatches of ``batch_size``.

    ids: (N, L) int64, labels: (N,) int64. Puts the model in training mode first (dropout on), shows a tqdm
    progress bar, returns the mean training loss of each epoch (a list of ``epochs`` floats) and leaves the
    model in eval mode.
    """
    raise NotImplementedError
