"""The risk form: add a risk to an initiative or edit one, with its score worked out as
likelihood and impact are typed."""

from __future__ import annotations

import sqlite3

from rich.text import Text
from sqlmodel import Session
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from screens.common.record_form import RecordForm, cell, date_cell, hint_beside, record_help, row
from store.fields import field_problems
from store.programme.risks.inputs import RiskIn
from store.programme.risks.read_models import RiskRead
from store.programme.types import RiskStatus, Roam, risk_score, score_band
from widgets.heat_map import BAND_STYLES, IMPACT, LIKELIHOOD
from widgets.plain_text import Select, Static


def scale_word(text: str, words: dict[int, str]) -> str:
    """'3 possible' for a valid score typed as '3', else ''."""
    text = text.strip()
    return words[int(text)] if text.isdigit() and int(text) in words else ""


def score_text(likelihood: str, impact: str) -> Text:
    """The score as the form shows it while typing: the number, its band, in words."""
    word_l, word_i = scale_word(likelihood, LIKELIHOOD), scale_word(impact, IMPACT)
    if not (word_l and word_i):
        return Text("Score: give likelihood and impact from 1 to 5", style="italic")
    score = risk_score(int(likelihood), int(impact))
    band = score_band(score)
    text = Text("Score ")
    text.append(f" {score} {band} ", style=f"bold {BAND_STYLES[band]}")
    text.append(f"  = likelihood {likelihood.strip()} ({word_l}) × impact {impact.strip()} ")
    text.append(f"({word_i})")
    return text


def scale_hint(words: dict[int, str]) -> str:
    """'1 rare · 2 unlikely · …' for the hint beside a score field."""
    return " · ".join(f"{n} {word}" for n, word in words.items())


class RiskForm(RecordForm):
    """Add or edit a risk."""

    KIND = "risk"
    HELP_TITLE = "Risk form"
    HELP = f"""
A risk to this initiative. **Description** says what could go wrong; **cause** and
**effect** what would bring it about and what it would do. **Likelihood** (1 rare to 5
almost certain) times **impact** (1 minimal to 5 severe) gives its **score**, shown as
you type: 15 and over is high, 5 to 12 medium, 4 and under low.

**Proximity** is when it could strike (`YYYY-MM-DD`, optional). **Status** is open or
closed; the **ROAM** response says whether it is Resolved, Owned, Accepted or
Mitigated (or none yet).

`tab` moves between fields, `enter` opens a choice. Each field is checked as you type.
{record_help("risk")}"""

    LABELS = {
        "description": "Description",
        "cause": "Cause",
        "effect": "Effect",
        "likelihood": "Likelihood",
        "impact": "Impact",
        "proximity": "Proximity",
        "owner": "Owner",
        "mitigation": "Mitigation",
        "status": "Status",
        "roam": "ROAM",
    }
    REQUIRED = ("description", "likelihood", "impact")

    def compose_fields(self) -> ComposeResult:
        for name, label, placeholder in (
            ("description", "Description", ""),
            ("cause", "Cause", "what could bring it about"),
            ("effect", "Effect", "what it would do to the initiative"),
        ):
            yield row(cell(name, label, Input(id=name, compact=True, placeholder=placeholder)))
        for name, label, words in (
            ("likelihood", "Likelihood", LIKELIHOOD),
            ("impact", "Impact", IMPACT),
        ):
            score = Input(id=name, compact=True, max_length=3, classes="short")
            yield row(cell(name, label, score, beside=hint_beside(scale_hint(words))))
        yield Static(id="score", classes="score")
        yield row(date_cell("proximity", "Proximity", "when it could strike (optional)"))
        yield row(cell("owner", "Owner", Input(id="owner", compact=True)))
        mitigation = TextArea(id="mitigation", compact=True, soft_wrap=True, tab_behavior="focus")
        yield row(cell("mitigation", "Mitigation", mitigation))
        statuses = [(status.value, status.value) for status in RiskStatus]
        roams = [(roam.value.capitalize(), roam.value) for roam in Roam]
        yield row(
            cell(
                "status",
                "Status",
                Select(statuses, id="status", allow_blank=False, compact=True),
            ),
            cell(
                "roam",
                "ROAM",
                Select(roams, id="roam", prompt="none yet", compact=True),
                second=True,
            ),
        )

    def values_of(self, record: RiskRead) -> dict[str, str]:
        """A risk's values as the form shows them."""
        return {
            "description": record.description,
            "cause": record.cause,
            "effect": record.effect,
            "likelihood": str(record.likelihood),
            "impact": str(record.impact),
            "proximity": str(record.proximity or ""),
            "owner": record.owner,
            "mitigation": record.mitigation,
            "status": record.status,
            "roam": record.roam or "",
        }

    def defaults(self) -> dict[str, str]:
        """A new risk is open, with no ROAM response yet."""
        return {"status": RiskStatus.OPEN.value}

    def problems_in(self, values: dict[str, str]) -> dict[str, str]:
        """The store's own checks, every field at once."""
        return field_problems(RiskIn, {"code": self.code, **values})

    def live(self, values: dict[str, str]) -> None:
        """Work out the score as likelihood and impact are typed."""
        score = score_text(values["likelihood"], values["impact"])
        self.query_one("#score", Static).update(score)

    def write_record(
        self, values: dict[str, str], version: int | None, session: Session
    ) -> RiskRead:
        """Create the risk, or update it expecting the version it was opened at."""
        from store.programme.risks.services import create_risk, update_risk

        if self.record is None:
            return create_risk({"code": self.code, **values}, session=session)
        change = {"id": self.record.id, **values, "expected_version": version}
        return update_risk(change, session=session)

    def read_record(self, connection: sqlite3.Connection) -> RiskRead | None:
        """The risk as it is now."""
        from store.programme.risks.queries import risk

        return risk(connection, self.record.id)
