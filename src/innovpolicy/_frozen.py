"""The frozen value classes: methods made on first use, and fast construction.

:func:`frozen` is ``attrs.frozen`` with the equality (``__eq__``, ``__ne__``,
``__hash__``) and the ``__repr__`` made by attrs on their first call instead of when
the class is defined. attrs writes the source of each class's methods and compiles it
as the class is defined: for the core's classes that was most of ``import
innovpolicy``, and equality, hash and repr more than half of it, while loading a
jurisdiction and evaluating call them for few classes or none. The class gets small
stand-ins; the first call of one has attrs make the real methods (for a stand-in class
with the same fields, field options, name and module: the methods read
``self.__class__``) and puts them in their place, so instances compare, hash and print
exactly as with ``attrs.frozen``. A class writing its own ``__eq__`` or ``__repr__``
keeps it, as attrs' auto-detection does.

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
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

T = TypeVar("T")


def fast_constructor(
    cls: type[T], *, lazy: bool = True, into: tuple[dict[str, Any], str] | None = None
) -> Callable[..., T]:
    """A function taking *cls*'s ``__init__`` arguments, **positionally** (in field
    order: keyword matching costs more than the frozen stores it saves), and
    returning a *cls* instance. With ``lazy=False`` the twin is made now and is
    itself the function (one call less per instance).

    *into* is the module namespace and the name the callers read the constructor by
    (``(globals(), "_new_outcome")``): the twin, made on the first call, replaces the
    lazy function there, so later calls go straight to its ``__init__`` (a copy of the
    lazy function taken before still works, one call slower)."""
    if not lazy:
        return _twin(cls)
    twin: Callable[..., T] | None = None

    def make(*args: Any) -> T:
        nonlocal twin
        if twin is None:
            twin = _twin(cls)
            if into is not None and into[0].get(into[1]) is make:
                into[0][into[1]] = twin
        return twin(*args)

    make.__name__ = make.__qualname__ = f"new_{cls.__name__}"
    make.__doc__ = f"Build a {cls.__name__} from positional field values (innovpolicy._frozen)."
    return make


#: the twin of each class, made once however many constructors ask for it
_TWINS: dict[type, Any] = {}


def _twin(cls: type[T]) -> Callable[..., T]:
    made = _TWINS.get(cls)
    if made is None:
        made = _TWINS[cls] = _make_twin(cls)
    return made


def _make_twin(cls: type[T]) -> Callable[..., T]:
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


def _lazy_methods(cls: type, names: tuple[str, ...]) -> dict[str, Any]:
    """attrs' methods *names* for *cls*: made by attrs for a stand-in class with the
    same fields, options, name and module (the methods read ``self.__class__``)."""
    these = {
        field.name: attrs.field(
            kw_only=True,
            init=field.init,
            repr=field.repr,
            eq=field.eq_key if field.eq_key is not None else field.eq,
            hash=field.hash,
        )
        for field in attrs.fields(cls)
    }
    stand_in = type(cls.__name__, (), {"__module__": cls.__module__})
    stand_in.__qualname__ = cls.__qualname__
    made = attrs.define(
        stand_in,
        these=these,
        slots=False,
        frozen=True,
        init=False,
        repr="__repr__" in names,
        eq="__eq__" in names,
        order=False,
        unsafe_hash=None,
        auto_detect=False,
        weakref_slot=False,
        match_args=False,
        getstate_setstate=False,
    )
    return {name: made.__dict__[name] for name in names}


def _install_lazy(cls: type, names: tuple[str, ...]) -> None:
    def install() -> None:
        for name, method in _lazy_methods(cls, names).items():
            setattr(cls, name, method)

    def stand_in(name: str) -> Callable[..., Any]:
        def method(self: Any, *args: Any) -> Any:
            if cls.__dict__[name] is method:
                install()
            return getattr(cls, name)(self, *args)

        method.__name__ = name
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        return method

    for name in names:
        setattr(cls, name, stand_in(name))


if TYPE_CHECKING:
    from attrs import frozen as frozen
else:

    def frozen(maybe_cls: Any = None, **options: Any) -> Any:
        """``attrs.frozen`` whose equality, hash and repr are made on first use."""

        lazy_repr = options.pop("repr", None) is not False
        lazy_eq = options.pop("eq", None) is not False

        def wrap(cls: type) -> type:
            own = set(cls.__dict__)
            made = attrs.frozen(cls, **options, eq=False, repr=False)
            if lazy_repr and "__repr__" not in own:
                _install_lazy(made, ("__repr__",))
            if lazy_eq and "__eq__" not in own:
                if "__hash__" in own:
                    raise TypeError(f"{cls.__name__} defines __hash__ without __eq__")
                _install_lazy(made, ("__eq__", "__ne__", "__hash__"))
            return made

        return wrap if maybe_cls is None else wrap(maybe_cls)
