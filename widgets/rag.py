"""RAG badges and trends as rich Text: colour plus the letter, so colour is never the
only signal (monochrome terminals and screen readers still get R, A or G)."""

from __future__ import annotations

from rich.text import Text

from store.benefits.types import Confidence
from store.types import Rag, Trend

BADGE_STYLES = {
    "R": "bold #ffffff on #b71c1c",
    "A": "bold #000000 on #ffb300",
    "G": "bold #ffffff on #2e7d32",
}
TREND_STYLES = {Trend.UP: "bold #43a047", Trend.DOWN: "bold #e53935", Trend.SAME: "#9e9e9e"}
NO_RAG_STYLE = "#9e9e9e"


def rag_badge(rag: str | None, *, word: bool = False) -> Text:
    """A coloured badge with the letter (and the word, if asked): ` R ` or ` R Red `."""
    if not rag:
        return Text(" – " + ("none " if word else ""), style=NO_RAG_STYLE)
    label = f" {rag} {Rag(rag).word} " if word else f" {rag} "
    return Text(label, style=BADGE_STYLES[rag])


CONFIDENCE_STYLES = {
    Confidence.GREEN: BADGE_STYLES["G"],
    Confidence.AMBER_GREEN: "bold #000000 on #9ccc65",
    Confidence.AMBER: BADGE_STYLES["A"],
    Confidence.AMBER_RED: "bold #ffffff on #e65100",
    Confidence.RED: BADGE_STYLES["R"],
}


def confidence_letters(rating: Confidence) -> str:
    """`A/G` for Amber/Green: the five-point rating in letters."""
    return "/".join(rating.value) if len(rating.value) > 1 else rating.value


def confidence_badge(rating: Confidence | None, *, word: bool = True) -> Text:
    """A delivery confidence rating as a coloured badge with its letters and word:
    ` A/G Amber/Green `, so it reads without colour; without the word, the letters
    centred in five cells (`  G  `, ` A/G `), for a table column."""
    letters = confidence_letters(rating) if rating is not None else "–"
    label = f" {letters} {rating.word if rating else 'none'} " if word else f" {letters:^3} "
    return Text(label, style=CONFIDENCE_STYLES[rating] if rating else NO_RAG_STYLE)


def trend_mark(trend: Trend | None) -> Text:
    """▲, ▼ or = in its colour; a dim dot when there is no earlier period."""
    if trend is None:
        return Text("·", style=NO_RAG_STYLE)
    return Text(trend.value, style=TREND_STYLES[trend])


def trend_word(trend: Trend | None) -> str:
    """The trend in words, for help text and screen readers."""
    return {Trend.UP: "improving", Trend.DOWN: "worsening", Trend.SAME: "unchanged"}.get(
        trend, "no earlier period"
    )
