"""The log of an unexpected error (a traceback, which may quote personal data) is
owner-only whatever the umask: its folder 0700, the file 0600 (issue 15 §6)."""

from __future__ import annotations

import os
import stat

import platformdirs
import pytest

from tui.cli.common import log_unexpected


@pytest.fixture
def open_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("existing", [False, True])
def test_the_error_log_is_owner_only(tmp_path, monkeypatch, open_umask, existing):
    folder = tmp_path / "logs" / "portfolio"
    if existing:  # a folder an older version created 0755
        folder.mkdir(parents=True, mode=0o755)
    monkeypatch.setattr(platformdirs, "user_log_path", lambda name: folder)

    path = log_unexpected(RuntimeError("grade C, j.okafor"))

    assert path is not None and path.parent == folder
    assert "j.okafor" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
