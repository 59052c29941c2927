"""Writing through a store service in a test: one write session, the service's result."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from store.handle import Store


def written(store: Store, service: Callable[..., Any], data: Mapping[str, Any]) -> Any:
    """What `service(data)` returns, run in one write session on `store`."""
    with store.writing() as session:
        return service(data, session=session)


def measured_elsewhere(url: str, benefit: str, on: date, value: int) -> None:
    """Record a measurement of the benefit named `benefit` through a handle of its own,
    as another desk or process would (acting as `tester`)."""
    from store.benefits.services import record_measurement

    other = Store(url, "tester")
    try:
        with other.reading() as connection:
            (benefit_id,) = connection.execute(
                "SELECT id FROM benefit WHERE name = :name", {"name": benefit}
            ).fetchone()
        data = {"benefit": benefit_id, "measured_on": on, "value": value}
        written(other, record_measurement, data)
    finally:
        other.close()
