"""The portfolio app under cProfile, switched on by SIGUSR1 and written out by SIGUSR2.

Run as `python profiled_app.py OUT.prof --db DB`; `tests.bench.profiling` drives it in
a pty so that only the keystrokes it times are profiled (the event loop's thread; the
workers' database reads are timed separately by the store's own figures). With
`PORTFOLIO_PROFILE_START=1` in the environment the profile starts before the app's
imports, for its first paint.
"""

import cProfile
import os
import signal
import sys

PROFILE = cProfile.Profile()
OUTPUT = sys.argv[1]
if os.environ.get("PORTFOLIO_PROFILE_START"):
    PROFILE.enable()

from tui.cli import main  # noqa: E402 - after the profile starts, to count the imports


def start(*_) -> None:
    """Start profiling (SIGUSR1)."""
    PROFILE.enable()


def stop(*_) -> None:
    """Stop profiling and write the statistics (SIGUSR2)."""
    PROFILE.disable()
    PROFILE.dump_stats(OUTPUT + ".part")
    os.replace(OUTPUT + ".part", OUTPUT)  # whole, for the driver waiting for it


if __name__ == "__main__":
    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    sys.argv = ["portfolio", *sys.argv[2:]]
    sys.exit(main())
