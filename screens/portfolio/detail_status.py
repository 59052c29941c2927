"""The programme detail screen's header and its Status tab: the initiative's key facts,
the current RAG of each criterion, the RAG history, and the highlighted criterion's
rationale. Each function fills one part from read models."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from store.portfolio.read_models import (
    NOT_YET_RATED,
    AssessmentRead,
    CriterionStatus,
    InitiativeDetail,
    replacement_note,
)
from store.types import Tier
from widgets.facts_grid import facts_view
from widgets.fitted import Draw
from widgets.plain_text import DataTable
from widgets.rag import confidence_badge, rag_badge, trend_mark, trend_word


def first_line(text: str, width: int = 60) -> str:
    """The first line of `text`, cut to `width` characters with an ellipsis."""
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def title_view(detail: InitiativeDetail) -> Draw:
    """The title line: code and name, then the headline RAG and the delivery confidence
    in force, each labelled and in words; on a narrow screen the name is cut so the
    ratings stay in view."""
    ratings = Text()
    if detail.criteria:
        ratings.append("   RAG ", style="bold")
        ratings.append_text(rag_badge(detail.criteria[0].rag, word=True))
    ratings.append("   confidence ", style="bold")
    ratings.append_text(confidence_badge(detail.confidence))

    def draw(width: int) -> Text:
        room = width - cell_len(detail.code) - 2 - ratings.cell_len
        name = (
            detail.name
            if width <= 0 or cell_len(detail.name) <= room
            else first_line(detail.name, max(room, 1))
        )
        title = Text(f"{detail.code}  {name}", style="bold")
        return title.append_text(ratings)

    return draw


def header_facts(detail: InitiativeDetail) -> Draw:
    """The initiative's key facts, drawn for the width there is (see `facts_view`)."""
    kinds = f" ({', '.join(detail.complexity_kinds)})" if detail.complexity_kinds else ""
    parent = f"{detail.parent_code} {detail.parent_name}" if detail.parent_code else "—"
    return facts_view(
        [
            ("Business group", f"{detail.business_group} {detail.business_group_name}"),
            ("Kind", detail.kind),
            ("Tier", Tier.words(detail.tier)),
            ("Complexity", (detail.complexity or "—") + kinds),
            ("SRO", detail.sro or "—"),
            ("Programme manager", detail.programme_manager or "—"),
            ("Dates", f"{detail.start_date or '?'} → {detail.end_date or '?'}"),
            ("Lifecycle", detail.lifecycle.replace("_", " ")),
            ("Parent", parent),
            ("Data & digital", "yes" if detail.data_digital else "no"),
        ]
    )


def fill_criteria(table: DataTable, detail: InitiativeDetail) -> None:
    """One row per criterion with its current RAG, keeping the cursor's row."""
    keep = table.cursor_row
    table.clear()
    for status in detail.criteria:
        table.add_row(
            status.criterion,
            rag_badge(status.rag),
            trend_mark(status.trend),
            status.period or "—",
            first_line(status.rationale) or (NOT_YET_RATED if not status.rag else "—"),
            status.author or "",
            key=status.criterion,
        )
    if detail.criteria:
        table.move_cursor(row=min(keep, len(detail.criteria) - 1))


def fill_rag_history(table: DataTable, history: tuple[AssessmentRead, ...]) -> None:
    """Every RAG recorded, newest first; a RAG replaced by a correction for the same
    period, and the correction, say so."""
    table.clear()
    for assessment in history:
        note = replacement_note(assessment, history)
        table.add_row(
            assessment.period,
            assessment.criterion,
            rag_badge(assessment.rag),
            f"({note}) {first_line(assessment.rationale, 52)}"
            if note
            else first_line(assessment.rationale, 52),
            assessment.author,
            assessment.recorded_at[:16].replace("T", " "),
        )
    if not history:
        table.add_row("—", "no assessments yet", "", "", "", "")


def rationale_text(status: CriterionStatus, may_assess: bool) -> Text:
    """A criterion's current RAG with who set it, when, and why (the key to record
    one only for a role that may)."""
    text = Text(f"{status.criterion}: ", style="bold")
    text.append_text(rag_badge(status.rag, word=True))
    if status.rag:
        text.append(f"  {status.period}, {trend_word(status.trend)}, by {status.author}\n")
        text.append(status.rationale)
    else:
        text.append(not_yet_rated(may_assess))
    return text


def not_yet_rated(may_assess: bool) -> str:
    """What a criterion with no RAG at all says beside its badge (with the key to
    record one, for a role that may)."""
    return f"  {NOT_YET_RATED}" + ("; press e to record one" if may_assess else "")
