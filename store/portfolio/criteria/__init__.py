"""RAG criteria as the portfolio office manages them: add, rename, describe, reorder,
retire and reinstate, and the one rule for which criterion is the headline.

`rules` and `read_models` are plain; `queries` is DB-API SQL; `inputs` and `services`
bring in pydantic and SQLModel for writes.
"""
