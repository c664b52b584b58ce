"""Lazy re-exports for the stage packages (PEP 562): a public name is imported from its
module the first time it is used, so importing a package costs nothing until then.

>>> getattr_, dir_ = lazy_exports("kg.vocab", {"RUJP": "terms"}, ["RUJP"])
>>> getattr_("RUJP").Meeting
'https://w3id.org/rujp/ontology#Meeting'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, homes: Mapping[str, str], public: Sequence[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``: ``homes`` maps each public name
    to the submodule that defines it."""

    def getattr_(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    def dir_() -> list[str]:
        return sorted({*vars(sys.modules[package]), *public})

    return getattr_, dir_
