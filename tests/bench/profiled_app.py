"""The portfolio app under cProfile, switched on by SIGUSR1 and written out by SIGUSR2.

Run as `python profiled_app.py OUT.prof --db DB`; `tests.bench.profile` drives it in a
pty so that only the keystrokes it times are profiled (the event loop's thread; the
workers' database reads are timed separately by the store's own figures).
"""

import cProfile
import signal
import sys

from tui.cli import main

PROFILE = cProfile.Profile()
OUTPUT = sys.argv[1]


def start(*_) -> None:
    """Start profiling (SIGUSR1)."""
    PROFILE.enable()


def stop(*_) -> None:
    """Stop profiling and write the statistics (SIGUSR2)."""
    PROFILE.disable()
    PROFILE.dump_stats(OUTPUT)


if __name__ == "__main__":
    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    sys.argv = ["portfolio", *sys.argv[2:]]
    sys.exit(main())
