"""Files for the data exchange tests: a sound JSON export of the demo, and a copy of it
with five known problems (an unknown business group, a duplicate code, a RAG of "X",
money with too many decimals, and a missing column)."""

from __future__ import annotations

import json
from pathlib import Path

from store.exchange.export import export_file


def sound_export(store, path: Path) -> Path:
    """Export `store` to `path` as JSON."""
    export_file(store, path, "json")
    return path


def bad_export(store, path: Path) -> Path:
    """A JSON export of `store` with five problems planted in it, written to `path`."""
    data = json.loads(sound_export(store, path).read_text("utf-8"))
    tables = data["tables"]
    initiatives = tables["initiatives"]
    group = initiatives["columns"].index("business_group")
    code = initiatives["columns"].index("code")
    initiatives["rows"][0][group] = "ZZ"
    initiatives["rows"][2][code] = initiatives["rows"][1][code]
    assessments = tables["assessments"]
    assessments["rows"][0][assessments["columns"].index("rag")] = "X"
    cells = tables["savings_cells"]
    cells["rows"][0][cells["columns"].index("gbp_m")] = 1.234
    risks = tables["risks"]
    drop = risks["columns"].index("owner")
    risks["columns"].pop(drop)
    for row in risks["rows"]:
        row.pop(drop)
    path.write_text(json.dumps(data), "utf-8")
    return path
