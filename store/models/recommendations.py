"""The review recommendations tracker: each stocktake recommendation and its progress."""

from sqlmodel import Field, SQLModel


class Recommendation(SQLModel, table=True):
    """One recommendation: its number, heading, text, owner, status and % complete."""

    __tablename__ = "recommendation"

    id: int | None = Field(default=None, primary_key=True)
    number: int = Field(unique=True)
    heading: str
    text: str
    owner: str = ""
    status: str = "not_started"
    percent_complete: int = 0
    updated_by: str = ""
    updated_at: str = ""
    version: int = 1
