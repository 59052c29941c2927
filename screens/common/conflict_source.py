"""What a declared form (`DeclaredForm`) needs to handle a stale save: where to read the
record as someone else left it, and what the record held when the form was opened.

A form whose save can be refused because someone else saved the record first gets a
`ConflictSource`. When the store refuses with `StaleVersionError`, the form reads the
record again through `read` (in a worker), merges their changes with what the user
typed, and opens the conflict dialog; the next save carries the version just read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from store.concurrency import LastChange


@dataclass(frozen=True)
class Current:
    """The record as saved now: its values (by form field name, plus any read-only facts
    the source labels), its version, and the audit log's last change to it."""

    values: dict[str, Any]
    version: int
    change: LastChange | None


@dataclass(frozen=True)
class ConflictSource:
    """How a form learns what someone else changed.

    `kind` names the record in messages ("Posting List entry"); `opened` holds the record's
    values as the form was opened ({} for a record that did not exist yet); `read` returns
    the record as it is now for the data the form tried to save, or None if it is gone;
    `facts` labels values that are shown but not typed (a status, an agenda count);
    `key_fields` are fields that pick which record is meant: when the user changes them,
    the version read for the old record no longer applies, so the save asks for a new one;
    `final` says, from the record's values now, that this change can no longer be made
    (the meeting is closed, the person has left), so the dialog offers no re-apply.
    """

    kind: str
    opened: dict[str, Any]
    read: Callable[[sqlite3.Connection, Mapping[str, Any]], Current | None]
    facts: dict[str, str] = field(default_factory=dict)
    key_fields: tuple[str, ...] = ()
    final: Callable[[dict[str, Any]], bool] | None = None


def as_text(value: Any) -> str:
    """A value as the conflict dialog shows it: yes/no for a flag, blank for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
