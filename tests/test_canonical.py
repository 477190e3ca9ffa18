"""The course's original data files, where ../shared/canonical holds them (never in this repository).

Three things are checked:
- the table of originals (autograder/originals) names exactly the files there, with their checksums;
- the reference solutions reproduce the numbers that the task sheets print for those files (weeks 03-04 on
  the water CSVs, 09 on the electricity series, 11-13 on makemore's names, 14 on tiny shakespeare), each
  number compared with what the sheet prints (/work/shared/course/tasksheets.md);
- `data fetch --from ../shared/canonical` and `data restore` on a copy of DATA/ (a round trip that gives
  back every byte), and the specs that read the fetched files, graded on the solutions with `--data`
  pointing at that copy: full marks, except the specs listed in KNOWN_FAILURES, which still assume the
  substitutes' sizes and must keep failing there until they are fixed (then delete them from the list).

Every test is skipped when the folder is absent (a clone elsewhere, CI). Nothing is downloaded.
"""
from __future__ import annotations

import ast
import importlib
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, grade

from autograder import data, originals, paths

CANONICAL = ROOT.parent / "shared" / "canonical"
pytestmark = pytest.mark.skipif(not CANONICAL.is_dir(), reason=f"the course's original files are not here "
                                f"({CANONICAL} is absent); they are never part of the repository")

TABLE = originals.datasets()


# --------------------------------------------------------------------------- helpers

def solution(week: str, module: str):
    """Import solutions/<week>/<module>.py as the solutions' own code does (sibling imports by bare name)."""
    folder = paths.SOLUTIONS / week
    siblings = [p.stem for p in folder.glob("*.py")]
    for name in siblings:  # another week may have loaded a module of the same name
        sys.modules.pop(name, None)
    sys.path.insert(0, str(folder))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(folder))
        for name in siblings:
            sys.modules.pop(name, None)


@pytest.fixture
def one_thread():
    """The sheets' float32 sums reproduce bit for bit on one thread (and the machine is shared)."""
    import torch
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield torch
    torch.set_num_threads(before)


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder`, hidden ones included."""
    return {p.relative_to(folder).as_posix(): data.sha256(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def copy_of_data(dest: Path) -> Path:
    if data.read_state(paths.DATA):
        pytest.skip("DATA/ holds the course's originals (`python -m autograder data restore` first)")
    shutil.copytree(paths.DATA, dest)
    return dest


# --------------------------------------------------------------------------- the table of originals

def test_table_names_the_canonical_files_with_their_checksums():
    for ds in TABLE.values():
        for o in ds.files:
            path = CANONICAL / o.path
            assert path.is_file(), f"{ds.name}: {o.path} is not in {CANONICAL}"
            assert data.sha256(path) == o.sha256, f"{ds.name}: {o.path} has another sha256 than the table's"
            assert o.url.startswith("https://"), o.url
    # the checksums the folder's README publishes are the table's
    published = dict(reversed(m.groups()) for m in
                     re.finditer(r"^([0-9a-f]{64})  (\S+)$", (CANONICAL / "README.md").read_text(), re.M))
    ours = {o.path: o.sha256 for ds in TABLE.values() for o in ds.files}
    assert published and all(ours.get(path) == digest for path, digest in published.items()), published
    # the cloud photographs: the manifest lists exactly the files there
    clouds = {p.relative_to(CANONICAL).as_posix() for p in (CANONICAL / "clouds").rglob("*") if p.is_file()}
    assert clouds == {o.path for o in TABLE["clouds"].files} and len(clouds) == 960


# --------------------------------------------------------------------------- (a) the sheets' numbers

def test_week03_water_class_counts():
    """W03 T10: train 903 / 605; the test file split into validation 148 / 103 and test 149 / 103."""
    water = solution("week03", "water")
    def counts(csv: str) -> tuple[int, int]:
        ds = water.WaterDataset(CANONICAL / csv)
        ones = sum(int(ds[i][1]) for i in range(len(ds)))
        return len(ds) - ones, ones

    assert counts("water_train.csv") == (903, 605)
    # the sheet's split of the test file is seeded by a generator it does not show; its halves add up
    assert counts("water_test.csv") == (148 + 149, 103 + 103)


def test_week04_water_dataset_fifth_item():
    """W04 T01: `Number of instances: 1508` and the fifth item (0.61088305, 0.52523539, ... 0.75585562), 0.0."""
    import numpy as np
    water = solution("week04", "water")
    ds = water.WaterDataset(CANONICAL / "water_train.csv")
    assert len(ds) == 1508
    features, label = ds[4]
    printed_head = [0.61088305, 0.52523539, 0.46561915, 0.47513312, 0.63433849]  # the sheet elides the rest
    assert np.allclose(features.numpy()[:5], printed_head, rtol=0, atol=1e-7)
    assert abs(float(features[-1]) - 0.75585562) < 1e-7 and float(label) == 0.0


def test_week09_windows_of_the_electricity_series():
    """W09 T01 with L = 96: `X_train.shape=(105119, 96)`, `y_train.shape=(105119,)`, TensorDataset 105,119."""
    import pandas as pd
    import torch
    seq = solution("week09", "sequences")
    df = pd.read_csv(CANONICAL / "electricity_consumption" / "electricity_train.csv")
    minutes = int(pd.to_datetime(df["timestamp"]).diff().dropna().dt.total_seconds().mode()[0] // 60)
    L = seq.seq_len_for_hours(24, minutes_per_sample=minutes)
    assert (minutes, L) == (15, 96), "the course's series holds 15-minute readings: 24 h are 96 steps"
    X, y = seq.create_sequences(df, L)
    assert X.shape == (105119, 96) and y.shape == (105119,)
    assert len(torch.utils.data.TensorDataset(torch.from_numpy(X), torch.from_numpy(y))) == 105_119
    assert y[0] == df["consumption"].iloc[96]


def test_week11_counts_and_loss_on_makemore_names():
    """W11 T01, T02, T03, T04, T09-T11."""
    bc, bm = solution("week11", "bigram_counts"), solution("week11", "bigram_model")
    words = bc.load_words(CANONICAL / "names.txt")
    assert words[:10] == ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia', 'harper',
                          'evelyn']
    assert bc.word_stats(words) == (32033, 2, 15)
    assert bc.bigrams(words[0], special=False) == [("e", "m"), ("m", "m"), ("m", "a")]
    first3 = [b for w in words[:3] for b in bc.bigrams(w)]
    # the sheet counts 17 lines for these; the three words have 5 + 7 + 4 = 16 bigrams
    assert first3[0] == ("<S>", "e") and first3[-1] == ("a", "<E>") and len(first3) == 16
    assert bc.top_bigrams(bc.count_bigrams(words), 15) == [
        (('n', '<E>'), 6763), (('a', '<E>'), 6640), (('a', 'n'), 5438), (('<S>', 'a'), 4410), (('e', '<E>'), 3983),
        (('a', 'r'), 3264), (('e', 'l'), 3248), (('r', 'i'), 3033), (('n', 'a'), 2977), (('<S>', 'k'), 2963),
        (('l', 'e'), 2921), (('e', 'n'), 2675), (('l', 'a'), 2623), (('m', 'a'), 2590), (('<S>', 'm'), 2538)]
    stoi, _ = bc.build_vocab(words)
    N = bc.count_matrix(words, stoi)
    assert int(N.sum()) == 228146
    # `Loss: 2.4540144946949742`: the sheet sums float32 logs; the solution's float64 sum is 2.45401448840
    assert bm.nll(words, bm.probabilities(N), stoi) == pytest.approx(2.4540144946949742, abs=1e-7)
    assert math.isinf(bm.nll(["simqeon"], bm.probabilities(N), stoi))
    # T11 with add-one smoothing: the sheet says "close to" 3.6458098739385605; +1 gives 3.6596
    assert bm.nll(["simqeon"], bm.probabilities(N, 1), stoi) == pytest.approx(3.6458098739385605, abs=0.02)


def test_week12_neural_bigram_on_makemore_names(one_thread):
    """W12 T01, T04, T06 (228146 examples, epochs 1 and 100) and T07 (with 0.01 * mean(W**2))."""
    torch = one_thread
    bc, nb = solution("week11", "bigram_counts"), solution("week12", "neural_bigram")
    words = bc.load_words(CANONICAL / "names.txt")
    stoi, _ = bc.build_vocab(words)
    xs, ys = nb.make_bigram_dataset(words, stoi)
    assert xs[:5].tolist() == [0, 5, 13, 13, 1] and ys[:5].tolist() == [5, 13, 13, 1, 0]
    assert len(xs) == 228146
    W = nb.init_weights(torch.Generator().manual_seed(2147483647))
    probs = nb.forward_probs(nb.one_hot(xs[:5]), W)
    assert probs.shape == (5, 27) and float(probs[0].sum().detach()) == pytest.approx(1.0, abs=1e-6)
    for reg, first, last in ((0.0, 3.758953809738159, 2.4666624069213867),
                             (0.01, 3.7686190605163574, 2.485621929168701)):
        _, losses = nb.train_bigram_nn(xs, ys, epochs=100, lr=70.0, reg=reg,
                                       generator=torch.Generator().manual_seed(2147483647))
        # epoch 1 is bit-exact; epoch 100 within 5e-7 (float32 summation order)
        assert losses[0] == pytest.approx(first, abs=1e-6) and losses[-1] == pytest.approx(last, abs=1e-6), \
            (reg, losses[0], losses[-1])


def test_week13_mlp_on_makemore_names(one_thread):
    """W13 T01, T02, T06-T08, T12, T13, T15, T18, T19 and T21."""
    torch = one_thread
    md, mm = solution("week13", "mlp_data"), solution("week13", "mlp_model")
    words = [w for w in (CANONICAL / "names.txt").read_text(encoding="utf-8").split("\n") if w]
    assert words[:8] == ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia']
    assert len(words) == 32033
    stoi, itos = md.build_vocab(words)
    assert itos == {0: ".", **{i: chr(ord("a") + i - 1) for i in range(1, 27)}}
    # T02: block size 3 over the first five words
    X, Y = md.build_dataset(words[:5], 3, stoi)
    assert (X.shape, X.dtype, Y.shape, Y.dtype) == ((32, 3), torch.int64, (32,), torch.int64)
    assert X[:5].tolist() == [[0, 0, 0], [0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1]]
    # T06 / T07: 3,481 parameters, NLL 17.769712448120117, ten full-batch steps at lr 0.1
    params = mm.init_mlp(torch.Generator().manual_seed(2147483647), emb_dim=2, hidden=100)
    assert mm.num_params(params) == 3481
    losses = mm.train_mlp(params, X, Y, 10, lambda i: 0.1, batch_size=None)
    assert losses[0] == pytest.approx(17.769712448120117, abs=5e-6)
    assert losses[1] == pytest.approx(13.656402587890625, abs=5e-6)
    assert losses[-1] == pytest.approx(4.414663791656494, abs=5e-6)
    # T08: the whole file, and the same model's full-batch losses 19.505229949951172 ... 11.05185604095459
    X, Y = md.build_dataset(words, 3, stoi)
    assert (X.shape, X.dtype, Y.shape) == ((228146, 3), torch.int64, (228146,))
    params = mm.init_mlp(torch.Generator().manual_seed(2147483647), emb_dim=2, hidden=100)
    losses = mm.train_mlp(params, X, Y, 10, lambda i: 0.1, batch_size=None)
    assert losses[0] == pytest.approx(19.505229949951172, abs=1e-6)
    assert losses[-1] == pytest.approx(11.05185604095459, abs=1e-6)
    # T12: 80/90 % tensor_split of the examples
    parts = torch.tensor_split(X, [int(0.8 * len(X)), int(0.9 * len(X))])
    assert [len(p) for p in parts] == [182516, 22815, 22815]
    # T13, T15: parameter counts
    g = torch.Generator().manual_seed(0)
    assert mm.num_params(mm.init_mlp(g, emb_dim=2, hidden=300)) == 10281
    assert mm.num_params(mm.init_mlp(g, emb_dim=10, hidden=200)) == 11897
    # T18: the split by words, seed 42
    train, dev, test = md.split_words(words, 42)
    Xtr, Ytr = md.build_dataset(train, 3, stoi)
    assert [len(md.build_dataset(s, 3, stoi)[0]) for s in (train, dev, test)] == [182625, 22655, 22866]
    # T18, T19, T21: the first minibatch loss (4 decimals on the sheet) with each initialisation
    for init, printed in (("default", 27.8817), ("output", 3.3221), ("both", 3.3135)):
        g = torch.Generator().manual_seed(2147483647)
        params = mm.init_mlp(g, emb_dim=10, hidden=200, init=init)
        if init == "default":  # T19: the first logit of the first row of that batch is -2.3527
            state = g.get_state()
            ix = torch.randint(0, len(Xtr), (32,), generator=g)
            assert float(mm.mlp_forward(params, Xtr[ix])[0, 0].detach()) == pytest.approx(-2.3527, abs=5e-5)
            g.set_state(state)
        loss = mm.train_mlp(params, Xtr, Ytr, 1, lambda i: 0.1, batch_size=32, generator=g)[0]
        assert round(loss, 4) == printed, (init, loss)


def test_week14_tiny_shakespeare(one_thread):
    """W14 T01-T08: sizes, vocabulary, the "hi therre" ids, the split, the seed-42 batch, the bigram's loss."""
    torch = one_thread
    cd, bg = solution("week14", "char_data"), solution("week14", "bigram")
    text = cd.load_text(CANONICAL / "shakespeare.txt")
    assert len(text) == 1_115_394
    tok = cd.CharTokenizer(text)
    letters = "".join(map(chr, range(65, 91)))
    assert "".join(tok.chars) == "\n !$&',-.3:;?" + letters + letters.lower() and tok.vocab_size == 65
    assert tok.encode("hi therre") == [46, 47, 1, 58, 46, 43, 56, 56, 43]
    assert tok.decode(tok.encode("hi therre")) == "hi therre"
    ids = cd.encode_text(text, tok)
    assert ids.shape == (1115394,) and ids.dtype == torch.int64
    assert ids[:11].tolist() == [18, 47, 56, 57, 58, 1, 15, 47, 58, 47, 64]
    train, val = cd.train_val_split(ids, 0.9)
    assert (len(train), len(val)) == (1003854, 111540)  # left blank on the sheet; 90 % of the ids
    pairs = cd.context_target_pairs(train[:9])
    assert (pairs[0][0].tolist(), pairs[0][1]) == ([18], 47)
    assert (pairs[-1][0].tolist(), pairs[-1][1]) == ([18, 47, 56, 57, 58, 1, 15, 47], 58)
    torch.manual_seed(42)
    xb, yb = cd.get_batch(train, 8, 4)
    assert [row[:3] for row in xb.tolist()] == [[57, 1, 46], [1, 58, 46], [17, 26, 15], [57, 58, 6]]
    assert torch.equal(xb[:, 1:], yb[:, :-1])
    model = bg.BigramLanguageModel(tok.vocab_size)  # built right after the batch, as on the sheet
    logits, loss = model(xb, yb)
    assert logits.shape == (32, 65)
    assert float(loss.detach()) == pytest.approx(4.724130153656006, abs=1e-6)


# --------------------------------------------------------------------------- (b) data fetch / data restore

def test_fetch_and_restore_round_trip(tmp_path, capsys):
    """Every original in place, checked; the shipped files aside; verify says so; restore gives every byte back."""
    D = copy_of_data(tmp_path / "DATA")
    before = snapshot(D)
    assert data.fetch(None, source=CANONICAL, data_dir=D) == 0, capsys.readouterr().err
    for ds in TABLE.values():
        for o in ds.files if ds.name != "omniglot" else ():
            assert data.sha256(D / o.path) == o.sha256, f"{o.path} is not the original"
        for rel in ds.replaces:  # the shipped files wait aside, unchanged
            kept = {k: v for k, v in before.items() if k == rel or k.startswith(rel + "/")}
            assert kept and all(data.sha256(D / ".substitutes" / k) == v for k, v in kept.items()), rel
    train = list((D / "omniglot_train").rglob("*.png"))
    test = list((D / "omniglot_test").rglob("*.png"))
    assert (len(train), len(test)) == (3630, 1210)
    assert len({p.parent for p in train}) == len({p.parent for p in test}) == 242
    assert {p.parts[-3] for p in train} == {"Balinese", "Early_Aramaic", "Greek", "Japanese_(katakana)", "Korean",
                                           "Latin", "Sanskrit", "Tagalog"}
    assert all(int(p.stem.rsplit("_", 1)[1]) <= 15 for p in train)
    assert sorted(p.name for p in (D / "clouds" / "clouds_train").iterdir()) == \
        sorted(p.name for p in (CANONICAL / "clouds" / "clouds_train").iterdir())
    capsys.readouterr()

    assert data.verify(D) == 0
    out = capsys.readouterr().out
    assert "originals are in place for clouds, electricity, names, omniglot, shakespeare, water" in out, out
    assert data.fetch(["names"], source=CANONICAL, data_dir=D) == 0
    assert "already in place" in capsys.readouterr().out
    assert data.build(["names"], data_dir=D) == 2  # would overwrite an original
    assert "data restore" in capsys.readouterr().err

    assert data.restore(None, data_dir=D) == 0
    n = len(data.read_sums(D))
    assert f"{n} of {n} files verified" in capsys.readouterr().out
    assert not (D / ".substitutes").exists()
    after = snapshot(D)
    assert after.keys() == before.keys() and after == before, "restore must give back the shipped files byte for byte"


def test_restore_one_dataset_at_a_time(tmp_path, capsys):
    D = copy_of_data(tmp_path / "DATA")
    before = snapshot(D)
    assert data.fetch(["names", "water"], source=CANONICAL, data_dir=D) == 0
    assert data.restore(["water"], data_dir=D) == 0
    assert data.sha256(D / "water_train.csv") == before["water_train.csv"]
    assert data.sha256(D / "names.txt") == TABLE["names"].files[0].sha256
    assert list(data.read_state(D)) == ["names"]
    assert "originals are in place for names (" in capsys.readouterr().out
    assert data.restore(["water"], data_dir=D) == 0 and "already holds the shipped files" in capsys.readouterr().out
    assert data.restore(None, data_dir=D) == 0
    assert snapshot(D) == before


def test_fetch_changes_nothing_unless_every_file_is_the_original(tmp_path, capsys):
    D = copy_of_data(tmp_path / "DATA")
    before = snapshot(D)
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / "names.txt").write_text("emma\nolivia\n", encoding="utf-8")
    shutil.copy(CANONICAL / "water_train.csv", wrong / "water_train.csv")  # water_test.csv is missing
    assert data.fetch(["names"], source=wrong, data_dir=D) == 1
    assert "not the original's 0a30b555" in capsys.readouterr().err
    assert data.fetch(["water"], source=wrong, data_dir=D) == 1
    assert "water_test.csv is missing" in capsys.readouterr().err
    assert data.fetch(["nosuch"], source=CANONICAL, data_dir=D) == 2
    assert snapshot(D) == before, "a failed fetch must leave DATA/ as it was"


def test_fetch_without_network_fails_clearly(tmp_path, monkeypatch, capsys):
    """Without --from the originals are downloaded; offline that stops with a message that names --from."""
    import urllib.error
    import urllib.request

    asked = []

    def offline(url, *args, **kwargs):
        asked.append(url)
        raise urllib.error.URLError("network is unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", offline)  # no test ever downloads
    D = copy_of_data(tmp_path / "DATA")
    before = snapshot(D)
    assert data.fetch(["water"], data_dir=D) == 1
    err = capsys.readouterr().err
    assert asked == [TABLE["water"].files[0].url]
    assert "cannot download https://raw.githubusercontent.com/SimeonHristov99/ML_24-25/" in err and "--from" in err, err
    assert snapshot(D) == before


def test_verify_names_an_original_copied_over_a_shipped_file(tmp_path, capsys):
    D = copy_of_data(tmp_path / "DATA")
    shutil.copy(CANONICAL / "names.txt", D / "names.txt")
    assert data.verify(D) == 1
    assert "course's original of names" in capsys.readouterr().err
    assert data.fetch(["names"], source=CANONICAL, data_dir=D) == 1  # it would keep the original as "shipped"
    assert "not the shipped file" in capsys.readouterr().err


def test_data_cli_refuses_bad_usage_without_touching_data():
    before = snapshot(paths.DATA) if not data.read_state(paths.DATA) else None
    for args, message in ((["fetch", "nosuch"], "no original is known for nosuch"),
                          (["fetch", "names", "--from", str(ROOT / "no-such-folder")], "not a folder"),
                          (["restore", "nosuch"], "no original is known for nosuch")):
        proc = subprocess.run([sys.executable, "-m", "autograder", "data", *args], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert proc.returncode == 2 and message in proc.stderr, (args, proc.stderr)
    if before is not None:
        assert snapshot(paths.DATA) == before


# --------------------------------------------------------------------------- (b) the specs on the originals

# Specs that read a fetched file but fail on the originals: they must keep failing here until fixed.
KNOWN_FAILURES: dict[str, dict[str, str]] = {}
# Specs that read DATA/ but are not graded here.
NOT_RUN = {
    "week09": {"test_finetuned_minilm_beats_chance": "reads product_reviews_*.csv, which has no original"},
}
AFFECTED_WEEKS = sorted({w for ds in TABLE.values() for w in ds.weeks})


def data_specs(week: str) -> dict[str, str]:
    """The week's specs that take the data_dir fixture: function name -> the title grading reports."""
    out = {}
    for f in sorted((paths.SPECS / week).glob("test_*.py")):
        task = f.stem[len("test_"):].removesuffix("_hidden")
        for node in ast.parse(f.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") \
                    and "data_dir" in [a.arg for a in node.args.args]:
                doc = (ast.get_docstring(node) or node.name.replace("_", " ")).strip().splitlines()[0].strip()
                out[node.name] = f"{week} · {task} · {doc}"
    return out


@pytest.fixture(scope="module")
def originals_data(tmp_path_factory):
    """A copy of DATA/ with every original fetched from ../shared/canonical; restored afterwards."""
    D = copy_of_data(tmp_path_factory.mktemp("canonical") / "DATA")
    assert data.fetch(None, source=CANONICAL, data_dir=D) == 0
    yield D
    assert data.restore(None, data_dir=D) == 0


@pytest.mark.slow
@pytest.mark.parametrize("week", AFFECTED_WEEKS)
def test_specs_pass_on_the_originals(week, originals_data, tmp_path):
    specs = data_specs(week)
    skipped = NOT_RUN.get(week, {})
    known = KNOWN_FAILURES.get(week, {})
    assert not (set(skipped) | set(known)) - set(specs), "a listed spec no longer reads DATA/ (or was renamed)"
    chosen = [name for name in specs if name not in skipped]
    if not chosen:
        pytest.skip(f"no spec of {week} reads the fetched files")
    proc, results = grade(week, "--target", "solutions", "--device", "cpu", "--data", str(originals_data),
                          "-k", " or ".join(chosen), "--quiet", "--json", str(tmp_path / "r.json"))
    assert proc.returncode == 0 and results, proc.stderr[-3000:]
    assert "could not be collected" not in results["output"], results["output"]
    graded = {t["name"]: t for t in results["tests"]}
    missing = [name for name in chosen if specs[name] not in graded]
    assert not missing, f"not graded (renamed, or the title changed?): {missing}"
    expected_to_fail = {specs[name]: name for name in known}
    lost = [f"{t['name']}: {t['score']}/{t['max_score']} {t['output'][:300]}" for t in results["tests"]
            if t["score"] < t["max_score"] and t["name"] not in expected_to_fail]
    assert not lost, "specs that lose points on the course's original files:\n" + "\n".join(lost)
    fixed = [name for title, name in expected_to_fail.items() if graded[title]["score"] == graded[title]["max_score"]]
    assert not fixed, f"{week}: {fixed} now pass on the originals: delete them from KNOWN_FAILURES"
