"""The similarity report: copies found through renaming, comments, docstrings and constants; independent
work, stubs and the class's common code not listed; the reference solutions as a source; hostile
hand-ins reported and skipped; student text escaped in every page."""
from __future__ import annotations

import ast
import csv
import html.parser
import json
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT

from autograder import cli
from autograder.instructor import similarity
from autograder.instructor.similarity import REFERENCE, Settings
from autograder.instructor.similarity_report import similarity_report, text

WEEK = "week11"
SOLUTIONS = ROOT / "solutions" / WEEK
ALTERNATIVES = ROOT / "tests" / "alternatives" / WEEK
STUB = ROOT / "weeks" / WEEK
MODULES = ("bigram_counts", "bigram_model")


def sources_of(folder: Path) -> dict[str, str]:
    return {m: (folder / f"{m}.py").read_text(encoding="utf-8") for m in MODULES}


def renamed(source: str, tag: str = "x") -> str:
    """The same code with every local variable and parameter renamed (and reformatted by ast.unparse)."""
    tree = ast.parse(source)
    fixed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    chosen = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    chosen |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}
    top = {t.id for n in tree.body if isinstance(n, ast.Assign) for t in ast.walk(n) if isinstance(t, ast.Name)}
    new = {name: f"{tag}_{i}" for i, name in enumerate(sorted(chosen - fixed - top))}
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and n.id in new:
            n.id = new[n.id]
        elif isinstance(n, ast.arg) and n.arg in new:
            n.arg = new[n.arg]
    return ast.unparse(tree) + "\n"


def disguised(source: str) -> str:
    """Comments on every other line, docstrings rewritten, numbers and strings changed."""
    tree = ast.parse(source)
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.Module)) and n.body:
            if isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant):
                n.body[0].value.value = "My own words about this part."
        elif isinstance(n, ast.Constant) and not isinstance(n.value, bool) and isinstance(n.value, (int, float)):
            n.value = n.value + 3
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and len(n.value) > 2:
            n.value = n.value.upper()
    lines = ast.unparse(tree).splitlines()
    return "\n".join(f"{ln}  # step {i}" if i % 2 and ln.strip() else ln for i, ln in enumerate(lines)) + "\n"


def hand_in(subs: Path, student: str, files: dict[str, str | bytes]) -> Path:
    folder = subs / student / WEEK
    folder.mkdir(parents=True)
    for module, body in files.items():
        path = folder / f"{module}.py"
        path.write_bytes(body) if isinstance(body, bytes) else path.write_text(body, encoding="utf-8")
    return folder


def pairs(report) -> set[frozenset[str]]:
    return {frozenset((p.a, p.b)) for p in report.comparison.pairs}


def run(subs: Path, out: Path, **kw):
    return similarity_report(subs, [WEEK], out, **kw)


# --------------------------------------------------------------------------- normalisation

def _prints(source: str) -> set[int]:
    module = similarity.stub_modules(STUB)["bigram_model"]
    parts = similarity.module_parts(ast.parse(source), WEEK, module, Settings().k)
    return {fp for part in parts.values() for fp in part.prints}


def test_names_layout_comments_and_docstrings_do_not_change_the_fingerprints():
    code = sources_of(SOLUTIONS)["bigram_model"]
    assert _prints(renamed(code)) == _prints(code)
    assert _prints(renamed(code, "other")) == _prints(code)
    assert _prints(code.replace('"""Sample one name', '"""Draw one name, my way')) == _prints(code)
    assert _prints(code.replace("import torch\n", "import torch as th\n").replace("torch.", "th.")) == _prints(code)
    swapped = code.replace("    out = []\n    ix = 0\n", "    ix = 0\n    out = []\n")
    assert swapped != code and _prints(swapped) == _prints(code)  # reordered independent statements
    assert _prints(code.replace("P.sum(dim=1, keepdim=True)", "P.mean(dim=1, keepdim=True)")) != _prints(code)


def test_stub_code_is_not_counted():
    stubs = {WEEK: similarity.stub_modules(STUB)}
    excluded = similarity.stub_prints({WEEK: STUB}, stubs, Settings().k)
    stub = similarity.read_source("s", {WEEK: STUB}, stubs, Settings().k)
    assert set(stub.parts) == set(excluded)
    assert {t.rsplit(".", 1)[1] for t in excluded} >= {"load_words", "count_matrix", "nll", "sample_name"}
    solved = similarity.read_source("r", {WEEK: SOLUTIONS}, stubs, Settings().k)
    for task, part in solved.parts.items():  # the signature is shared with the stub, the body is not
        if task.endswith(similarity.OTHER):  # the given constants, and nothing else
            assert part.prints.keys() <= excluded[task]
        else:
            assert part.prints.keys() & excluded[task] and part.prints.keys() - excluded[task], task


# --------------------------------------------------------------------------- what is found

def test_a_renamed_copy_is_found_and_independent_work_is_not(tmp_path):
    subs = tmp_path / "subs"
    hand_in(subs, "alice", sources_of(SOLUTIONS))
    hand_in(subs, "bob", {m: renamed(s) for m, s in sources_of(SOLUTIONS).items()})
    hand_in(subs, "carol", sources_of(ALTERNATIVES))
    report = run(subs, tmp_path / "out")
    assert pairs(report) == {frozenset(("alice", "bob"))}
    [pair] = report.comparison.pairs
    assert pair.score > 0.95 and all(t.matched and t.score == 1.0 for t in pair.tasks)
    assert len(pair.tasks) >= 10  # every task the solution writes, each scored


def test_a_copy_with_new_comments_docstrings_and_constants_is_found(tmp_path):
    subs = tmp_path / "subs"
    hand_in(subs, "dora", sources_of(ALTERNATIVES))
    hand_in(subs, "emil", {m: disguised(renamed(s)) for m, s in sources_of(ALTERNATIVES).items()})
    hand_in(subs, "fay", sources_of(SOLUTIONS))
    for m, s in sources_of(ALTERNATIVES).items():  # the disguise really changed the text, and still parses
        assert "# step" in disguised(s) and "own words" in disguised(s).lower() and ast.parse(disguised(s))
    report = run(subs, tmp_path / "out")
    assert pairs(report) == {frozenset(("dora", "emil"))}
    assert report.comparison.pairs[0].score > 0.9


def test_two_independent_correct_implementations_are_not_listed(tmp_path):
    subs = tmp_path / "subs"
    hand_in(subs, "sol", sources_of(SOLUTIONS))
    hand_in(subs, "alt", sources_of(ALTERNATIVES))
    report = run(subs, tmp_path / "out")
    assert report.comparison.candidates == 1  # they do share some lines ...
    assert report.comparison.pairs == []  # ... but not enough to be listed
    assert "No pair is above the threshold" in (tmp_path / "out" / "index.html").read_text()


def test_stub_only_submissions_are_not_similar_to_each_other(tmp_path):
    subs = tmp_path / "subs"
    for name in ("gus", "hana", "ivo"):
        hand_in(subs, name, sources_of(STUB))
    passing = sources_of(STUB)["bigram_counts"].replace("raise NotImplementedError", "pass")
    hand_in(subs, "jo", {"bigram_counts": passing})
    report = run(subs, tmp_path / "out")
    assert report.comparison.candidates == 0 and report.comparison.pairs == []


def test_code_most_of_the_class_shares_is_not_evidence(tmp_path):
    subs = tmp_path / "subs"
    for i in range(7):  # seven identical hand-ins: more than the common floor (5) have every fingerprint
        hand_in(subs, f"s{i}", {m: renamed(s, f"v{i}") for m, s in sources_of(SOLUTIONS).items()})
    assert run(subs, tmp_path / "out").comparison.pairs == []
    assert len(run(subs, tmp_path / "out2", settings=Settings(common_floor=7)).comparison.pairs) == 21


def test_the_reference_solutions_catch_a_leaked_copy(tmp_path):
    subs = tmp_path / "subs"
    hand_in(subs, "kim", {m: renamed(s) for m, s in sources_of(SOLUTIONS).items()})
    hand_in(subs, "lou", sources_of(ALTERNATIVES))
    assert run(subs, tmp_path / "a").comparison.pairs == []
    report = run(subs, tmp_path / "b", with_solutions=True)
    assert pairs(report) == {frozenset((REFERENCE, "kim"))}
    assert report.comparison.class_size == 2 and report.comparison.sources == 3
    assert REFERENCE in (tmp_path / "b" / "index.html").read_text()
    with pytest.raises(ValueError, match="no reference solutions"):
        run(subs, tmp_path / "c", with_solutions=True, solutions_root=tmp_path / "nowhere")


# --------------------------------------------------------------------------- hostile hand-ins

def test_hostile_hand_ins_are_reported_and_skipped(tmp_path):
    subs = tmp_path / "subs"
    good = {m: renamed(s) for m, s in sources_of(SOLUTIONS).items()}
    hand_in(subs, "mia", sources_of(SOLUTIONS))
    hand_in(subs, "ned", good)
    with zipfile.ZipFile(subs / "ola.zip", "w") as zf:
        zf.writestr(f"{WEEK}/bigram_counts.py", good["bigram_counts"])
        zf.writestr("../../escaped.py", "print('out')\n")
    hand_in(subs, "pat", {"bigram_counts": "def load_words(path:\n    return [\n",
                          "bigram_model": good["bigram_model"]})
    hand_in(subs, "quinn", {"bigram_counts": b"\x7fELF\x02\x01\x00\x00binary", "bigram_model": b"\xff\xfe not utf-8"})
    hand_in(subs, "ray", {"bigram_counts": "x = 1\n" + "# padding\n" * 60_000})
    hand_in(subs, "sam", {"bigram_counts": "x = " + "+".join(["1"] * 50_000) + "\n",
                          "bigram_model": "y = " + "(" * 500 + "1" + ")" * 500 + "\n"})
    (subs / "not a valid id").mkdir()
    report = run(subs, tmp_path / "out")
    assert not (tmp_path / "escaped.py").exists() and not (tmp_path / "subs" / "escaped.py").exists()
    assert any(p.startswith("'ola.zip'") and "unsafe path" in p for p in report.problems)
    assert any(p.startswith("'not a valid id'") for p in report.problems)
    skipped = "\n".join(report.skipped)
    assert "pat: week11/bigram_counts.py: skipped: does not parse (line 2: invalid syntax)" in skipped
    assert "sam: week11/bigram_counts.py: skipped: does not parse (too deeply nested or too large)" in skipped
    assert "quinn: week11/bigram_counts.py: skipped: a binary file" in skipped
    assert "quinn: week11/bigram_model.py: skipped: not UTF-8" in skipped
    assert "ray: week11/bigram_counts.py: skipped: larger than 512 KB" in skipped
    assert "sam: week11/bigram_model.py: skipped: does not parse (line 1: too many nested parentheses)" in skipped
    # what could be read still counts: mia and ned are a pair, and pat's good module pairs with both
    found = pairs(report)
    assert frozenset(("mia", "ned")) in found and frozenset(("ned", "pat")) in found
    assert all("ola" not in p and "quinn" not in p and "ray" not in p for p in found)
    index = (tmp_path / "out" / "index.html").read_text()
    assert "Files left out" in index and "Hand-ins not taken in" in index and "&#x27;not a valid id&#x27;" in index
    data = json.loads((tmp_path / "out" / "pairs.json").read_text())
    assert data["skipped"] == report.skipped and data["problems"] == report.problems


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_every_page_escapes_student_text(tmp_path):
    subs = tmp_path / "subs"
    evil = ("</pre><script>alert('x')</script><img src=x onerror=alert(1)>&amp;\u202eevil\x1b[31m")
    code = sources_of(SOLUTIONS)
    code["bigram_counts"] = code["bigram_counts"].replace(
        "    lengths = [len(w) for w in words]\n",
        f"    lengths = [len(w) for w in words]  # {evil}\n    label = {evil!r}\n")
    assert evil in code["bigram_counts"]
    hand_in(subs, "tess", code)
    hand_in(subs, "uma", {m: renamed(s) for m, s in code.items()})
    hand_in(subs, "vic", {"bigram_counts": f"def broken({evil}\n"})
    report = run(subs, tmp_path / "out")
    assert pairs(report) == {frozenset(("tess", "uma"))}
    pages = [tmp_path / "out" / "index.html", *sorted((tmp_path / "out" / "pairs").glob("*.html"))]
    assert len(pages) == 2
    for path in pages:
        page = path.read_text()
        parser = _Tags()
        parser.feed(page)
        assert not {"script", "img"} & set(parser.tags), path.name
        assert "\u202e" not in page and "\x1b" not in page
    pair_page = pages[1].read_text()
    assert "&lt;/pre&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in pair_page
    assert "&amp;amp;\\u202eevil\\u001b[31m" in pair_page
    assert '<span class="m">' in pair_page  # shared lines are marked
    assert text("<b>&\u2066") == "&lt;b&gt;&amp;\\u2066"


# --------------------------------------------------------------------------- the command and its files

def test_the_command_writes_index_pages_csv_and_json(tmp_path, capsys):
    subs = tmp_path / "subs"
    hand_in(subs, "wes", sources_of(SOLUTIONS))
    hand_in(subs, "xia", {m: renamed(s) for m, s in sources_of(SOLUTIONS).items()})
    hand_in(subs, "yan", {m: disguised(renamed(s, "q")) for m, s in sources_of(SOLUTIONS).items()})
    hand_in(subs, "zed", sources_of(ALTERNATIVES))
    out = tmp_path / "out"
    assert cli.main(["similarity", str(subs), "--weeks", "11", "--out", str(out), "--top", "2"]) == 0
    said = capsys.readouterr().out
    assert "compared 4 submissions of week11" in said and "3 pairs listed" in said
    data = json.loads((out / "pairs.json").read_text())
    assert {frozenset((p["a"], p["b"])) for p in data["pairs"]} == {frozenset(p) for p in
                                                                     (("wes", "xia"), ("wes", "yan"), ("xia", "yan"))}
    scores = [p["score"] for p in data["pairs"]]
    assert scores == sorted(scores, reverse=True) and data["weeks"] == [WEEK] and data["class_size"] == 4
    assert [p["page"] for p in data["pairs"]] == ["pairs/pair-0001.html", "pairs/pair-0002.html", None]
    assert sorted(p.name for p in (out / "pairs").iterdir()) == ["pair-0001.html", "pair-0002.html"]
    with open(out / "pairs.csv", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["a"], r["b"]) for r in rows] == [(p["a"], p["b"]) for p in data["pairs"]]
    assert all(f"{WEEK}/bigram_model.nll=" in r["tasks"] for r in rows)
    index = (out / "index.html").read_text()
    assert 'href="pairs/pair-0001.html"' in index and "pair-0003" not in index and "pairs.csv" in index
    # a second run into the same folder leaves no stale page behind
    assert cli.main(["similarity", str(subs), "--weeks", "week11", "--out", str(out), "--top", "0"]) == 0
    assert list((out / "pairs").iterdir()) == []


def test_bad_arguments_are_refused(tmp_path, capsys):
    subs = tmp_path / "subs"
    subs.mkdir()
    assert cli.main(["similarity", str(subs), "--weeks", "99", "--out", str(tmp_path / "o")]) == 2
    assert cli.main(["similarity", str(tmp_path / "none"), "--weeks", "11", "--out", str(tmp_path / "o")]) == 2
    assert cli.main(["similarity", str(subs), "--weeks", "11", "--threshold", "0", "--out", str(tmp_path / "o")]) == 2
    assert "not a week with specs" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["similarity", "--help"])
    assert "normalised syntax trees" in capsys.readouterr().out
