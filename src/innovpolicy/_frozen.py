"""Fast construction of the frozen value classes built on every evaluation.

attrs' ``__init__`` for a frozen class stores each field through
``object.__setattr__`` (one call per field, about four times a plain slot store):
for ``Result`` (22 fields) that was the largest single cost of an evaluation, and
for ``Outcome`` and ``Step`` the largest of an explanation. :func:`fast_constructor`
builds instances with an *unfrozen twin* of the class, made by attrs from the
class's own field definitions (same fields, same slots, same defaults), and then
turns each instance into the frozen class by ``__class__`` assignment, which Python
allows between classes of the same layout. The result is an ordinary instance of the
frozen class: equal, hashable and immutable like one built by its ``__init__``.

The twin is made on first use (unless asked for at once), so importing costs nothing. A class with converters,
validators or ``__attrs_post_init__`` is refused: the twin would not run them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

T = TypeVar("T")


def fast_constructor(cls: type[T], *, lazy: bool = True) -> Callable[..., T]:
    """A function taking *cls*'s ``__init__`` arguments, **positionally** (in field
    order: keyword matching costs more than the frozen stores it saves), and
    returning a *cls* instance. With ``lazy=False`` the twin is made now and is
    itself the function (one call less per instance)."""
    if not lazy:
        return _twin(cls)
    twin: Callable[..., T] | None = None

    def make(*args: Any) -> T:
        nonlocal twin
        if twin is None:
            twin = _twin(cls)
        return twin(*args)

    make.__name__ = make.__qualname__ = f"new_{cls.__name__}"
    make.__doc__ = f"Build a {cls.__name__} from positional field values (innovpolicy._frozen)."
    return make


def _twin(cls: type[T]) -> Callable[..., T]:
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if getattr(cls, "__attrs_post_init__", None) is not None:
        raise TypeError(f"{cls.__name__} has __attrs_post_init__; build it with its __init__")
    these: dict[str, Any] = {}
    for field in fields:
        if field.converter is not None or field.validator is not None:
            raise TypeError(f"{cls.__name__}.{field.name} has a converter or validator")
        these[field.name] = attrs.field(default=field.default, alias=field.alias, init=field.init)

    class Twin:
        def __attrs_post_init__(self) -> None:
            self.__class__ = cls  # type: ignore[assignment]  # same slots and layout

    Twin.__name__ = Twin.__qualname__ = f"_{cls.__name__}Twin"
    twin = attrs.define(
        Twin,
        these=these,
        slots=True,
        frozen=False,
        eq=False,
        order=False,
        repr=False,
        weakref_slot=False,
    )
    if twin.__slots__ != cls.__slots__:  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__name__} needs slots and weakref_slot=False for a fast constructor")
    return twin  # type: ignore[return-value]
