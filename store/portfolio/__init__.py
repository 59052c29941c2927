"""The portfolio register: initiatives, RAG criteria and assessments.

`read_models` and `queries` are light (plain dataclasses and DB-API SQL);
`inputs` and `services` bring in pydantic and SQLModel for writes.
"""
