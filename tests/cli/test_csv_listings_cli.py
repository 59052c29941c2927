"""CLI listings written with `--format csv` neutralise text a spreadsheet would run as a
formula, by the same rule as the CSV export (`store.exchange.formats.csv_format`)."""

from __future__ import annotations

import csv
import io

from store.exchange.formats.csv_format import neutralised
from tests.support.cli import run
from tests.support.formula_text import FORMULAS, formula_world


def test_postings_as_csv_neutralise_formulas(capsys, store, store_db):
    formula_world(store)
    store.close()

    code, out, err = run(capsys, "--db", store_db, "postings", "--format", "csv")

    assert code == 0, err
    names = [row["name"] for row in csv.DictReader(io.StringIO(out))]
    assert sorted(names) == sorted(neutralised(text) for text in FORMULAS)
    assert "'=Use second supplier" in names and "plain text" in names
