"""`python -m autograder mutate`: the mutant generator on a fixture module, and one run on the fixture week."""
from __future__ import annotations

import ast
import io
import json
import subprocess
import sys

from helpers import FIXTURE_SPECS, FIXTURES, ROOT

from autograder import mutate

SAMPLE = FIXTURES / "mutate" / "sample.py"
GOOD = FIXTURES / "subs" / "good"


def sample_mutants() -> list[mutate.Mutant]:
    return mutate.generate(SAMPLE.read_text(encoding="utf-8"), "sample.py")


def by_description(mutants) -> dict[str, mutate.Mutant]:
    return {m.description: m for m in mutants}


def test_generator_is_deterministic():
    first, again = sample_mutants(), sample_mutants()
    assert [(m.id, m.kind, m.line, m.description, m.source, m.status) for m in first] == \
           [(m.id, m.kind, m.line, m.description, m.source, m.status) for m in again]
    assert len({m.id for m in first}) == len(first)


def test_every_kind_of_mutation_makes_a_mutant():
    mutants = sample_mutants()
    assert {m.kind for m in mutants} == set(mutate.KINDS)
    found = by_description(mutants)
    for description in ["`+` -> `-`", "`/` -> `*`", "`<` -> `<=`", "`==` -> `!=`", "`or` -> `and`",
                        "`1` -> `0`", "`2` -> `3`", "`0.5` -> `0.55`", "`0.5` -> `-0.5`",
                        "index `0` -> `1`", "slice lower bound `1` +1", "slice upper bound `k` -1",
                        "drop the statement `opt.zero_grad()`", "drop the statement `loss.backward()`",
                        "drop the statement `opt.step()`", "drop `.detach(...)`", "drop `.masked_fill(...)`",
                        "drop the scaling `/ math.sqrt(d)`", "`dim=-1` -> `dim=0`", "`dim=1` -> `dim=0`",
                        "`keepdim=True` -> `keepdim=False`", "`cat(... 1 ...)` -> dimension 0",
                        "`.sum(` -> `.mean(`", "`.mean(` -> `.sum(`",
                        "return the argument `a` instead of `a + b`"]:
        assert description in found, description
    assert "return xs[1:k - 1]" in found["slice upper bound `k` -1"].source
    assert "return x / math.sqrt(d)" not in found["drop the scaling `/ math.sqrt(d)`"].source
    assert "opt.zero_grad()" not in found["drop the statement `opt.zero_grad()`"].source


def test_each_mutant_is_one_change_of_valid_code():
    original = ast.unparse(ast.parse(SAMPLE.read_text(encoding="utf-8")))
    for m in sample_mutants():
        compile(m.source, "sample.py", "exec")
        if m.status != "equivalent":
            assert m.source != original, m.title()
            changed = [line for line in m.diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            assert changed and len(changed) <= 4, m.title()


def test_annotations_and_docstrings_are_never_mutated():
    mutants = sample_mutants()
    on_pick = [m for m in mutants if m.line == 38]  # def pick(xs: list[Literal[7]], k: Literal[2] = 2) -> ...
    assert [m.description for m in on_pick] == ["`2` -> `3`"]  # the default value only
    assert "Literal[2]=3" in on_pick[0].source
    assert not [m for m in mutants if m.line <= 4]


def test_equivalent_mutants_are_decided_from_the_syntax_only():
    mutants = sample_mutants()
    equivalent = {(m.line, m.description): m.reason for m in mutants if m.status == "equivalent"}
    assert "after ast.unparse" in equivalent[(43, "return the argument `w` instead of `w`")]
    assert "after ast.unparse" in equivalent[(47, "return the argument `x` instead of `x`")]
    assert "unreachable" in equivalent[(48, "`+` -> `-`")]
    assert "TYPE_CHECKING" in equivalent[(52, "`3` -> `4`")]
    assert "__main__" in equivalent[(55, "`1` -> `0`")]
    assert len(equivalent) == 7
    guard = [m for m in mutants if m.line == 54]  # the test of the `if __name__ == "__main__":` itself
    assert [m.status for m in guard] == ["not graded"]
    assert all(m.status == "not graded" for m in mutants if m.line < 43)


def test_sample_is_seeded_and_shares_the_budget_across_modules():
    source = SAMPLE.read_text(encoding="utf-8")
    mutants = mutate.generate(source, "a.py") + mutate.generate(source, "b.py")
    picked = mutate.sample(mutants, 6, seed=3)
    assert [m.id for m in picked] == [m.id for m in mutate.sample(mutants, 6, seed=3)]
    assert sorted(m.module for m in picked) == ["a.py"] * 3 + ["b.py"] * 3
    assert len({m.kind for m in picked if m.module == "a.py"}) == 3  # kinds take turns within a module
    everything = mutate.sample(mutants, None, seed=0)
    assert len(everything) == sum(m.status != "equivalent" for m in mutants)
    orders = {tuple(m.id for m in mutate.sample(mutants, None, seed=s)) for s in range(4)}
    assert len(orders) > 1


def test_mutate_on_the_fixture_week(tmp_path):
    """End to end: the command grades a sample of mutants of the fixture submission through run_week."""
    out = tmp_path / "m.json"
    proc = subprocess.run([sys.executable, "-m", "autograder", "mutate", "01", "--specs", str(FIXTURE_SPECS),
                           "--solutions", str(GOOD), "--n", "3", "--seed", "0", "--json", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    rep = json.loads(out.read_text())
    assert rep["reference"] == {"score": 15, "max_score": 15, "duration": rep["reference"]["duration"]}
    assert rep["graded"] == 3 and rep["killed"] + rep["survived"] == 3
    assert rep["kill_rate"] == round(rep["killed"] / 3, 4)
    statuses = [m["status"] for m in rep["mutants"]]
    assert statuses.count("not graded") == rep["candidates"] - 3 - rep["equivalent"]
    assert rep["modules"]["demo.py"]["graded"] == 3
    for m in rep["mutants"]:
        if m["status"] == "killed":
            assert m["score"] < 15 and m["reason"]
    assert "demo.py" in proc.stdout and "kill rate week01:" in proc.stdout


def test_killed_and_survived_are_judged_against_the_reference():
    mutants = mutate.week_mutants(GOOD / "week01", ["demo"])
    found = by_description(m for m in mutants if m.line == 30)  # def accuracy(): return 0.95
    higher, negative = found["`0.95` -> `1.045`"], found["`0.95` -> `-0.95`"]
    base = mutate.grade("week01", GOOD / "week01", [higher, negative], FIXTURE_SPECS)
    assert base.score == base.max_score == 15
    assert negative.status == "killed" and "accuracy() earns points by band." in negative.reason
    assert higher.status == "survived"  # the band spec only asks for >= 0.9: a weak spec, found
    rep = mutate.report("week01", mutants, base, seed=0, n=None)
    assert rep["kill_rate"] == 0.5
    text = io.StringIO()
    mutate.print_report(rep, mutants, out=text)
    assert "+    return 1.045" in text.getvalue() and "1 / 2 = 50.0 %" in text.getvalue()


def test_help_and_bad_usage():
    run = lambda *a: subprocess.run([sys.executable, "-m", "autograder", "mutate", *a], cwd=ROOT,  # noqa: E731
                                    capture_output=True, text=True, timeout=60)
    helped = run("--help")
    assert helped.returncode == 0
    assert all(opt in helped.stdout for opt in ("--n N", "--seed S", "--json FILE", "--modules M"))
    assert "--specs" not in helped.stdout and "--solutions" not in helped.stdout
    bad = run("01", "--specs", str(FIXTURE_SPECS), "--solutions", str(GOOD), "--modules", "nosuch")
    assert bad.returncode == 2 and "no module nosuch.py" in bad.stderr
    unknown = run("01", "--specs", str(FIXTURE_SPECS), "--solutions", str(GOOD), "--ids", "demo-999")
    assert unknown.returncode == 2 and "no mutant demo-999" in unknown.stderr


def test_judged_equivalents_are_matched_by_the_changed_line(tmp_path):
    folder = tmp_path / "week01"
    folder.mkdir()
    (folder / "sample.py").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "MUTANTS.md").write_text(
        "# Mutants judged equivalent\n\nSome prose.\n\n```yaml\nequivalent:\n"
        "  - module: sample.py\n    before: \"return xs[1:k]\"\n    after: \"return xs[1:k - 1]\"\n"
        "    why: only k = 0 is ever passed\n```\n", encoding="utf-8")
    mutants = mutate.week_mutants(folder)
    mutate.mark_judged(mutants, mutate.load_equivalents(folder))
    judged = [m for m in mutants if m.reason.startswith("judged equivalent")]
    assert [m.description for m in judged] == ["slice upper bound `k` -1"]
    assert judged[0].status == "equivalent" and "only k = 0" in judged[0].reason
    assert judged[0] not in mutate.sample(mutants, None, seed=0)
    (folder / "MUTANTS.md").write_text(
        "```yaml\nequivalent:\n  - module: sample.py\n    before: \"return xs[1:k]\"\n"
        "    after: \"return xs[1:k - 1]\"\n    near: \"no such line\"\n    why: w\n```\n", encoding="utf-8")
    mutants = mutate.week_mutants(folder)
    mutate.mark_judged(mutants, mutate.load_equivalents(folder))
    assert not [m for m in mutants if m.reason.startswith("judged")], "near must name a line next to the change"
    (folder / "MUTANTS.md").write_text("```yaml\nequivalent:\n  - module: sample.py\n    before: x\n```\n")
    try:
        mutate.load_equivalents(folder)
    except ValueError as e:
        assert "needs module, before, after and why" in str(e)
    else:
        raise AssertionError("an entry without after/why must be refused")
    assert mutate.load_equivalents(tmp_path) == []


def test_a_mutant_is_graded_on_the_spec_files_that_can_see_it(tmp_path):
    week, specs = tmp_path / "week05", tmp_path / "specs"
    week.mkdir()
    specs.mkdir()
    (week / "base.py").write_text("def f():\n    return 1\n")
    (week / "user.py").write_text("from base import f\n\ndef g():\n    return f()\n")
    (week / "alone.py").write_text("def h():\n    return 2\n")
    (specs / "shared.py").write_text('def m(load):\n    return load("user")\n')
    (specs / "test_base.py").write_text('def test_f(load):\n    assert load("base").f() == 1\n')
    (specs / "test_user.py").write_text("from shared import m\n\ndef test_g(load):\n    assert m(load).g() == 1\n")
    (specs / "test_alone.py").write_text('def test_h(load):\n    assert load("alone").h() == 2\n')
    (specs / "test_any.py").write_text("def test_nothing_named():\n    assert True\n")
    assert mutate.spec_selection(week, specs, "base.py") == "test_any or test_base or test_user"
    assert mutate.spec_selection(week, specs, "user.py") == "test_any or test_user"
    assert mutate.spec_selection(week, specs, "alone.py") == "test_alone or test_any"
    (specs / "test_any.py").write_text('def test_all():\n    assert "alone"\n')
    assert mutate.spec_selection(week, specs, "user.py") == "test_user"


def test_code_the_stub_gives_is_not_graded(tmp_path):
    stubs = tmp_path / "weeks"
    stubs.mkdir()
    (stubs / "m.py").write_text('TABLE = [(0, 1), (1, 0)]\n\n\ndef f(x: int, k: int = 2) -> int:\n'
                                '    """Doc: return x * k"""\n    raise NotImplementedError\n')
    source = 'TABLE = [(0, 1), (1, 0)]\n\n\ndef f(x: int, k: int = 2) -> int:\n    """Doc: return x * k"""\n' \
             '    return x * k\n'
    mutants = mutate.generate(source, "m.py")
    mutate.mark_given(mutants, stubs)
    given = {m.description for m in mutants if m.reason.startswith("in code the stub gives")}
    graded = {m.description for m in mutants if m.status != "equivalent"}
    assert given and all(m.line == 1 for m in mutants if m.description in given)  # the table only
    assert "`2` -> `3`" in graded  # the signature's default is the contract: still graded
    assert "`*` -> `/`" in graded  # the body the student writes (its line is in the stub's docstring only)
