"""Codes for initiatives created from proposals: short, readable, unique, made from the title.

Codes are kept to 11 characters, the width the portfolio list shows in full:
`Speech-to-text for witness interviews` becomes `SPEECH-TEXT`, and `Drone support
for missing persons` (too long as `DRONE-SUPPORT`) becomes `DRONE`. A clash adds
`-2`, `-3`, ... Pure apart from the `taken` test it is given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MAX_LENGTH = 11
STOP_WORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with", "new", "our", "its", "via"}
)


def base_code(title: str, reference: str) -> str:
    """The code the title suggests, before any clash is resolved."""
    words = [
        word.upper()
        for word in re.findall(r"[A-Za-z0-9]+", title)
        if word.lower() not in STOP_WORDS
    ]
    if not words:
        return reference.replace("FD-", "FD").replace("-", "")[:MAX_LENGTH]
    if len(words) > 1 and len(words[0]) + 1 + len(words[1]) <= MAX_LENGTH:
        return f"{words[0]}-{words[1]}"
    return words[0][:MAX_LENGTH]


def unique_code(title: str, reference: str, taken: Callable[[str], bool]) -> str:
    """The first of `BASE`, `BASE-2`, `BASE-3`, ... that is not `taken`."""
    base = base_code(title, reference)
    if not taken(base):
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = base[: MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if not taken(candidate):
            return candidate
        number += 1
