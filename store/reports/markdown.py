"""The board pack as Markdown: a heading per section, pipe tables, RAGs as letter and
word (e.g. `R Red`) so they read without colour. Raw HTML in stored text is escaped
(`<script>` is written `&lt;script&gt;`), as the HTML pack does, so a viewer that
renders HTML in Markdown shows it as text; nor does stored text make a link or image."""

from __future__ import annotations

from store.reports.read_models import Block, BoardPack

RAG_WORD = {"R": "Red", "A": "Amber", "G": "Green"}


def _cell(value, rag: bool = False) -> str:
    if value is None:
        return ""
    if rag and value in RAG_WORD:
        return f"**{value}** {RAG_WORD[value]}"
    return _text(value).replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _text(value) -> str:
    """Stored text for Markdown: `<` and `>` as entities, so it never opens an HTML tag,
    and `](` and `![` escaped, so `[x](http://...)` never becomes a link nor `![i](...)`
    an image (other brackets are kept as typed: alone they are text)."""
    text = str(value).replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("](", "\\](").replace("![", "\\![")


def _table(block: Block, limit: int | None = None) -> list[str]:
    lines = []
    if block.title:
        lines += [f"### {_text(block.title)}", ""]
    if not block.rows and not block.totals:
        return [*lines, block.empty, ""]
    aligns = ["---:" if i in block.numeric_columns else "---" for i in range(len(block.headers))]
    lines.append("| " + " | ".join(block.headers) + " |")
    lines.append("| " + " | ".join(aligns) + " |")
    shown = block.rows if limit is None else block.rows[:limit]
    for row in shown:
        cells = (_cell(v, i in block.rag_columns) for i, v in enumerate(row))
        lines.append("| " + " | ".join(cells) + " |")
    for total in block.totals:
        cells = (f"**{_cell(v)}**" if v not in (None, "") else "" for v in total)
        lines.append("| " + " | ".join(cells) + " |")
    if len(shown) < len(block.rows):
        lines += ["", f"*…and {len(block.rows) - len(shown)} more rows in the saved pack.*"]
    return [*lines, ""]


def render_markdown(pack: BoardPack, *, limit: int | None = None) -> str:
    """The whole pack as one Markdown document. With `limit` (a preview), each section
    shows at most that many tables and each table that many rows, saying what is left."""
    lines = [
        f"# {_text(pack.title)}",
        "",
        pack.dates,
        "",
    ]
    for number, section in enumerate(pack.sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        if section.intro:
            lines += [section.intro, ""]
        blocks = section.blocks if limit is None else section.blocks[:limit]
        for block in blocks:
            lines += _table(block, limit)
        if len(blocks) < len(section.blocks):
            more = len(section.blocks) - len(blocks)
            lines += [f"*…and {more} more tables in the saved pack.*", ""]
    return "\n".join(lines).rstrip() + "\n"
