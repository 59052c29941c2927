"""Build the board pack for a period and render or write it.

`build_pack` reads each section in one read transaction (so the sections agree),
calling `on_progress(done, total)` after each; `render` turns the pack into
Markdown or HTML text; `write_report` does both and writes the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from store.errors import InputError
from store.files import write_atomically
from store.periods import parse_period
from store.portfolio.queries import current_period, reporting_date, reporting_periods
from store.reports import benefit_sections, decision_sections, programme_sections, sections
from store.reports.html import render_html
from store.reports.markdown import render_markdown
from store.reports.read_models import BoardPack

OnProgress = Callable[[int, int], None]
FORMATS = ("md", "html")
SECTION_COUNT = 12


def resolve_period(connection, period: str | None) -> str:
    """`period` checked and written as `2011-Q1`; the current period when None."""
    if period is None or not period.strip():
        return current_period(connection)
    try:
        return str(parse_period(period))
    except ValueError as error:
        raise InputError("period", str(error)) from None


def build_pack(
    store, period: str | None = None, *, on_progress: OnProgress | None = None
) -> BoardPack:
    """Read every section of the pack for `period` (default: the current period)."""
    with store.reading() as connection:
        period = resolve_period(connection, period)
        parsed = parse_period(period)
        previous = str(parsed.previous())
        starts, ends = parsed.starts, parsed.ends
        as_at = reporting_date(connection, period)
        steps: list[Callable[[], sections.Section]] = [
            lambda: sections.rag_by_group(connection, period),
            lambda: sections.key_programmes(connection, period),
            lambda: sections.changes(connection, period, previous),
            lambda: programme_sections.overdue_milestones(connection, as_at),
            lambda: programme_sections.top_risks(connection),
            lambda: programme_sections.dependencies_at_risk(connection),
            lambda: programme_sections.savings(connection),
            lambda: decision_sections.star_chamber(connection, starts, ends),
            lambda: decision_sections.front_door(connection, starts, ends),
            lambda: sections.tier_complexity(connection),
            lambda: benefit_sections.benefits(connection, as_at),
            lambda: benefit_sections.delivery_confidence(
                connection, period, previous, starts, ends
            ),
        ]
        built = []
        for done, step in enumerate(steps, start=1):
            built.append(step())
            if on_progress is not None:
                on_progress(done, len(steps))
    return BoardPack(period, previous, starts, ends, as_at, tuple(built))


def render(pack: BoardPack, fmt: str) -> str:
    """The pack as Markdown (`md`) or one self-contained HTML page (`html`)."""
    if fmt == "md":
        return render_markdown(pack)
    if fmt == "html":
        return render_html(pack)
    raise InputError("format", f"{fmt!r} is not one of {', '.join(FORMATS)}")


def preview(pack: BoardPack, limit: int = 25) -> str:
    """Markdown of the pack for a screen: long tables cut to `limit` rows."""
    return render_markdown(pack, limit=limit)


def report_periods(store) -> tuple[list[str], str]:
    """The periods a pack may be read for, newest first (`reporting_periods`: `[`, `]`
    and a typed period all choose among them), and the current one."""
    with store.reading() as connection:
        return reporting_periods(connection), current_period(connection)


def format_for(path: Path) -> str:
    """`html` for a .html or .htm path, otherwise `md`."""
    return "html" if path.suffix.lower() in (".html", ".htm") else "md"


def default_file_name(period: str, fmt: str) -> str:
    """`board-pack-2011-Q1.md` and the like."""
    return f"board-pack-{period}.{fmt}"


def write_report(
    path: Path,
    pack: BoardPack,
    fmt: str,
    *,
    force: bool = False,
    protect: Iterable[Path] = (),
) -> Path:
    """Write the rendered pack to `path` (a folder gets its default name) and return
    it: whole or not at all, never over a database (those in `protect` or any other),
    over another existing file only with `force`."""
    path = Path(path)
    if path.is_dir():
        path = path / default_file_name(pack.period, fmt)
    if not path.parent.exists():
        raise InputError("output", f"folder {path.parent} does not exist")
    text = render(pack, fmt)
    return write_atomically(
        path,
        lambda temporary: temporary.write_text(text, encoding="utf-8"),
        force=force,
        protect=protect,
    )
