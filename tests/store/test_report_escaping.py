"""The board pack shows stored text as text in every format: raw HTML a user typed is
escaped in the Markdown pack as in the HTML one, and markup-like text is kept as typed."""

from __future__ import annotations

import pytest

from store.portfolio import services
from store.reports.pack import build_pack, render
from store.types import OVERALL_CRITERION
from tests.support.factories import small_portfolio
from tests.support.hostile_text import TEXT, hostile_world

HTML = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>'


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_raw_html_in_stored_text_is_escaped(store, frozen_clock, fmt):
    small_portfolio(store)
    with store.writing() as session:
        services.record_assessment(
            {"code": "TPD", "criterion": OVERALL_CRITERION, "rag": "R", "rationale": HTML},
            session=session,
        )
    text = render(build_pack(store, "2011-Q1"), fmt)
    assert "alert(2)" in text and "<script" not in text and "<img" not in text
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markup_like_text_is_kept_as_typed(store, frozen_clock, fmt):
    hostile_world(store)
    text = render(build_pack(store, "2011-Q1"), fmt)
    for field in ("programme", "rationale", "risk"):
        assert TEXT[field] in text, field


LINKS = "see [x](http://evil) and ![i](http://x) and <http://auto>"


def test_markdown_links_and_images_in_stored_text_stay_text(store, frozen_clock):
    from markdown_it import MarkdownIt

    small_portfolio(store)
    with store.writing() as session:
        services.record_assessment(
            {"code": "TPD", "criterion": OVERALL_CRITERION, "rag": "R", "rationale": LINKS},
            session=session,
        )
    html = (
        MarkdownIt("commonmark").enable("table").render(render(build_pack(store, "2011-Q1"), "md"))
    )
    assert "see [x](http://evil) and ![i](http://x) and &lt;http://auto&gt;" in html
    assert "<a " not in html and "<img" not in html
