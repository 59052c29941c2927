"""Writes to the portfolio register. Each takes a session, validates its input,
records one audit event in the same transaction, and returns a read model."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from store import clock
from store.audit import SYNC_ORIGIN, add_with_audit, record_event, stamp
from store.benefits.responses import rag_turned_red
from store.errors import InputError, NotFoundError
from store.models import BusinessGroup, CurrentRag, Initiative, RagAssessment, RagCriterion, Setting
from store.periods import after_current, not_begun, parse_period
from store.portfolio.criteria.rules import name_key
from store.portfolio.inputs import AssessmentIn, BusinessGroupIn, InitiativeIn
from store.portfolio.queries import CURRENT_PERIOD_KEY, assessment_in_period, current_period
from store.portfolio.read_models import (
    AssessmentRead,
    BusinessGroupRead,
    InitiativeRead,
)
from store.rows import from_record, raw
from store.types import Kind, Rag
from store.users.guard import requires
from store.users.roles import Permission
from store.validation import parse_input

TREE_SEPARATOR = "\x1f"

# Which kinds of initiative may sit under which.
ALLOWED_PARENTS: dict[Kind, set[Kind]] = {
    Kind.PROGRAMME: {Kind.PROGRAMME},
    Kind.PROJECT: {Kind.PROGRAMME, Kind.PROJECT},
    Kind.WORKSTREAM: {Kind.PROGRAMME, Kind.PROJECT},
}


@requires(Permission.EDIT_REGISTER)
def create_business_group(
    data: BusinessGroupIn | Mapping[str, Any], *, session: Session
) -> BusinessGroupRead:
    """Add a business group with a unique code."""
    data = parse_input(BusinessGroupIn, data)
    if session.exec(select(BusinessGroup).where(BusinessGroup.code == data.code)).first():
        raise InputError("code", f"a business group {data.code} already exists")
    group = BusinessGroup(code=data.code, name=data.name)
    add_with_audit(session, group, entity="business_group")
    return BusinessGroupRead(group.id, group.code, group.name)


def group_by_code(session: Session, code: str) -> BusinessGroup:
    """The business group with `code` (any case), or a NotFoundError naming the field."""
    group = session.exec(
        select(BusinessGroup).where(col(BusinessGroup.code).ilike(code.strip()))
    ).first()
    if group is None:
        raise NotFoundError("business_group", f"no business group with code {code!r}")
    return group


def initiative_by_code(session: Session, code: str, field: str = "code") -> Initiative:
    """The initiative with `code` (any case), or a NotFoundError naming `field`."""
    initiative = session.exec(
        select(Initiative).where(Initiative.code == code.strip().upper())
    ).first()
    if initiative is None:
        raise NotFoundError(field, f"no initiative with code {code!r}")
    return initiative


def find_criterion(session: Session, name: str) -> RagCriterion | None:
    """The criterion called `name`, ignoring case and spacing (never a pattern: `%` is
    just a character)."""
    key = name_key(name)
    criteria = session.exec(select(RagCriterion)).all()
    return next((criterion for criterion in criteria if name_key(criterion.name) == key), None)


def criteria_in_order(session: Session) -> list[RagCriterion]:
    """The active criteria, headline first."""
    query = (
        select(RagCriterion)
        .where(col(RagCriterion.active))
        .order_by(col(RagCriterion.position), col(RagCriterion.id))
    )
    return list(session.exec(query).all())


def no_such_criterion(session: Session, problem: str) -> NotFoundError:
    """The error for a criterion that matches none: `problem`, then the criteria there
    are, so the next try can be right."""
    names = ", ".join(repr(criterion.name) for criterion in criteria_in_order(session))
    return NotFoundError("criterion", f"{problem}; the criteria are {names}")


def assessable_criterion(session: Session, name: str) -> RagCriterion:
    """The criterion called `name` if it takes RAGs (it is not retired), else an error
    naming the `criterion` field."""
    criterion = find_criterion(session, name)
    if criterion is None:
        raise no_such_criterion(session, f"no RAG criterion called {name!r}")
    if not criterion.active:
        raise InputError("criterion", f"{criterion.name!r} is retired: it takes no new RAGs")
    return criterion


@requires(Permission.EDIT_REGISTER)
def create_initiative(
    data: InitiativeIn | Mapping[str, Any], *, session: Session
) -> InitiativeRead:
    """Add a programme, project or workstream under an optional parent."""
    data = parse_input(InitiativeIn, data)
    if session.exec(select(Initiative.id).where(Initiative.code == data.code)).first():
        raise InputError("code", f"an initiative {data.code} already exists")
    group = group_by_code(session, data.business_group)
    parent = initiative_by_code(session, data.parent, "parent") if data.parent else None
    if parent is not None and Kind(parent.kind) not in ALLOWED_PARENTS[data.kind]:
        raise InputError("parent", f"a {data.kind.value} cannot sit under a {parent.kind}")
    if parent is None:
        tree_path, depth = f"{group.code}{TREE_SEPARATOR}{data.code}", 0
    else:
        tree_path, depth = f"{parent.tree_path}{TREE_SEPARATOR}{data.code}", parent.depth + 1
    initiative = Initiative(
        code=data.code,
        name=data.name,
        description=data.description,
        kind=data.kind.value,
        parent_id=parent.id if parent else None,
        business_group_id=group.id,
        tier=data.tier.value if data.tier else None,
        complexity=data.complexity.value if data.complexity else None,
        complexity_kinds=",".join(kind.value for kind in data.complexity_kinds),
        sro=data.sro,
        programme_manager=data.programme_manager,
        start_date=data.start_date,
        end_date=data.end_date,
        lifecycle=data.lifecycle.value,
        data_digital=data.data_digital,
        tree_path=tree_path,
        depth=depth,
        created_at=clock.utc_timestamp(),
    )
    add_with_audit(session, initiative, entity="initiative")
    return InitiativeRead(
        id=initiative.id,
        code=initiative.code,
        name=initiative.name,
        kind=initiative.kind,
        parent_code=parent.code if parent else None,
        business_group=group.code,
        tier=initiative.tier,
        complexity=initiative.complexity,
    )


@requires(Permission.EDIT_REGISTER)
def set_current_period(period: str, *, session: Session) -> str:
    """Make `period` the reporting period that new assessments default to (not one
    that has not begun)."""
    try:
        value = str(parse_period(period))
    except ValueError as error:
        raise InputError("period", str(error)) from None
    if problem := not_begun(value):
        raise InputError("period", problem)
    setting = session.get(Setting, CURRENT_PERIOD_KEY)
    before = {"value": setting.value} if setting else None
    if setting is None:
        setting = Setting(key=CURRENT_PERIOD_KEY, value=value)
    else:
        setting.value = value
    session.add(setting)
    session.flush()
    record_event(
        session,
        entity="setting",
        entity_id=CURRENT_PERIOD_KEY,
        action="update" if before else "create",
        before=before,
        after={"value": value},
    )
    return value


# The assessment in force: the latest period, then the latest recorded, leaving out an
# offline RAG that arrived by sync after a later assessment of its period.
LATEST_FIRST = (
    col(RagAssessment.period).desc(),
    col(RagAssessment.arrived_superseded),
    col(RagAssessment.id).desc(),
)


def _refuse_repeated_rationale(
    session: Session,
    initiative: Initiative,
    criterion: RagCriterion,
    period: str,
    data: AssessmentIn,
) -> None:
    """Refuse a changed RAG whose rationale repeats the previous period's word for word."""
    previous = session.exec(
        select(RagAssessment)
        .where(
            RagAssessment.initiative_id == initiative.id,
            RagAssessment.criterion_id == criterion.id,
            RagAssessment.period < period,
        )
        .order_by(*LATEST_FIRST)
        .limit(1)
    ).first()
    if (
        previous is not None
        and previous.rag != data.rag.value
        and previous.rationale.split() == data.rationale.split()
    ):
        raise InputError(
            "rationale",
            f"the RAG changed from {Rag(previous.rag).word} to {data.rag.word}, so say what "
            f"changed: this repeats {previous.period}'s rationale word for word",
        )


@requires(Permission.RECORD_RAG)
def record_assessment(
    data: AssessmentIn | Mapping[str, Any], *, session: Session
) -> AssessmentRead:
    """Record a RAG with its rationale. History is kept: nothing is overwritten; a
    second RAG for the same criterion and period replaces the first (`replaces`).

    When the colour differs from the previous period's, the rationale must not
    repeat that period's text word for word.
    """
    data = parse_input(AssessmentIn, data)
    initiative = initiative_by_code(session, data.code)
    criterion = assessable_criterion(session, data.criterion)
    current = current_period(raw(session))
    period = data.period or current
    if problem := after_current(period, current):
        raise InputError("period", problem)
    _refuse_repeated_rationale(session, initiative, criterion, period, data)
    replaced = assessment_in_period(raw(session), initiative.code, criterion.name, period)
    assessment = RagAssessment(
        initiative_id=initiative.id,
        criterion_id=criterion.id,
        period=period,
        rag=data.rag.value,
        rationale=data.rationale,
        **stamp(session, "author", "recorded_at"),
    )
    assessment.arrived_superseded = _arrives_superseded(session, replaced)
    add_with_audit(session, assessment, entity="rag_assessment")
    refresh_current_rag(session, initiative.id, criterion.id)
    rag_turned_red(session, assessment)
    return from_record(
        AssessmentRead,
        assessment,
        initiative_code=initiative.code,
        criterion=criterion.name,
        replaces=replaced.id if replaced else None,
        replaced_by=None,
    )


def _arrives_superseded(session: Session, in_force: AssessmentRead | None) -> bool:
    """True for an offline RAG, replayed by sync, assessed before the one now in force
    for its period: it joins the history but does not take over (issue 17)."""
    origin = session.info.get(SYNC_ORIGIN)
    return bool(origin and in_force and in_force.recorded_at > origin["offline_at"])


def refresh_current_rag(session: Session, initiative_id: int, criterion_id: int) -> None:
    """Rewrite the derived `current_rag` row from the two latest assessed periods."""
    rows = session.exec(
        select(RagAssessment.id, RagAssessment.period, RagAssessment.rag)
        .where(
            RagAssessment.initiative_id == initiative_id,
            RagAssessment.criterion_id == criterion_id,
        )
        .order_by(*LATEST_FIRST)
    ).all()
    if not rows:
        return
    latest = rows[0]
    earlier = next((row for row in rows if row[1] != latest[1]), None)
    current = session.exec(
        select(CurrentRag).where(
            CurrentRag.initiative_id == initiative_id, CurrentRag.criterion_id == criterion_id
        )
    ).first() or CurrentRag(initiative_id=initiative_id, criterion_id=criterion_id)
    current.assessment_id, current.period, current.rag = latest
    current.previous_period = earlier[1] if earlier else None
    current.previous_rag = earlier[2] if earlier else None
    session.add(current)
    session.flush()
