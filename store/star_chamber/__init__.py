"""The Star Chamber: vacancy and temporary-worker requests, meetings and decisions.

Seed 000, paragraphs 20 to 34. The panel authorises every request to fill a police
staff vacancy and every temporary or agency worker, with any extension. Displaced
staff on the Posting List are considered first; approvals are checked against each
business group's vacancy factor and headcount reduction plan.

- `types`, `grades`: plain value types (no SQLAlchemy, no pydantic), usable by widgets.
- `read_models`: frozen dataclasses every query and service returns.
- `rules`: the pure rules (grade matching, the establishment check, engagement dates).
- `queries/`: plain SQL on a DB-API connection, filtered and paged in SQL.
- `services/`: the writes, each validated, audited once and returning a read model.
- `minutes`: the decision log of a meeting as Markdown or plain text.
"""
