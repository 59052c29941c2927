"""Reads for the Star Chamber, as plain SQL on a DB-API connection.

They sit on the path to first paint, so they avoid SQLAlchemy and return the frozen
dataclasses of `store.star_chamber.read_models`. Services call the same functions on
their own transaction's connection, so a check the screen shows is the check the
store enforces.
"""
