"""The board pack as Markdown: a heading per section, pipe tables, RAGs as letter and
word (e.g. `R Red`) so they read without colour."""

from __future__ import annotations

from store.reports.read_models import Block, BoardPack

RAG_WORD = {"R": "Red", "A": "Amber", "G": "Green"}


def _cell(value, rag: bool = False) -> str:
    if value is None:
        return ""
    if rag and value in RAG_WORD:
        return f"**{value}** {RAG_WORD[value]}"
    text = str(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    return text


def _table(block: Block) -> list[str]:
    lines = []
    if block.title:
        lines += [f"### {block.title}", ""]
    if not block.rows and not block.totals:
        return [*lines, block.empty, ""]
    aligns = ["---:" if i in block.numeric_columns else "---" for i in range(len(block.headers))]
    lines.append("| " + " | ".join(block.headers) + " |")
    lines.append("| " + " | ".join(aligns) + " |")
    for row in block.rows:
        cells = (_cell(v, i in block.rag_columns) for i, v in enumerate(row))
        lines.append("| " + " | ".join(cells) + " |")
    for total in block.totals:
        cells = (f"**{_cell(v)}**" if v not in (None, "") else "" for v in total)
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def render_markdown(pack: BoardPack) -> str:
    """The whole pack as one Markdown document."""
    lines = [
        f"# {pack.title}",
        "",
        f"Period {pack.period} ({pack.starts.isoformat()} to {pack.ends.isoformat()}), "
        f"compared with {pack.previous_period}; produced {pack.as_at.isoformat()}.",
        "",
    ]
    for number, section in enumerate(pack.sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        if section.intro:
            lines += [section.intro, ""]
        for block in section.blocks:
            lines += _table(block)
    return "\n".join(lines).rstrip() + "\n"
