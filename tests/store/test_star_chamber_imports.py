"""The Star Chamber's store code never imports the UI, and its reads stay off SQLAlchemy."""

from __future__ import annotations

import subprocess
import sys

READS = [
    "store.star_chamber.queries.requests",
    "store.star_chamber.queries.meetings",
    "store.star_chamber.queries.minutes",
    "store.star_chamber.queries.overview",
    "store.star_chamber.queries.engagements",
    "store.star_chamber.queries.departures",
    "store.star_chamber.minutes",
]
WRITES = [
    "store.star_chamber.services.requests",
    "store.star_chamber.services.meetings",
    "store.star_chamber.services.decisions",
    "store.star_chamber.services.posting_list",
    "store.star_chamber.services.engagements",
    "store.star_chamber.services.establishment",
    "store.star_chamber.services.departures",
    "store.demo.star_chamber",
]


def _loaded_after(modules: list[str]) -> set[str]:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in modules)
        + "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(result.stdout.split())


def test_reads_need_neither_the_ui_nor_sqlalchemy():
    loaded = _loaded_after(READS)
    assert not loaded & {"textual", "rich", "sqlalchemy", "sqlmodel", "pydantic"}


def test_writes_never_import_the_ui():
    loaded = _loaded_after(WRITES)
    assert "sqlmodel" in loaded
    assert not loaded & {"textual", "rich"}
