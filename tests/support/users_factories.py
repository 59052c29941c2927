"""Builders for tests that need users in roles, written through the real services."""

from __future__ import annotations

import os
import pwd
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import Session, select

from store.audit import Identity
from store.demo.loader import acting_as
from store.handle import Store
from store.models import AppUser
from store.users.roles import Role
from store.users.services import add_user


def add(store: Store, login: str, role: Role | str, display_name: str = "") -> None:
    """Add a user (as the store's own actor, who must be an admin)."""
    with store.writing() as session:
        add_user({"login": login, "role": role, "display_name": display_name}, session=session)


def os_account_is_admin(path: Path, uid: int | None = None) -> str:
    """Make the real OS account running the tests (as a `portfolio` subprocess sees it),
    or the account of `uid`, an admin of the database at `path`, as the demo's admin
    would; return its login."""
    login = pwd.getpwuid(os.getuid() if uid is None else uid).pw_name
    store = Store(f"sqlite:///{path}", "tester")
    try:
        add(store, login, Role.ADMIN)
    finally:
        store.close()
    return login


def add_in(session: Session, login: str, role: Role | str) -> None:
    """Add a user inside a transaction already open (acting as its admin), unless a user
    with that login is there already."""
    if session.exec(select(AppUser.id).where(AppUser.login == login)).first() is None:
        add_user({"login": login, "role": role}, session=session)


@contextmanager
def writing_as(store: Store, login: str) -> Iterator[Session]:
    """A write transaction by `login` at their own OS account, instead of the store's actor."""
    with store.writing() as session, acting_as(session, Identity.of_person(login)):
        yield session
