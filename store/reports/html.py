"""The board pack as one self-contained HTML page: inline CSS, no scripts, no network.

RAG cells are coloured and carry their letter and word, so they read in black and
white too. Print styles give A4 pages, repeat table headers, keep a programme's table
on one page where it fits, start each section on a fresh page and print the colours.
"""

from __future__ import annotations

from html import escape

from store.reports.read_models import Block, BoardPack

RAG_WORD = {"R": "Red", "A": "Amber", "G": "Green"}

STYLE = """
:root { --red: #c62828; --amber: #f9a825; --green: #2e7d32; --rule: #9e9e9e; }
* { box-sizing: border-box; }
body { font: 11pt/1.4 "Segoe UI", Arial, Helvetica, sans-serif; color: #111; margin: 2em auto;
       max-width: 70em; padding: 0 1.5em; }
h1 { font-size: 20pt; border-bottom: 3px solid #1a237e; padding-bottom: .3em; color: #1a237e; }
h2 { font-size: 15pt; color: #1a237e; margin-top: 1.8em; border-bottom: 1px solid var(--rule); }
h3 { font-size: 12pt; margin: 1.2em 0 .4em; }
p.meta { color: #444; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 10pt; }
th, td { border: 1px solid var(--rule); padding: .3em .5em; vertical-align: top; text-align: left; }
th { background: #e8eaf6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; background: #f5f5f5; border-top: 2px solid #333; }
tr.total.more td { border-top: 1px solid var(--rule); }
td.rag { font-weight: bold; white-space: nowrap; text-align: center; }
td.rag-R { background: var(--red); color: #fff; }
td.rag-A { background: var(--amber); color: #000; }
td.rag-G { background: var(--green); color: #fff; }
p.empty { font-style: italic; color: #555; }
section.block { break-inside: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.part { break-before: page; }
  section.part:first-of-type { break-before: auto; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
}
"""


def _cell(value, *, rag: bool, numeric: bool) -> str:
    if value is None:
        return "<td></td>"
    if rag and value in RAG_WORD:
        return f'<td class="rag rag-{value}">{value} &middot; {RAG_WORD[value]}</td>'
    css = ' class="num"' if numeric else ""
    return f"<td{css}>{escape(str(value))}</td>"


def _block(block: Block) -> str:
    parts = ['<section class="block">']
    if block.title:
        parts.append(f"<h3>{escape(block.title)}</h3>")
    if not block.rows and not block.totals:
        parts.append(f'<p class="empty">{escape(block.empty)}</p></section>')
        return "\n".join(parts)
    num = ' class="num"'
    head = "".join(
        f"<th{num if i in block.numeric_columns else ''}>{escape(h)}</th>"
        for i, h in enumerate(block.headers)
    )
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
    for row in block.rows:
        cells = "".join(
            _cell(v, rag=i in block.rag_columns, numeric=i in block.numeric_columns)
            for i, v in enumerate(row)
        )
        parts.append(f"<tr>{cells}</tr>")
    for number, total in enumerate(block.totals):
        cells = "".join(
            _cell(v, rag=False, numeric=i in block.numeric_columns) for i, v in enumerate(total)
        )
        css = "total" if number == 0 else "total more"
        parts.append(f'<tr class="{css}">{cells}</tr>')
    parts.append("</tbody></table></section>")
    return "\n".join(parts)


def render_html(pack: BoardPack) -> str:
    """The whole pack as one HTML document."""
    body = [
        f"<h1>{escape(pack.title)}</h1>",
        f'<p class="meta">{escape(pack.dates)}</p>',
    ]
    for number, section in enumerate(pack.sections, start=1):
        body.append(f'<section class="part" id="{section.key}">')
        body.append(f"<h2>{number}. {escape(section.title)}</h2>")
        if section.intro:
            body.append(f"<p>{escape(section.intro)}</p>")
        body.extend(_block(block) for block in section.blocks)
        body.append("</section>")
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(pack.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
