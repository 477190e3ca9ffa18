"""Builders of the files in DATA/: each module has build(data_dir) -> list of paths written."""
