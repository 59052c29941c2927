"""Plain read models for audit history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audit event as people read it: who changed what, when, and how."""

    id: int
    occurred_at: str
    actor: str
    entity: str
    entity_id: str
    action: str
    before_json: str | None
    after_json: str | None
    reason: str | None

    @property
    def before(self) -> dict[str, Any]:
        """The values before the change (empty for a creation)."""
        return json.loads(self.before_json) if self.before_json else {}

    @property
    def after(self) -> dict[str, Any]:
        """The values after the change."""
        return json.loads(self.after_json) if self.after_json else {}

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each value an update changed, version aside."""
        before, after = self.before, self.after
        return [
            (name, before.get(name), after.get(name))
            for name in after
            if name not in ("version", "id") and before.get(name) != after.get(name)
        ]

    def summary(self, width: int = 80) -> str:
        """One line saying what happened, e.g. `forecast: 2011-09-30 → 2011-11-30`."""
        after = self.after
        if self.action == "create" or not self.before_json:
            label = next(
                (
                    str(after[key])
                    for key in ("name", "description", "needed", "rationale", "line")
                    if after.get(key)
                ),
                "",
            )
            text = f"created {label}".strip()
            if self.entity == "rag_assessment":
                text = f"{after.get('period', '')} {after.get('rag', '')}: {label}"
        else:
            parts = [f"{name}: {_show(old)} → {_show(new)}" for name, old, new in self.changes()]
            text = "; ".join(parts) or "no visible change"
        return text if len(text) <= width else text[: width - 1] + "…"


def _show(value: Any) -> str:
    return "blank" if value is None or value == "" else str(value)
