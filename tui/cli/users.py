"""`portfolio user ...`: add users, list them, change a role, disable or enable one.

Only admins change users; anyone may list them. The first write to a new database
makes the OS user admin, so on a fresh database the person who set it up can add the
others straight away.
"""

from __future__ import annotations

import argparse

from store.users.roles import Role
from tui.cli.common import EXIT_OK, read, write
from tui.cli.options import (
    TABLE_CSV_JSON,
    add_command,
    add_format_option,
    add_group,
    from_args,
    one_of,
)
from tui.cli.output import write_records

USER_COLUMNS = ("login", "display_name", "role", "active")


def register(subcommands) -> None:
    """Add `portfolio user` and its actions."""
    actions = add_group(subcommands, "user", "manage who may change what (admins)")
    roles = one_of(Role)

    add = add_command(actions, "add", "add a user with a role", run_add)
    add.add_argument("login", metavar="NAME", help="login name (as --user or the OS login)")
    add.add_argument("--role", required=True, metavar="ROLE", help=roles)
    add.add_argument("--display-name", default="", metavar="TEXT", help="the person's name")

    listing = add_command(actions, "list", "list the users and their roles", run_list)
    add_format_option(listing, TABLE_CSV_JSON)

    role = add_command(actions, "role", "give a user another role", run_role)
    role.add_argument("login", metavar="NAME")
    role.add_argument("role", metavar="ROLE", help=roles)

    for name, active, help_text in (
        ("disable", False, "disable a user (they can then only read)"),
        ("enable", True, "enable a disabled user again"),
    ):
        switch = add_command(actions, name, help_text, run_set_active)
        switch.add_argument("login", metavar="NAME")
        switch.set_defaults(active=active)


def _line(user) -> str:
    state = "" if user.active else ", disabled"
    return f"{user.login} ({user.display_name}): {user.role.replace('_', ' ')}{state}"


def run_add(args: argparse.Namespace) -> int:
    """Add a user."""
    from store.users.services import add_user

    data = from_args(args, ("login", "role", "display_name"))
    print(f"added {_line(write(args, add_user, data))}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """Print every user, by login."""
    from store.users.queries import list_users

    users = read(args, list_users)
    write_records([user.as_json() for user in users], USER_COLUMNS, args.format)
    return EXIT_OK


def run_role(args: argparse.Namespace) -> int:
    """Change a user's role."""
    from store.users.services import set_role

    print(f"changed {_line(write(args, set_role, from_args(args, ('login', 'role'))))}")
    return EXIT_OK


def run_set_active(args: argparse.Namespace) -> int:
    """Disable a user, or enable one again (`args.active`)."""
    from store.users.services import set_active

    user = write(args, set_active, from_args(args, ("login", "active")))
    print(f"{'enabled' if args.active else 'disabled'} {_line(user)}")
    return EXIT_OK
