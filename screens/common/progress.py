"""Progress from a worker thread to a progress bar, without flooding the event loop."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def throttled(report: Callable[..., None]) -> Callable[..., None]:
    """Pass progress `(done, total, *more)` on only when the whole percentage moves (and
    at the end), so a million rows do not mean a million trips to the event loop."""
    last = [-1]

    def progress(done: int, total: int, *more: Any) -> None:
        percent = done * 100 // max(1, total)
        if percent != last[0] or done >= total:
            last[0] = percent
            report(done, total, *more)

    return progress
