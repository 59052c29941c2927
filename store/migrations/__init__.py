"""Alembic migrations. Each revision's id is its file's stem, e.g. `0001_foundation`."""
