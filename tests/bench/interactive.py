"""Keypress-to-repaint figures, measured in one running TUI in a pty (at 10k/40), on a
SQLite file or a database URL."""

from __future__ import annotations

import statistics
from pathlib import Path

from tests.bench.pty_session import FRAME_END, PtySession
from tests.bench.pty_timing import _environment

ESCAPE, DOWN, ENTER = b"\x1b", b"j", b"\r"
FILTER_KEYS = "aeioustrdlnmcgh"  # each typed alone into a filter, backspace between


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values fall (nearest rank)."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def summary(values: list[float]) -> tuple[float, float]:
    """(p50, p95) of a list of seconds."""
    return statistics.median(values), percentile(values, 0.95)


def store_url(db: Path | str) -> str:
    """The store URL of what `--db` names: a database URL as it is, a file as SQLite."""
    return str(db) if "://" in str(db) else f"sqlite:///{db}"


def filter_counts(path: Path | str, characters: str) -> dict[str, int]:
    """How many rows each one-character filter matches, from the store itself."""
    from store.handle import Store
    from store.portfolio.queries import PortfolioQuery, portfolio_summary

    with Store(store_url(path), "bench") as store, store.reading() as connection:
        return {c: portfolio_summary(connection, PortfolioQuery(text=c)).total for c in characters}


def first_names(path: Path | str, count: int) -> list[str]:
    """The names of the first `count` rows of the list, in order."""
    from store.handle import Store
    from store.portfolio.queries import PortfolioQuery, portfolio_page

    with Store(store_url(path), "bench") as store, store.reading() as connection:
        return [row.name for row in portfolio_page(connection, PortfolioQuery(), limit=count)]


def request_total(path: Path | str) -> int:
    """How many Star Chamber requests the database holds."""
    from store.handle import Store
    from store.star_chamber.queries.requests import RequestQuery, request_count

    with Store(store_url(path), "bench") as store, store.reading() as connection:
        return request_count(connection, RequestQuery())


def time_typing(session: PtySession, typed: list[tuple[str, bytes, bytes]]) -> list[float]:
    """Type each `(character, marker, back)`: time until `marker` shows, then backspace
    and wait for `back` (the screen as it was)."""
    keystrokes = []
    for character, marker, back in typed:
        keystrokes.append(session.time_keys(character.encode(), marker))
        session.send(b"\x7f")  # backspace: back to the whole list
        session.wait_for(back)
        session.settle(quiet=0.2)
    return keystrokes


def time_filter_keystrokes(session: PtySession, path: Path | str, characters: str) -> list[float]:
    """Type each character into the list's filter and time the count; backspace between."""
    counts = filter_counts(path, characters)
    total = filter_counts(path, " ")[" "]
    session.send(b"/")
    session.settle()
    back = f"{total} shown".encode()
    keystrokes = time_typing(
        session,
        [(c, f"{counts[c]} shown".encode(), back) for c in characters if counts[c] != total],
    )
    session.send(ENTER)  # back to the table, keeping the (empty) filter
    session.settle()
    session.send(b"\x1b[H")  # home: the first row
    session.settle()
    return keystrokes


def time_detail_opens(session: PtySession, names: list[str]) -> list[float]:
    """Open the detail screens of the list's first rows (their `names`) in turn, timing each."""
    opens = []
    for index, name in enumerate(names):
        opens.append(session.time_keys(ENTER, name.encode()))
        session.settle(quiet=0.3)
        session.send(ESCAPE)
        session.settle(quiet=0.3)
        if index < len(names) - 1:
            session.send(DOWN)
            session.settle(quiet=0.2)
    return opens


def measure(portfolio_bin: Path, path: Path | str, first_code: str) -> dict[str, object]:
    """Cursor moves, filter keystrokes, detail and Star Chamber opens in one session;
    then peak RSS."""
    requests = request_total(path)
    session = PtySession([str(portfolio_bin), "--db", str(path)], _environment())
    try:
        session.wait_for(first_code.encode())
        session.settle(quiet=1.5)  # let the background warm-up finish

        moves = [session.time_keys(DOWN, FRAME_END) for _ in range(60)]
        session.settle()
        keystrokes = time_filter_keystrokes(session, path, FILTER_KEYS)
        opens = time_detail_opens(session, first_names(path, 8))

        hubs = []
        for _ in range(5 if requests else 0):
            hubs.append(session.time_keys(b"s", f"{requests} shown".encode()))
            session.settle(quiet=0.3)
            session.send(ESCAPE)
            session.settle(quiet=0.3)
        rss = session.peak_rss_mb()
    finally:
        session.close()
    return {
        "cursor": summary(moves),
        "filter": summary(keystrokes),
        "detail": summary(opens),
        "star_chamber": summary(hubs) if hubs else None,
        "requests": requests,
        "rss_mb": rss,
        "samples": (len(moves), len(keystrokes), len(opens), len(hubs)),
    }
