"""`portfolio user ...`: add users, list them, change a role, disable or enable one.

Only admins change users; anyone may list them. The first write to a new database
makes the OS user admin, so on a fresh database the person who set it up can add the
others straight away.
"""

from __future__ import annotations

import argparse

from tui.cli.common import EXIT_OK, add_common_options, add_format_option, open_store

USER_COLUMNS = ("login", "display_name", "role", "active")
ROLES = "admin, portfolio_office, star_chamber_secretary, front_door_secretary or viewer"


def register(subcommands) -> None:
    """Add `portfolio user` and its actions."""
    user = subcommands.add_parser("user", help="manage who may change what (admins)")
    add_common_options(user)
    actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)

    add = _action(actions, "add", "add a user with a role", run_add)
    add.add_argument("login", metavar="NAME", help="login name (as --user or the OS login)")
    add.add_argument("--role", required=True, metavar="ROLE", help=ROLES)
    add.add_argument("--display-name", default="", metavar="TEXT", help="the person's name")

    listing = _action(actions, "list", "list the users and their roles", run_list)
    add_format_option(listing, ("table", "csv", "json"))

    role = _action(actions, "role", "give a user another role", run_role)
    role.add_argument("login", metavar="NAME")
    role.add_argument("role", metavar="ROLE", help=ROLES)

    disable = _action(actions, "disable", "disable a user (they can then only read)", run_disable)
    disable.add_argument("login", metavar="NAME")

    enable = _action(actions, "enable", "enable a disabled user again", run_enable)
    enable.add_argument("login", metavar="NAME")


def _action(actions, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help_text, description=help_text)
    add_common_options(parser)
    parser.set_defaults(handler=handler)
    return parser


def _write(args: argparse.Namespace, service, data: dict):
    store = open_store(args)
    try:
        with store.writing() as session:
            return service(data, session=session)
    finally:
        store.close()


def _line(user) -> str:
    state = "" if user.active else ", disabled"
    return f"{user.login} ({user.display_name}): {user.role.replace('_', ' ')}{state}"


def run_add(args: argparse.Namespace) -> int:
    """Add a user."""
    from store.users.services import add_user

    data = {"login": args.login, "role": args.role, "display_name": args.display_name}
    print(f"added {_line(_write(args, add_user, data))}")
    return EXIT_OK


def run_list(args: argparse.Namespace) -> int:
    """Print every user, by login."""
    from store.users.queries import list_users
    from tui.cli.common import write_records

    store = open_store(args)
    try:
        with store.reading() as connection:
            users = list_users(connection)
    finally:
        store.close()
    write_records([user.as_json() for user in users], USER_COLUMNS, args.format)
    return EXIT_OK


def run_role(args: argparse.Namespace) -> int:
    """Change a user's role."""
    from store.users.services import set_role

    user = _write(args, set_role, {"login": args.login, "role": args.role})
    print(f"changed {_line(user)}")
    return EXIT_OK


def run_disable(args: argparse.Namespace) -> int:
    """Disable a user."""
    from store.users.services import set_active

    print(f"disabled {_line(_write(args, set_active, {'login': args.login, 'active': False}))}")
    return EXIT_OK


def run_enable(args: argparse.Namespace) -> int:
    """Enable a user again."""
    from store.users.services import set_active

    print(f"enabled {_line(_write(args, set_active, {'login': args.login, 'active': True}))}")
    return EXIT_OK
