"""Encoder, decoder, the encoder-decoder transformer, heads and a DataLoader training loop."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from tqdm import tqdm

from attention import make_causal_mask, make_padding_mask
from embeddings import InputEmbeddings, PositionalEncoding
from layers import DecoderLayer, EncoderLayer


def count_parameters(model: nn.Module) -> int:
    """Scalars in the model's parameters, buffers excluded."""
    total = 0
    for _, p in model.named_parameters():
        total += p.numel()
    return total


class TransformerEncoder(nn.Module):
    """Embed, add positions, dropout, then the encoder layers: (B, L) -> (B, L, d_model)."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        super().__init__()
        self.tok = InputEmbeddings(vocab_size, d_model)
        self.pos = PositionalEncoding(d_model, max_seq_len)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([EncoderLayer(d_model, num_heads, d_ff, dropout) for _ in range(num_layers)])

    def forward(self, ids: torch.Tensor, src_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = self.drop(self.pos(self.tok(ids)))
        for layer in self.layers:
            x = layer(x, src_mask)
        return x


class TransformerDecoder(nn.Module):
    """Embed, add positions, dropout, then the decoder layers attending to y."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        super().__init__()
        self.tok = InputEmbeddings(vocab_size, d_model)
        self.pos = PositionalEncoding(d_model, max_seq_len)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([DecoderLayer(d_model, num_heads, d_ff, dropout) for _ in range(num_layers)])

    def forward(self, ids: torch.Tensor, y: torch.Tensor, tgt_mask: torch.Tensor | None = None,
                cross_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = self.drop(self.pos(self.tok(ids)))
        for layer in self.layers:
            x = layer(x, y, tgt_mask, cross_mask)
        return x


class Transformer(nn.Module):
    """Encoder-decoder with a final Linear to vocabulary logits; causal in the target by default."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = TransformerEncoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.decoder = TransformerDecoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.generator = nn.Linear(d_model, vocab_size)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor, src_mask: torch.Tensor | None = None,
                tgt_mask: torch.Tensor | None = None) -> torch.Tensor:
        lt = tgt.shape[1]
        if tgt_mask is None:
            tgt_mask = make_causal_mask(lt, device=tgt.device)
        # a source key is real when some query row of the source mask allows it
        cross_mask = None if src_mask is None else src_mask.bool().any(dim=1, keepdim=True).expand(-1, lt, -1)
        memory = self.encoder(src, src_mask)
        return self.generator(self.decoder(tgt, memory, tgt_mask, cross_mask))


class ClassifierHead(nn.Module):
    """One Linear(d_model, num_classes) at every position; returns logits."""

    def __init__(self, d_model: int, num_classes: int) -> None:
        super().__init__()
        self.linear = nn.Linear(d_model, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


class RegressionHead(nn.Module):
    """One Linear(d_model, output_dim) at every position."""

    def __init__(self, d_model: int, output_dim: int = 1) -> None:
        super().__init__()
        self.linear = nn.Linear(d_model, output_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


class SequenceClassifier(nn.Module):
    """Encoder with a padding mask, average of the real positions, linear classifier."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, num_classes: int, dropout: float = 0.1, pad_id: int = 0) -> None:
        super().__init__()
        self.pad_id = pad_id
        self.encoder = TransformerEncoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.classifier = nn.Linear(d_model, num_classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        h = self.encoder(ids, make_padding_mask(ids, self.pad_id))
        pad = (ids == self.pad_id)[..., None]
        summed = h.masked_fill(pad, 0.0).sum(dim=1)
        count = (~pad).sum(dim=1).clamp_min(1)
        return self.classifier(summed / count)


def train_classifier(model: nn.Module, ids: torch.Tensor, labels: torch.Tensor, epochs: int = 3,
                     lr: float = 1e-3, batch_size: int = 64) -> list[float]:
    """Adam on cross-entropy over a shuffling DataLoader; each epoch's loss is the mean over its batches."""
    loader = DataLoader(TensorDataset(ids, labels), batch_size=batch_size, shuffle=True)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    losses: list[float] = []
    for _ in range(epochs):
        model.train()
        batch_losses = []
        for xb, yb in tqdm(loader, leave=False):
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            batch_losses.append(loss.item())
        losses.append(sum(batch_losses) / len(batch_losses))
    model.eval()
    return losses
