"""Writing through a store service in a test: one write session, the service's result."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from store.handle import Store


def written(store: Store, service: Callable[..., Any], data: Mapping[str, Any]) -> Any:
    """What `service(data)` returns, run in one write session on `store`."""
    with store.writing() as session:
        return service(data, session=session)
