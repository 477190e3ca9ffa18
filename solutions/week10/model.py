"""Whole models: encoder, decoder, the encoder-decoder transformer, heads, and a small training loop."""
from __future__ import annotations

import torch
from torch import nn
from tqdm import tqdm

from attention import make_causal_mask, make_padding_mask
from embeddings import InputEmbeddings, PositionalEncoding
from layers import DecoderLayer, EncoderLayer


def count_parameters(model: nn.Module) -> int:
    """Number of scalars in the model's parameters (buffers such as the positional table do not count)."""
    return sum(p.numel() for p in model.parameters())


class TransformerEncoder(nn.Module):
    """Embeddings + positions, then num_layers encoder layers: (B, L) ids -> (B, L, d_model)."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        super().__init__()
        self.embedding = InputEmbeddings(vocab_size, d_model)
        self.positions = PositionalEncoding(d_model, max_seq_len)
        self.layers = nn.ModuleList(EncoderLayer(d_model, num_heads, d_ff, dropout) for _ in range(num_layers))
        self.dropout = nn.Dropout(dropout)

    def forward(self, ids: torch.Tensor, src_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = self.dropout(self.positions(self.embedding(ids)))
        for layer in self.layers:
            x = layer(x, src_mask)
        return x


class TransformerDecoder(nn.Module):
    """Embeddings + positions, then num_layers decoder layers attending to the encoder output y."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 dropout: float, max_seq_len: int) -> None:
        super().__init__()
        self.embedding = InputEmbeddings(vocab_size, d_model)
        self.positions = PositionalEncoding(d_model, max_seq_len)
        self.layers = nn.ModuleList(DecoderLayer(d_model, num_heads, d_ff, dropout) for _ in range(num_layers))
        self.dropout = nn.Dropout(dropout)

    def forward(self, ids: torch.Tensor, y: torch.Tensor, tgt_mask: torch.Tensor | None = None,
                cross_mask: torch.Tensor | None = None) -> torch.Tensor:
        x = self.dropout(self.positions(self.embedding(ids)))
        for layer in self.layers:
            x = layer(x, y, tgt_mask, cross_mask)
        return x


class Transformer(nn.Module):
    """Encoder-decoder: source ids and target ids in, next-token logits over the vocabulary out."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = TransformerEncoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.decoder = TransformerDecoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.lm_head = nn.Linear(d_model, vocab_size)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor, src_mask: torch.Tensor | None = None,
                tgt_mask: torch.Tensor | None = None) -> torch.Tensor:
        if tgt_mask is None:  # the decoder never sees the future
            tgt_mask = make_causal_mask(tgt.size(1), device=tgt.device)
        memory = self.encoder(src, src_mask)
        cross_mask = None
        if src_mask is not None:  # a target position may attend to the real source tokens only
            cross_mask = src_mask[:, :1, :].expand(-1, tgt.size(1), -1)
        return self.lm_head(self.decoder(tgt, memory, tgt_mask, cross_mask))


class ClassifierHead(nn.Module):
    """Per-position class scores: (B, L, d_model) -> (B, L, num_classes) logits."""

    def __init__(self, d_model: int, num_classes: int) -> None:
        super().__init__()
        self.fc = nn.Linear(d_model, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x)


class RegressionHead(nn.Module):
    """Per-position regression: (B, L, d_model) -> (B, L, output_dim)."""

    def __init__(self, d_model: int, output_dim: int = 1) -> None:
        super().__init__()
        self.fc = nn.Linear(d_model, output_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x)


class SequenceClassifier(nn.Module):
    """Encoder, mean over the real (non-pad) positions, then a linear layer: (B, L) ids -> (B, num_classes)."""

    def __init__(self, vocab_size: int, d_model: int, num_heads: int, num_layers: int, d_ff: int,
                 max_seq_len: int, num_classes: int, dropout: float = 0.1, pad_id: int = 0) -> None:
        super().__init__()
        self.pad_id = pad_id
        self.encoder = TransformerEncoder(vocab_size, d_model, num_heads, num_layers, d_ff, dropout, max_seq_len)
        self.head = ClassifierHead(d_model, num_classes)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        h = self.encoder(ids, make_padding_mask(ids, self.pad_id))
        keep = (ids != self.pad_id).unsqueeze(-1).float()  # (B, L, 1)
        pooled = (h * keep).sum(1) / keep.sum(1).clamp(min=1.0)
        return self.head(pooled)


def train_classifier(model: nn.Module, ids: torch.Tensor, labels: torch.Tensor, epochs: int = 3,
                     lr: float = 1e-3, batch_size: int = 64) -> list[float]:
    """Adam on cross-entropy over shuffled minibatches; returns the mean loss of each epoch."""
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    history = []
    model.train()
    for _ in tqdm(range(epochs), desc="epochs"):
        order, total = torch.randperm(len(ids)), 0.0
        for start in range(0, len(ids), batch_size):
            batch = order[start:start + batch_size]
            loss = loss_fn(model(ids[batch]), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        history.append(total / len(ids))
    model.eval()
    return history
