"""What each score means under each lens: one line of guidance per score, 1 to 5.

The triage form shows the line for the score chosen, so two secretaries scoring the
same proposal read the same yardstick.
"""

from __future__ import annotations

from store.front_door.types import Lens

SCORES = (1, 2, 3, 4, 5)
MIN_SCORE, MAX_SCORE = 1, 5
MIN_TOTAL, MAX_TOTAL = 3, 15

QUESTIONS = {
    Lens.DESIRABLE: "Fit with the force's direction and demand",
    Lens.DELIVERABLE: "Capacity, capability and dependencies",
    Lens.AFFORDABLE: "Cost against budget and benefits",
}

GUIDANCE: dict[Lens, dict[int, str]] = {
    Lens.DESIRABLE: {
        1: "No visible link to the force's priorities, and nobody is asking for it.",
        2: "A loose link to one priority; demand is anecdotal.",
        3: "Supports a stated priority; some evidence that teams need it.",
        4: "Clearly advances a priority, with evidence of demand from several teams.",
        5: "Central to the force's direction, with strong and measured demand.",
    },
    Lens.DELIVERABLE: {
        1: "No team, skills or capacity to do it, and it rests on unplanned work.",
        2: "Skills are missing and key dependencies are unresolved.",
        3: "Could be delivered with help; dependencies are known and manageable.",
        4: "A team with the skills is available; dependencies are planned.",
        5: "Ready to start now with people, skills and dependencies in place.",
    },
    Lens.AFFORDABLE: {
        1: "Unfunded, with costs well beyond any benefit identified.",
        2: "Funding unclear and benefits thin or unquantified.",
        3: "Can be funded from existing budgets; benefits roughly match costs.",
        4: "Funded, and benefits clearly exceed costs.",
        5: "Pays back quickly, or costs little against substantial benefits.",
    },
}


def guidance(lens: Lens | str, score: int) -> str:
    """The guidance line for `score` under `lens`."""
    return GUIDANCE[Lens(lens)][score]
