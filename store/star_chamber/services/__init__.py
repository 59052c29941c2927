"""Writes for the Star Chamber. Each takes `session=`, validates its input with a pydantic
model, records exactly one audit event in the same transaction, and returns a read model."""
