"""The course's original data files: their names, sha256 checksums and public sources.

`python -m autograder data fetch` (see autograder/data.py) reads this table to put the originals in place of
the substitutes that DATA/ ships, and checks every file it installs against the checksums recorded here.
Nothing in this package is a data file of the course: only names, checksums and addresses.

A dataset is named like its builder in autograder/datasets/. Each one lists
- ``replaces``: the paths under DATA/ that its originals take over (files or whole folders);
- ``files``: the originals as published: path in a --from folder (the layout of ../shared/canonical:
  the same as under DATA/ except for Omniglot's two archives), sha256 and public URL.
Two datasets are folders of many files: the cloud photographs, listed file by file in ``clouds.sha256``
(fetched from one URL prefix), and Omniglot, published as two zip archives that ``fetch`` unpacks into
the shipped layout (see ``omniglot_layout``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

HERE = Path(__file__).resolve().parent

# Public sources. GitHub serves a file of a repository at raw.githubusercontent.com/<owner>/<repo>/<ref>/<path>;
# the course's files are pinned to the commits that added them.
COURSE = "https://raw.githubusercontent.com/SimeonHristov99/ML_24-25"
WATER_COMMIT = "8d87f047f601704ea2a18673db204ba67e769bf8"
ELECTRICITY_COMMIT = "d79a4c5f08317f21fee970afc375304832ca692f"
CLOUDS_COMMIT = "4de787db25896c8c251b2695a095c29b7bc59365"
KARPATHY = "https://raw.githubusercontent.com/karpathy"
OMNIGLOT = "https://raw.githubusercontent.com/brendenlake/omniglot/32aee47094f15296299b761dcaa01400b90c60d5/python"


@dataclass(frozen=True)
class Original:
    path: str     # where it lies in a --from folder (posix, relative)
    sha256: str
    url: str


@dataclass(frozen=True)
class Dataset:
    name: str
    what: str                          # one line for messages and the README
    licence: str
    replaces: tuple[str, ...]          # paths under DATA/ (a file, or a folder replaced as a whole)
    files: tuple[Original, ...] = field(default=())
    weeks: tuple[str, ...] = field(default=())


def _clouds() -> tuple[Original, ...]:
    out = []
    for line in (HERE / "clouds.sha256").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            digest, path = line.split("  ", 1)
            url = f"{COURSE}/{CLOUDS_COMMIT}/DATA/" + "/".join(_quote(part) for part in PurePosixPath(path).parts)
            out.append(Original(path, digest, url))
    return tuple(out)


def _quote(part: str) -> str:
    from urllib.parse import quote
    return quote(part)


def datasets() -> dict[str, Dataset]:
    """Every dataset whose original can be fetched, by name."""
    table = [
        Dataset("names", "makemore's names.txt: 32,033 first names (US SSA)", "MIT (repository); public data",
                ("names.txt",),
                (Original("names.txt", "0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d",
                          f"{KARPATHY}/makemore/master/names.txt"),),
                ("week11", "week12", "week13")),
        Dataset("shakespeare", "tiny shakespeare (karpathy's char-rnn input.txt), 1,115,394 characters",
                "MIT (repository); text public domain", ("shakespeare.txt",),
                (Original("shakespeare.txt", "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
                          f"{KARPATHY}/char-rnn/master/data/tinyshakespeare/input.txt"),),
                ("week14", "week15")),
        Dataset("water", "the course's min-max scaled split of Kaggle's water-potability set (1,508 / 503 rows)",
                "Kaggle \"Water Quality\" data set; licence not verified: for tests only, never ship",
                ("water_train.csv", "water_test.csv"),
                (Original("water_train.csv", "7c96a67f86fe1df048c1f0d7110d9ea122f5d10701fbe55e4249b550b2dc6fd1",
                          f"{COURSE}/{WATER_COMMIT}/DATA/water_train.csv"),
                 Original("water_test.csv", "2b4f706cc8ab47ed5da7f108c38b43db55ca3e24eca51309e85c5360002e7b39",
                          f"{COURSE}/{WATER_COMMIT}/DATA/water_test.csv")),
                ("week03", "week04")),
        Dataset("electricity", "the course's electricity series: 15-minute readings, standardised, 2011-2014",
                "UCI household power consumption, CC BY 4.0",
                ("electricity_consumption/electricity_train.csv", "electricity_consumption/electricity_test.csv"),
                (Original("electricity_consumption/electricity_train.csv",
                          "d0d462efe33007d90f7fb5d84466ad12e45a6ef0adb07371c764b77eca357230",
                          f"{COURSE}/{ELECTRICITY_COMMIT}/DATA/electricity_consumption/electricity_train.csv"),
                 Original("electricity_consumption/electricity_test.csv",
                          "948d6f836e5e312a67243299cda71dab2595f7f974856c7494109fcf80810673",
                          f"{COURSE}/{ELECTRICITY_COMMIT}/DATA/electricity_consumption/electricity_test.csv")),
                ("week09",)),
        Dataset("clouds", "the course's cloud photographs, 7 classes (474 train / 486 test)",
                "not stated: for tests only, never ship", ("clouds/clouds_train", "clouds/clouds_test"), _clouds(),
                ("week04",)),
        Dataset("omniglot", "real Omniglot drawings: the two small background sets (8 alphabets, 242 characters, "
                "20 drawers each), laid out as omniglot_train (drawers 1-15) and omniglot_test (drawers 16-20)",
                "MIT (brendenlake/omniglot)", ("omniglot_train", "omniglot_test"),
                (Original("omniglot/images_background_small1.zip",
                          "f38eb80f801274ac2b4dff5b24289016bfaba4a7d5bb50deebf27104ad6cb8a4",
                          f"{OMNIGLOT}/images_background_small1.zip"),
                 Original("omniglot/images_background_small2.zip",
                          "3ccaa407515a8778e5d0861875af38b17e418f301ad5bb3b5a6b65d901a41c7f",
                          f"{OMNIGLOT}/images_background_small2.zip")),
                ("week04",)),
    ]
    return {d.name: d for d in table}


OMNIGLOT_TRAIN_DRAWERS = range(1, 16)  # a drawing <id>_<drawer>.png with drawer 1-15 trains, 16-20 validates


def omniglot_layout(archives: list[Path], out: Path) -> list[Path]:
    """Unpack Omniglot's background archives into out/omniglot_{train,test}/<alphabet>/<character>/<file>.png.

    Both archives hold <root>/<alphabet>/characterNN/<id>_<drawer>.png; alphabets present in both (Greek,
    Latin) are byte-identical there and are written once. Returns the files written.
    """
    import zipfile

    written: dict[str, bytes] = {}
    for archive in archives:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                parts = PurePosixPath(info.filename).parts
                if info.is_dir() or len(parts) != 4 or not parts[3].endswith(".png"):
                    continue
                _, alphabet, character, name = parts
                drawer = int(PurePosixPath(name).stem.rsplit("_", 1)[1])
                split = "omniglot_train" if drawer in OMNIGLOT_TRAIN_DRAWERS else "omniglot_test"
                rel = f"{split}/{alphabet}/{character}/{name}"
                data = zf.read(info)
                if written.setdefault(rel, data) != data:
                    raise ValueError(f"{archive.name}: {rel} differs from the same drawing in another archive")
    files = []
    for rel, data in sorted(written.items()):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        files.append(path)
    return files
