"""The portfolio list held in memory, so that each filter keystroke is answered without
a query: every row in hierarchy order, with the text the filter searches.

`load_index` reads it once, in a worker (`kept_index` keeps it while the data is
unchanged); `PortfolioIndex.select` then gives the rows a `PortfolioQuery` shows,
exactly as `queries.portfolio_page` would, for the queries it covers (`covers`: the
hierarchy order, either way, and any text, RAG and tier filters; the other sorts and
the Response to Red filter stay in SQL). The index is a snapshot: its owner drops it
when the data changes and loads it again.

The text filter is the SQL one (`store.sql.word_clauses`): every word must appear in
the code, name, business group or SRO, both sides lowered. The row's texts are lowered
by the database itself; the words by the same rule, probed from the database once
(SQLite lowers ASCII letters only, PostgreSQL every letter).

The filter is answered from masks, not by testing each row at each key. A mask is an
int with one byte per row (1 where the row matches, row 0 lowest), so a filter is a few
ANDs and its count is `int.bit_count`. `load_index` makes one mask for each character
in the texts and for each RAG and tier. A one-letter word is its character's mask; a
longer word is tested only on the rows holding all of its characters. So a keystroke
costs about the same at 100,000 initiatives as at 1,000 (issue 19).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial, reduce
from itertools import compress, islice, repeat
from operator import contains, eq, itemgetter, or_

from store import clock
from store.demo import is_empty
from store.kept import Kept
from store.portfolio.queries import NO_RAG, PortfolioQuery, current_period, portfolio_values
from store.portfolio.read_models import ROW_FIELDS, PortfolioRow, PortfolioSummary

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PROBE = "AÉ"


def ascii_lower(text: str) -> str:
    """`text` with only its ASCII letters lowered (SQLite's `lower`)."""
    return text.translate(_ASCII_LOWER)


def engine_lower(connection) -> Callable[[str], str]:
    """The Python equivalent of the database's `lower()`, found by asking it."""
    sql = "SELECT lower(CAST(:probe AS TEXT))"
    lowered = connection.execute(sql, {"probe": _PROBE}).fetchone()[0]
    return str.lower if lowered == _PROBE.lower() else ascii_lower


_TEXTS = """
    SELECT i.id, lower(i.code), lower(i.name), lower(bg.code), lower(COALESCE(i.sro, ''))
    FROM initiative AS i JOIN business_group AS bg ON bg.id = i.business_group_id
"""


@dataclass(frozen=True)
class PortfolioIndex:
    """Every row of the portfolio list, in hierarchy order, and what the filter searches."""

    # Each row's values (`PortfolioRow.from_values`): plain values the garbage collector
    # does not walk, where 100,000 row objects would cost 30 ms at each full collection.
    values: tuple[tuple, ...]
    # Each row's code, name, business group and SRO, lowered, one per line: a word of
    # the filter (no whitespace in it) is found in the text only within one of them.
    texts: tuple[str, ...]
    lower: Callable[[str], str]
    period: str
    empty: bool  # the database holds no initiatives and no business groups
    places: dict[str, int] = field(default_factory=dict, compare=False)  # code: row
    # Masks by ("char", c), ("rag", letter or None) and ("tier", tier), made at load for
    # every character in the texts and every RAG and tier in the rows: one not there
    # has none (no row holds it).
    masks: dict = field(default_factory=dict, compare=False)
    # The last filter asked and its mask, as one value (read from worker threads too).
    _last: dict = field(default_factory=dict, compare=False)

    @staticmethod
    def covers(query: PortfolioQuery) -> bool:
        """Whether `select` answers `query` (else it is one for SQL)."""
        return query.sort == "hierarchy" and not query.red_response

    def select(self, query: PortfolioQuery) -> list[PortfolioRow]:
        """Every row `query` shows, in its order (`queries.portfolio_page`)."""
        return self.window(query, 0, len(self.values))

    def window(self, query: PortfolioQuery, start: int, count: int) -> list[PortfolioRow]:
        """`count` of the rows `query` shows, from the `start`th, in its order: only the
        rows up to the window's end are gone through, not the whole list."""
        values: Iterable[tuple] = self.values
        flags: Iterable[int] = self._flags(self.mask(query))
        if query.descending:
            values, flags = reversed(self.values), reversed(flags)  # type: ignore[arg-type]
        shown = islice(compress(values, flags), start, start + count)
        return list(map(PortfolioRow.from_values, shown))

    def summary(self, query: PortfolioQuery) -> PortfolioSummary:
        """What `queries.portfolio_summary` says of `query`."""
        mask = self.mask(query)
        red, amber, green, unrated = (
            (mask & self.masks.get(("rag", letter), 0)).bit_count()
            for letter in ("R", "A", "G", None)
        )
        return PortfolioSummary(mask.bit_count(), red, amber, green, unrated)

    def position(self, query: PortfolioQuery, code: str | None) -> int | None:
        """Where the row with `code` is among `query`'s rows (`queries.position_of`)."""
        place = self.places.get(code) if code is not None else None
        mask = self.mask(query)
        if place is None or not (mask >> (8 * place)) & 1:
            return None
        before = (mask & ((1 << (8 * place)) - 1)).bit_count()
        return mask.bit_count() - 1 - before if query.descending else before

    def mask(self, query: PortfolioQuery) -> int:
        """The rows `query` shows, as a mask (the last one is kept)."""
        key = (query.text, query.rags, query.tier)
        last = self._last.get("mask")
        if last is not None and last[0] == key:
            return last[1]
        mask = _ones(len(self.values))
        for word in (self.lower(word) for word in query.text.split()):
            mask = self._word_mask(word, mask)
        if query.rags:
            letters = [None if letter == NO_RAG else letter for letter in query.rags]
            mask &= reduce(or_, (self.masks.get(("rag", letter), 0) for letter in letters))
        if query.tier:  # as `queries` tests it
            mask &= self.masks.get(("tier", query.tier), 0)
        self._last["mask"] = (key, mask)
        return mask

    def _word_mask(self, word: str, within: int) -> int:
        """The rows of `within` whose text holds `word`: those holding each of its
        characters; for a longer word, those of them whose text holds the word itself."""
        for char in set(word):  # a character in no text has no mask: no row holds it
            within &= self.masks.get(("char", char), 0)
        if len(word) < 2 or not within:
            return within
        flags = self._flags(within)
        places = compress(range(len(self.values)), flags)
        found = compress(places, map(contains, compress(self.texts, flags), repeat(word)))
        return _mask_of(found, len(self.values))

    def _flags(self, mask: int) -> bytes:
        """The mask as bytes, one per row (for `compress`)."""
        return mask.to_bytes(len(self.values), "little")


def _mask(flags: Iterable[bool]) -> int:
    """A mask from one truth value per row."""
    return int.from_bytes(bytes(flags), "little")


def _mask_of(places: Iterable[int], count: int) -> int:
    """The mask of `count` rows with these rows set."""
    flags = bytearray(count)
    deque(map(flags.__setitem__, places, repeat(1)), maxlen=0)
    return int.from_bytes(flags, "little")


def _ones(count: int) -> int:
    """The mask of every row."""
    return int.from_bytes(b"\x01" * count, "little")


def load_index(connection) -> PortfolioIndex:
    """Read the whole list (with each row's overdue milestones) and its search texts, and
    make its masks."""
    values = portfolio_values(connection, PortfolioQuery())
    texts = {row_id: "\n".join(parts) for row_id, *parts in connection.execute(_TEXTS).fetchall()}
    ids, codes = (list(map(itemgetter(ROW_FIELDS.index(name)), values)) for name in ("id", "code"))
    index = PortfolioIndex(
        values=tuple(values),
        texts=tuple(map(texts.__getitem__, ids)),
        lower=engine_lower(connection),
        period=current_period(connection),
        empty=is_empty(connection),
        places=dict(zip(codes, range(len(codes)), strict=True)),
    )
    _make_masks(index)
    return index


def kept_index(kept: Kept, connection) -> PortfolioIndex:
    """`load_index`, or the index it gave last time while the data is unchanged
    (`store.kept`: the audit chain's head is the same), so coming back to the list and
    filtering again reads nothing more. The key holds today, which names the reporting
    period when none is set."""
    return kept.read(connection, ("portfolio index", clock.today()), load_index)


def _make_masks(index: PortfolioIndex) -> None:
    """Mask each character found in the texts, each RAG and each tier: at 100,000
    initiatives about 0.15 s, in the loading worker rather than at the first keys."""
    masks, texts, values = index.masks, index.texts, index.values
    for char in set("".join(texts)):
        masks[("char", char)] = _mask(map(contains, texts, repeat(char)))
    for name, found in (("rag", ("R", "A", "G", None)), ("tier", ())):
        field_of = itemgetter(ROW_FIELDS.index(name))
        for value in {*found, *map(field_of, values)}:
            masks[(name, value)] = _mask(map(partial(eq, value), map(field_of, values)))
