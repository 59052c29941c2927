"""What the Star Chamber decide dialog says about the Posting List and the outcome.

An approval deals with the Posting List first: the secretary chooses a named person
from the list, or "No one on the list is suitable" and says why. Nothing is chosen
until they do, and the dialog says plainly who will be posted. An extension keeps its
worker in post, so its people are shown but cannot be chosen.
"""

from __future__ import annotations

from rich.text import Text

from store.star_chamber.read_models import DecisionPreview, RequestDetail
from store.star_chamber.types import Outcome
from widgets.pick_list import Line

NONE_SUITABLE = "none"
NONE_SUITABLE_LINE = "No one on the list is suitable (say why)"
CHOOSE = "choose who is posted: enter on a person, or on “No one on the list is suitable”"
SAY_WHY = "say why no one on the list was suitable"
OUTCOME_KEYS = "Press a, c, r, d or w to choose the outcome."
CHANGE_KEYS = "← → change the outcome; tab goes to the fields."


def posting_lines(request: RequestDetail, preview: DecisionPreview) -> list[Line]:
    """The people who could fill the post (not choosable for an extension), then the
    line that says no one on the list is suitable."""
    lines = []
    for match in preview.matches:
        person = match.person
        prompt = Text(f"{person.reference} {person.name}", style="bold")
        prompt.append(f" · {person.grade} · {match.label} · from {person.business_group}")
        prompt.append(f" · {person.skills}", style="dim")
        lines.append(Line(person.reference, prompt, enabled=not request.row.is_extension))
    lines.append(Line(NONE_SUITABLE, Text(NONE_SUITABLE_LINE, style="italic")))
    return lines


def extension_note(request: RequestDetail) -> str:
    """Why an extension's approval cannot post anyone ('' for any other request)."""
    if not request.row.is_extension:
        return ""
    worker = f"{request.engagement_reference} {request.engagement_worker}"
    return (
        f"An extension keeps {worker} in post, so approving it posts no one from the list "
        "(to post one of them, reject the extension). Say why none of them suits."
    )


def chosen_text(choice: str | None, request: RequestDetail, preview: DecisionPreview) -> Text:
    """Who will be posted, in words, or that nobody is chosen yet."""
    if choice is None:
        how = "" if request.row.is_extension else "enter on a person posts them; or "
        return Text(
            f"Nobody chosen yet: {how}choose “No one on the list is suitable” and say why.",
            style="italic",
        )
    if choice == NONE_SUITABLE:
        return Text("No one will be posted: no one on the list is suitable. Say why below.")
    match = next(m for m in preview.matches if m.person.reference == choice)
    person = match.person
    text = Text("Will post ")
    text.append(f"{person.reference} {person.name}", style="bold")
    text.append(f" ({match.label}, from {person.business_group}).")
    return text


def outcome_note(outcome: Outcome | None, typed: bool) -> Text:
    """The keys for the outcome, or (after keys typed on it) that typing there changes
    nothing."""
    if not typed:
        return Text(CHANGE_KEYS if outcome else OUTCOME_KEYS, style="dim")
    now = outcome.label if outcome else "none chosen yet"
    text = Text(f"Typing here does not change the outcome ({now}). ", style="bold")
    text.append(CHANGE_KEYS if outcome else "Press ← → to choose one; tab goes to the fields.")
    return text
