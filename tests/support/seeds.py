"""The seed documents, and the check that demo text is in our own words.

The seeds are found through `$PORTFOLIO_SEEDS`, else at `../shared/seeds` from the
repository's root (never an absolute path of one machine). A test that needs them
skips, naming the folder and the files missing, where they are not there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SEED_FILES = ("000_94ac2267b8bd6b8d.txt", "003_d85cc65fada7e72a.txt")
RUN = 8  # words in a row that count as copied


def seeds_dir() -> Path:
    """The folder holding the seed texts."""
    named = os.environ.get("PORTFOLIO_SEEDS")
    return Path(named) if named else REPOSITORY.parent / "shared" / "seeds"


def seed_texts() -> list[str]:
    """Both seeds' text (the calling test skips if they are not there)."""
    folder = seeds_dir()
    missing = [name for name in SEED_FILES if not (folder / name).is_file()]
    if missing:
        pytest.skip(
            f"seed texts not at {folder} (missing {', '.join(missing)}); set PORTFOLIO_SEEDS"
        )
    return [(folder / name).read_text(encoding="utf-8") for name in SEED_FILES]


def words(text: str, *, split_on_punctuation: bool) -> list[str]:
    """Lower-case words, split at punctuation or with it dropped."""
    lowered = text.lower()
    if split_on_punctuation:
        return re.findall(r"\w+", lowered)
    return re.sub(r"[^\w\s]", "", lowered).split()


def runs(found: list[str]) -> set[tuple[str, ...]]:
    """Every RUN words in a row."""
    return {tuple(found[i : i + RUN]) for i in range(len(found) - RUN + 1)}


def copied_from_seeds(texts: list[tuple[str, str]]) -> list[str]:
    """'where: the words' for every run of RUN words a text shares with a seed."""
    seeds = seed_texts()
    copied = []
    for split in (False, True):
        seed_runs = set().union(*(runs(words(seed, split_on_punctuation=split)) for seed in seeds))
        for where, text in texts:
            for run in sorted(runs(words(text, split_on_punctuation=split)) & seed_runs):
                copied.append(f"{where}: {' '.join(run)}")
    return copied
