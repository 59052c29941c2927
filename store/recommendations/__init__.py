"""The review recommendations tracker: the stocktake's recommendations and their progress.

`types`, `read_models` and `queries` are light; `inputs` and `services` bring in
pydantic and SQLModel for writes.
"""
