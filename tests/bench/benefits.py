"""Issue 18's figures: opening the portfolio benefits view (`B`) and an initiative's
Benefits tab (`9`) at 10k initiatives with 5 benefits each and 8 measurements per
benefit, beside opening the detail screen in the same pty session (the target: both
within the detail open's time). Its own module, so the figures merge apart from others'.

The view's figures are worked out once and kept while nothing changes (`store.kept`):
the app works them out after start-up and again a moment after each save. The fourth
figure is that working out, which an open waits for when it comes first (pressing `B`
within two seconds of a save, or before the warm-up is done)."""

from __future__ import annotations

import time
from pathlib import Path

from tests.bench.interactive import ENTER, ESCAPE, first_names, summary
from tests.bench.pty_session import PtySession
from tests.bench.pty_timing import _environment

OPENS = 6
VIEW_READY = b"Behind profile:"  # the view's second title, written once its figures land
TAB_READY = b"registered"  # "Benefits as at ...: 5 registered, 1 behind profile"


def measure_benefits(portfolio_bin: Path, path: Path | str, first_code: str) -> dict:
    """Open the first initiative, its Benefits tab, and the portfolio benefits view in
    turn, `OPENS` times each, timing each from the key to the frame that shows it."""
    name = first_names(path, 1)[0].encode()
    session = PtySession([str(portfolio_bin), "--db", str(path)], _environment())
    detail, tab, view = [], [], []
    try:
        session.wait_for(first_code.encode())
        session.settle(quiet=1.5)  # let the background warm-up finish
        for _ in range(OPENS):
            detail.append(session.time_keys(ENTER, name))
            session.settle(quiet=0.3)
            tab.append(session.time_keys(b"9", TAB_READY))
            session.settle(quiet=0.3)
            session.send(ESCAPE)
            session.settle(quiet=0.3)
            view.append(session.time_keys(b"B", VIEW_READY))
            session.settle(quiet=0.3)
            session.send(ESCAPE)
            session.settle(quiet=0.3)
    finally:
        session.close()
    return {"detail": summary(detail), "tab": summary(tab), "view": summary(view)}


def working_out(path: Path) -> tuple[float, float]:
    """(p50, p95) of `OPENS` readings of the view's figures with nothing kept."""
    from screens.benefits.portfolio_benefits import read_view
    from store.handle import Store

    times = []
    with Store(f"sqlite:///{path}", "bench") as store:
        for _ in range(OPENS):
            start = time.perf_counter()
            with store.reading() as connection:
                read_view(connection)
            times.append(time.perf_counter() - start)
    return summary(times)


def benefits_figures(portfolio_bin: Path, generated: Path, first_code: str) -> list[tuple]:
    """(name, (p50, p95), note) for the three opens, detail first, then the working out
    of the view's figures that an open after a save may wait for."""
    found = measure_benefits(portfolio_bin, generated, first_code)
    note = f"{OPENS} opens in one session, key to painted"
    return [
        ("open detail (beside the benefits), 10k", found["detail"], note + " (enter)"),
        ("open Benefits tab, 10k/50k benefits/400k measurements", found["tab"], note + " (9)"),
        ("open portfolio benefits view, 10k/50k/400k", found["view"], note + " (B, kept)"),
        (
            "work out the benefits view's figures, 10k/50k/400k",
            working_out(generated),
            f"{OPENS} reads in the bench process: in the background after a save",
        ),
    ]


def benefits_opens(demo: Path, generated: Path) -> list:
    """Issue 18: the portfolio benefits view and a Benefits tab against the detail open."""
    from tests.bench.run import BIN, Figure, ms, visible_rows  # run.py lists this measure

    first_code = visible_rows(generated, 1)[1][0]
    return [
        Figure(name, f"{ms(p50)} / {ms(p95)}", note, p50)
        for name, (p50, p95), note in benefits_figures(BIN / "portfolio", generated, first_code)
    ]
