"""The quarterly board pack: every section read with plain SQL for one period
(`pack.build_pack`), rendered as Markdown (`markdown.py`) or one self-contained HTML
file (`html.py`). The command line and the report screen both call
`pack.build_pack` and `pack.render`."""
