"""The front door: change proposals, their triage and the panel's decisions.

`types`, `tier_rules`, `lenses`, `money`, `read_models` and `queries` are light
(plain values and DB-API SQL, safe for screens and widgets); `inputs` and
`services` bring in pydantic and SQLModel for writes.
"""
