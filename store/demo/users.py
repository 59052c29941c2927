"""Demo users: the people the demo's records are written by, each in the role they
work in, plus a read-only auditor. All invented.

They are added by the database's first admin (the OS user who loaded the demo), and
only into a database with no other users, before any other part of the demo."""

from __future__ import annotations

from sqlmodel import Session, select

from store.audit import Identity
from store.demo import is_empty
from store.demo.loader import acting_as
from store.errors import InputError
from store.models import AppUser
from store.rows import raw
from store.users.roles import Role
from store.users.services import add_user

USERS = (
    ("portfolio.office", "Portfolio office (shared desk)", Role.PORTFOLIO_OFFICE),
    ("j.okafor", "Janet Okafor", Role.PORTFOLIO_OFFICE),
    ("p.lindqvist", "Per Lindqvist", Role.PORTFOLIO_OFFICE),
    ("s.bhattacharya", "Sunil Bhattacharya", Role.PORTFOLIO_OFFICE),
    ("m.hughes", "Megan Hughes", Role.PORTFOLIO_OFFICE),
    ("l.mensah", "Linda Mensah", Role.STAR_CHAMBER_SECRETARY),
    ("r.achebe", "Ruth Achebe", Role.STAR_CHAMBER_SECRETARY),
    ("c.dunmore", "Craig Dunmore", Role.STAR_CHAMBER_SECRETARY),
    ("a.kowalski", "Anna Kowalski", Role.FRONT_DOOR_SECRETARY),
    ("d.fernandes", "Daniel Fernandes", Role.FRONT_DOOR_SECRETARY),
    ("k.osei", "Kwame Osei (internal audit)", Role.VIEWER),
)


def load(session: Session) -> dict[str, int]:
    """Add the demo users as the database's first admin; return how many."""
    if not is_empty(raw(session)):
        raise InputError("database", "already holds a portfolio; load the demo into an empty one")
    admins = session.exec(
        select(AppUser.login).where(AppUser.role == Role.ADMIN.value).order_by(AppUser.id)
    ).all()
    others = session.exec(select(AppUser.id).where(AppUser.role != Role.ADMIN.value)).first()
    if len(admins) != 1 or others is not None:
        raise InputError("database", "already has users; load the demo into an empty one")
    added = 0
    with acting_as(session, Identity.of_person(admins[0])):
        for login, name, role in USERS:
            if login != admins[0]:
                add_user({"login": login, "display_name": name, "role": role}, session=session)
                added += 1
    return {"users": added}
