"""Load the demo's benefits register, measurements, delivery confidence ratings and its
Response to Red through the store services, in the caller's transaction. Runs after the
savings plan, which the cashable benefits read."""

from __future__ import annotations

from sqlmodel import Session, select

from store.audit import Identity
from store.benefits.confidence_services import record_confidence
from store.benefits.response_services import update_response
from store.benefits.services import create_benefit, record_measurement
from store.demo import benefits_data as data
from store.demo.loader import acting_as, on_day
from store.models import Benefit, Initiative, RedResponse, SavingsLine, SavingsLineInitiative

OFFICE = "s.bhattacharya"


def load(session: Session) -> dict[str, int]:
    """Write the benefits demo records; return what was loaded, counted."""
    with acting_as(session, Identity.of_person(OFFICE)):
        cashable = _cashable(session)
        for row in data.BENEFITS:
            _benefit(session, *row)
        ids = dict(session.exec(select(Benefit.name, Benefit.id)).all())
        for name, day, value, note in data.MEASUREMENTS:
            with on_day(_date(day)):
                record_measurement(
                    {"benefit": ids[name], "value": value, "measured_on": day, "note": note},
                    session=session,
                )
    for period, code, rating, author, rationale, assurance in data.CONFIDENCE:
        with acting_as(session, Identity.of_person(author)):
            record_confidence(
                {
                    "code": code,
                    "rating": rating,
                    "rationale": rationale,
                    "period": period,
                    "assurance": assurance,
                },
                session=session,
            )
    _work_the_response(session)
    return {
        "benefits": cashable + len(data.BENEFITS),
        "measurements": len(data.MEASUREMENTS),
        "confidence ratings": len(data.CONFIDENCE),
    }


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)


def _cashable(session: Session) -> int:
    """One cashable benefit per §19 line, on the first initiative that delivers it."""
    lines = session.exec(select(SavingsLine).order_by(SavingsLine.position)).all()
    for line in lines:
        code = (
            session.exec(
                select(Initiative.code)
                .join(SavingsLineInitiative, SavingsLineInitiative.initiative_id == Initiative.id)
                .where(SavingsLineInitiative.line_id == line.id)
                .order_by(Initiative.tree_path)
            ).first()
            or data.LINE_OWNER_FALLBACK[line.name]
        )
        create_benefit(
            {
                "code": code,
                "name": line.name,
                "kind": "cashable",
                "measure": "net saving in the financial year (negative is a saving)",
                "baseline_on": "2011-04-01",
                "savings_line": line.name,
                "description": data.CASHABLE_NOTES.get(line.name, ""),
            },
            session=session,
        )
    return len(lines)


def _benefit(session, code, name, kind, owner, measure, unit, baseline, target, plan, about):
    create_benefit(
        {
            "code": code,
            "name": name,
            "kind": kind,
            "owner": owner,
            "measure": measure,
            "unit": unit,
            "baseline_value": baseline[0],
            "baseline_on": baseline[1],
            "target_value": target[0],
            "target_on": target[1],
            "profile": plan,
            "description": about,
        },
        session=session,
    )


def _work_the_response(session: Session) -> None:
    """Record the actions and review date on the response the Red rating opened."""
    response = session.exec(
        select(RedResponse)
        .join(Initiative, Initiative.id == RedResponse.initiative_id)
        .where(Initiative.code == data.RESPONSE["code"])
    ).one()
    with acting_as(session, Identity.of_person(OFFICE)):
        update_response(
            {
                "id": response.id,
                "actions": data.RESPONSE["actions"],
                "review_on": data.RESPONSE["review_on"],
            },
            session=session,
        )
