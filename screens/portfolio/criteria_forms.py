"""The RAG criteria's forms, each a `DeclaredForm` wired to one store service: add
a criterion, rename one, change its description. Renaming and describing carry the
version the screen read; if someone else changed the criterion first, the conflict
dialog shows what they changed (`criterion_source`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from screens.common.conflict_source import ConflictSource, Current
from screens.common.declared_form import DeclaredForm, through
from screens.common.form_fields import FormField
from store.concurrency import last_change
from store.portfolio.criteria.inputs import CriterionDescribe, CriterionIn, CriterionRename
from store.portfolio.criteria.read_models import CriterionRow

KIND = "RAG criterion"


def _saving(service: str) -> Callable[[Any, dict[str, Any]], CriterionRow]:
    """A form's save: the named criteria service in one write transaction."""
    from store.portfolio.criteria import services

    return through(getattr(services, service))


def _values(row: CriterionRow) -> dict[str, Any]:
    """A criterion as its forms compare it."""
    return {"new_name": row.name, "description": row.description}


def criterion_source(row: CriterionRow) -> ConflictSource:
    """Where a rename or describe form reads the criterion again, by id."""

    def read(connection: sqlite3.Connection, _data: Mapping[str, Any]) -> Current | None:
        from store.portfolio.criteria.queries import criterion_row

        now = criterion_row(connection, row.id)
        if now is None:
            return None
        return Current(_values(now), now.version, last_change(connection, "rag_criterion", row.id))

    facts = {"new_name": "Name", "description": "What it rates"}
    return ConflictSource(KIND, _values(row), read, facts=facts)


def _fixed(row: CriterionRow) -> dict[str, Any]:
    return {"criterion": row.id, "expected_version": row.version}


def add_form(count: int) -> DeclaredForm:
    """Add a criterion, last unless a position is given."""
    return DeclaredForm(
        title="Add a RAG criterion",
        intro=(
            "Every initiative is rated against it each period. Position 1 makes it the "
            "headline: the RAG the portfolio list shows."
        ),
        fields=[
            FormField("name", "Name"),
            FormField("description", "What it rates", placeholder="what assessors judge"),
            FormField("position", "Position", placeholder=f"1 to {count + 1}; blank puts it last"),
        ],
        model=CriterionIn,
        save=_saving("add_criterion"),
        draft_key="criterion-new",
    )


def rename_form(row: CriterionRow) -> DeclaredForm:
    """Rename a criterion; its assessments go with it."""
    return DeclaredForm(
        title=f"Rename {row.name}",
        intro=f"Its {row.assessments} assessments keep pointing at it under the new name.",
        fields=[FormField("new_name", "Name", value=row.name)],
        model=CriterionRename,
        fixed=_fixed(row),
        save=_saving("rename_criterion"),
        conflict=criterion_source(row),
    )


def describe_form(row: CriterionRow) -> DeclaredForm:
    """Change what a criterion says assessors rate against."""
    return DeclaredForm(
        title=f"Describe {row.name}",
        intro="What assessors judge when they give this criterion a RAG.",
        fields=[FormField("description", "What it rates", value=row.description)],
        model=CriterionDescribe,
        fixed=_fixed(row),
        save=_saving("describe_criterion"),
        conflict=criterion_source(row),
    )
