"""Column builders shared by the migrations, so each column shape is written once.

Frozen on purpose, like the revisions that call them: a migration must build the same
schema for ever, so never change what an existing builder returns; add a new one instead.
Each call returns a fresh `sa.Column`, since a column belongs to one table.
"""

import sqlalchemy as sa


def key() -> sa.Column:
    """The integer primary key `id`."""
    return sa.Column("id", sa.Integer(), primary_key=True)


def text(name: str, *, default: str | None = None) -> sa.Column:
    """A NOT NULL string column, with a server default when one is given."""
    if default is None:
        return sa.Column(name, sa.String(), nullable=False)
    return sa.Column(name, sa.String(), nullable=False, server_default=default)


def integer(name: str, *, default: str | None = None) -> sa.Column:
    """A NOT NULL integer column, with a server default when one is given."""
    return sa.Column(name, sa.Integer(), nullable=False, server_default=default)


def version() -> sa.Column:
    """The optimistic-locking `version` counter, starting at 1."""
    return integer("version", default="1")


def flag(name: str, *, default: bool) -> sa.Column:
    """A NOT NULL boolean column with a server default of true or false."""
    return sa.Column(
        name, sa.Boolean(), nullable=False, server_default=sa.true() if default else sa.false()
    )


def refers(name: str, table: str, *, nullable: bool = False) -> sa.Column:
    """An integer foreign key to `table.id`."""
    return sa.Column(name, sa.Integer(), sa.ForeignKey(f"{table}.id"), nullable=nullable)


def group() -> sa.Column:
    """The NOT NULL `business_group_id` foreign key."""
    return refers("business_group_id", "business_group")


def entered() -> list[sa.Column]:
    """Who entered a row and when, and its `version` counter."""
    return [text("entered_by"), text("entered_at"), version()]
