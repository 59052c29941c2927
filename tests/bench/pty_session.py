"""Drive a TUI in a real pseudo-terminal: send keys, and time until the screen shows a change.

The session answers Textual's synchronized-output query, so every frame arrives wrapped
in begin/end markers; "repainted" means the end marker of the frame that carries the
expected bytes.
"""

from __future__ import annotations

import os
import pty
import select
import time
from collections.abc import Sequence

from tests.bench.pty_timing import COLUMNS, LINES, stop

SYNC_QUERY = b"\x1b[?2026$p"
SYNC_REPLY = b"\x1b[?2026;2$y"
FRAME_END = b"\x1b[?2026l"


class PtySession:
    """One program running in a pty of COLUMNS x LINES."""

    def __init__(self, argv: Sequence[str], env: dict[str, str]) -> None:
        import fcntl
        import struct
        import termios

        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
            os.execvpe(argv[0], list(argv), env)
        self.buffer = b""

    def _read(self, timeout: float) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return b""
        chunk = os.read(self.fd, 1 << 16)
        if SYNC_QUERY in chunk:
            os.write(self.fd, SYNC_REPLY)
        return chunk

    def wait_for(self, marker: bytes, *, timeout: float = 20.0, frame_end: bool = True) -> float:
        """Seconds until `marker` has been written (and its frame finished) since the
        last `send` or `wait_for`."""
        started = time.perf_counter()
        found = False
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"never saw {marker!r}")
            self.buffer += self._read(left)
            if not found and marker in self.buffer:
                found = True
                self.buffer = self.buffer[self.buffer.index(marker) :]
            if found and (not frame_end or FRAME_END in self.buffer):
                self.buffer = b""
                return time.perf_counter() - started

    def settle(self, quiet: float = 0.4, limit: float = 10.0) -> None:
        """Read until nothing has been written for `quiet` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if not self._read(quiet):
                break
        self.buffer = b""

    def send(self, keys: bytes) -> float:
        """Write keys as the terminal would; returns the moment they were sent."""
        self.buffer = b""
        os.write(self.fd, keys)
        return time.perf_counter()

    def time_keys(self, keys: bytes, marker: bytes, *, timeout: float = 20.0) -> float:
        """Seconds from writing `keys` until a frame showing `marker` is complete."""
        sent = self.send(keys)
        self.wait_for(marker, timeout=timeout)
        return time.perf_counter() - sent

    def peak_rss_mb(self) -> float:
        """The process's peak resident set size so far, in MB."""
        with open(f"/proc/{self.pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def close(self) -> None:
        """End the program."""
        stop(self.pid, self.fd)
