"""Police staff bands, in order, so that "one grade away" can be worked out.

The bands run from the most senior to the most junior:

    Band A (highest), Band B, Band C, Band D, Band E, Band F (lowest)

Temporary and agency workers are placed on the same bands as the post they fill.
Two bands are "one grade away" when they are next to each other in that list:
a Band D member of staff could fill a Band C post with training and support, and a
Band B member could step down into it. Grades are stored as `Band C`; input accepts
`C`, `band c` or `Band C`.
"""

from __future__ import annotations

BANDS: tuple[str, ...] = ("Band A", "Band B", "Band C", "Band D", "Band E", "Band F")


def parse_grade(text: str) -> str:
    """The canonical band for `text` (`C`, `band c`, `Band C`); ValueError otherwise."""
    cleaned = " ".join(str(text).split()).upper().removeprefix("BAND").strip()
    for band in BANDS:
        if cleaned == band[-1]:
            return band
    raise ValueError(f"{text!r} is not a band; use one of {', '.join(BANDS)} (e.g. C)")


def rank(grade: str) -> int:
    """0 for Band A (highest) up to 5 for Band F (lowest)."""
    return BANDS.index(parse_grade(grade))


def distance(first: str, second: str) -> int:
    """How many bands apart two grades are (0 for the same band)."""
    return abs(rank(first) - rank(second))


def neighbours(grade: str) -> tuple[str, ...]:
    """The grade itself and the bands either side of it, highest first."""
    index = rank(grade)
    return BANDS[max(0, index - 1) : index + 2]


def match_label(person_grade: str, post_grade: str) -> str:
    """How a displaced person's band fits a post: same band, or one above or below."""
    gap = rank(person_grade) - rank(post_grade)
    if gap == 0:
        return "same band"
    if gap == 1:
        return "one band below: with training"
    if gap == -1:
        return "one band above"
    return f"{abs(gap)} bands away"
