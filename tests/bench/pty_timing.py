"""Time programs in a real pseudo-terminal: from exec until given bytes are written."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Sequence

COLUMNS, LINES = 160, 50


def compile_app() -> None:
    """Compile the app's own modules (as `make run` does; a no-op when they are), so our
    app starts as installed, like the reference apps, whose Textual pip compiled: where
    PYTHONDONTWRITEBYTECODE is set, each start would otherwise compile them again."""
    import compileall
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    for package in project["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]:
        compileall.compile_dir(root / package, quiet=1)


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update({"TERM": "xterm-256color", "COLORTERM": "truecolor"})
    for name in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL"):
        env.pop(name, None)
    return env


def time_until(argv: Sequence[str], marker: bytes, *, timeout: float = 30.0) -> float:
    """Seconds from just before exec until `marker` appears in the program's output."""
    env = _environment()
    started = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, then become the program
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        os.execvpe(argv[0], list(argv), env)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{argv[0]} never wrote {marker!r}")
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise RuntimeError(f"{argv[0]} exited before writing {marker!r}") from None
            seen = seen[-len(marker) :] + chunk
            if marker in seen:
                return time.perf_counter() - started
    finally:
        stop(pid, fd)


def stop(pid: int, fd: int) -> None:
    """End the program and reap it."""
    try:
        os.kill(pid, signal.SIGTERM)
        deadline = time.perf_counter() + 3
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            with contextlib.suppress(OSError):
                os.read(fd, 65536)
            time.sleep(0.01)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    finally:
        os.close(fd)
