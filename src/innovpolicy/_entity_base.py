"""The base of the entity classes (``_entities``): their flat facts and consistency checks.

Kept apart from the attrs classes themselves so that loading and evaluating, which
only ask ``isinstance(facts, _Entity)``, do not build them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar, cast

import attrs

from ._facts import CORE_REGISTRY, FactValue, coercer, yearly_key


class _Entity:
    """Shared behaviour: conversion to the flat facts form and consistency checks."""

    kind: ClassVar[str]

    def __attrs_post_init__(self) -> None:
        flat: dict[str, FactValue] = {}
        for field in attrs.fields(cast(Any, type(self))):
            if field.name.startswith("_"):
                continue
            value = getattr(self, field.name)
            if value is None:
                continue
            value = coercer(field.name)(value)  # validates, naming the field
            object.__setattr__(self, field.name, value)
            if CORE_REGISTRY[field.name].yearly:
                for year, item in value.items():
                    flat[yearly_key(field.name, year)] = item
            else:
                flat[field.name] = value
        CORE_REGISTRY.check_constraints(flat)
        object.__setattr__(self, "_flat", flat)

    def to_facts(self) -> dict[str, Any]:
        """The entity as a JSON-like facts mapping (unknown facts left out)."""
        result: dict[str, Any] = {}
        for field in attrs.fields(cast(Any, type(self))):
            if field.name.startswith("_"):
                continue
            value = getattr(self, field.name)
            if value is not None:
                result[field.name] = dict(value) if isinstance(value, Mapping) else value
        return result

    def flat_facts(self) -> Mapping[str, FactValue]:
        """The validated flat form used by the engine (yearly facts as ``name[year]``).

        A read-only view: the entity is frozen, and so are its facts.
        """
        return MappingProxyType(self._flat)  # type: ignore[attr-defined]


__all__ = ["_Entity"]
