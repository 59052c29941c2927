"""How a form puts someone else's saved changes together with what this user typed:
theirs where this user changed nothing, this user's where they did, and a clash named."""

from __future__ import annotations

from screens.common.form_merge import changes_between, conflict_text, merge

LABELS = {"owner": "Owner", "likelihood": "Likelihood", "impact": "Impact"}


def test_their_changes_with_mine_on_top_and_clashes_named():
    base = {"owner": "A", "likelihood": "3", "impact": "3"}
    mine = {"owner": "B", "likelihood": "3", "impact": "5"}
    theirs = {"owner": "A", "likelihood": "4", "impact": "2"}
    values, clashes = merge(base, mine, theirs, LABELS)
    assert values == {"owner": "B", "likelihood": "4", "impact": "5"}
    assert clashes == ["Impact"]
    text = conflict_text("Not saved", changes_between(base, theirs, LABELS), clashes).plain
    assert text.startswith("Not saved: Likelihood: 3 → 4; Impact: 3 → 2. Their changes")
    assert "(you both changed Impact: yours is in the form)" in text


def test_the_same_change_on_both_sides_is_no_clash():
    base = {"owner": "A", "likelihood": "3", "impact": "3"}
    both = {"owner": "B", "likelihood": "3", "impact": "3"}
    assert merge(base, both, both, LABELS) == (both, [])
