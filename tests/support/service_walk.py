"""Every write service in the store, found by walking its service modules: the tests
that check each one is guarded by a role, and that each versioned one refuses a stale
save, use this list so a new service cannot be missed."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable

import store as store_package


def store_services() -> dict[str, Callable]:
    """Every public function in the store's service modules that takes `session=`, by
    its dotted name."""
    found = {}
    for module_info in pkgutil.walk_packages(store_package.__path__, "store."):
        name = module_info.name
        if "services" not in name.split(".")[-1] and ".services." not in name:
            continue
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if getattr(value, "__module__", "") != name:
                continue
            session = inspect.signature(value).parameters.get("session")
            if session is not None and session.kind is inspect.Parameter.KEYWORD_ONLY:
                found[f"{name}.{attribute}"] = value
    return found
