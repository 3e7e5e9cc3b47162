"""``_frozen.frozen``: ``attrs.frozen`` whose equality, hash and repr attrs makes on
first use. Every answer must be the one ``attrs.frozen`` gives (issue 12: the methods
made at import were most of ``import innovpolicy``)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest

import innovpolicy
from innovpolicy._frozen import fast_constructor, frozen


def _angled(value: object) -> str:
    return f"<{value}>"


@frozen(weakref_slot=False)
class Pickled:
    name: str
    amount: Decimal
    note: str = attrs.field(default="", eq=False)


def _pair(**options: Any) -> tuple[type, type]:
    """The same class made by ``attrs.frozen`` and by ``frozen``, with fields of every
    flavour: mandatory, defaulted, factory, private, left out of repr / eq / hash, an
    ``eq`` key, a repr function, a field outside ``__init__``."""

    def body() -> dict[str, Any]:
        return {
            "__annotations__": {
                "name": "str",
                "amount": "Decimal",
                "_private": "int",
                "hidden": "str",
                "loose": "str",
                "folded": "str",
                "shown": "int",
                "unhashed": "int",
                "items": "tuple[int, ...]",
                "derived": "int",
            },
            "hidden": attrs.field(default="h", repr=False),
            "loose": attrs.field(default="l", eq=False),
            "folded": attrs.field(default="F", eq=str.lower),
            "shown": attrs.field(default=7, repr=_angled),
            "unhashed": attrs.field(default=0, hash=False),
            "items": attrs.field(factory=tuple),
            "derived": attrs.field(init=False, default=1),
        }

    eager = attrs.frozen(type("Value", (), body()), **options)
    lazy = frozen(type("Value", (), body()), **options)
    return eager, lazy


def _instances(cls: type) -> list[Any]:
    return [
        cls("a", Decimal("1.50"), 1),
        cls("a", Decimal("1.5"), 1),  # equal to the first: Decimal equality
        cls("a", Decimal("1.5"), 1, loose="y", folded="f"),  # equal again
        cls("a", Decimal("1.5"), 1, hidden="x"),  # not equal: hidden is left out of repr only
        cls("a", Decimal("1.5"), 2),
        cls("b", Decimal("1.5"), 1, shown=8, unhashed=3, items=(1, 2)),
        cls("b", Decimal("1.5"), 1, shown=8, unhashed=4, items=(1, 2)),
    ]


@pytest.mark.parametrize("options", [{}, {"weakref_slot": False}])
def test_equality_hash_and_repr_are_those_of_attrs_frozen(options: dict[str, Any]) -> None:
    eager_cls, lazy_cls = _pair(**options)
    eager, lazy = _instances(eager_cls), _instances(lazy_cls)
    for one_e, one_l in zip(eager, lazy, strict=True):
        assert repr(one_l) == repr(one_e)
        for other_e, other_l in zip(eager, lazy, strict=True):
            assert (one_l == other_l) is (one_e == other_e)
            assert (one_l != other_l) is (one_e != other_e)
            if one_e == other_e:
                assert hash(one_l) == hash(other_l)
    assert (lazy[0] == eager[0]) is False  # another class: NotImplemented, then identity
    assert lazy[0].__eq__(eager[0]) is NotImplemented
    assert lazy[0].__ne__(eager[0]) is NotImplemented
    assert {lazy[0], lazy[1], lazy[2], lazy[4]} == {lazy[0], lazy[4]}
    assert attrs.fields(lazy_cls) == attrs.fields(eager_cls)
    assert lazy_cls.__slots__ == eager_cls.__slots__  # type: ignore[attr-defined]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        lazy[0].name = "c"


def test_the_first_call_of_any_method_puts_attrs_methods_in_place() -> None:
    eager_cls, lazy_cls = _pair()
    stand_ins = {name: lazy_cls.__dict__[name] for name in ("__repr__", "__eq__", "__hash__")}
    value = lazy_cls("a", Decimal(1), 1)
    hash(value)  # makes __eq__, __ne__ and __hash__ together, repr stays a stand-in
    assert lazy_cls.__dict__["__eq__"] is not stand_ins["__eq__"]
    assert lazy_cls.__dict__["__hash__"] is not stand_ins["__hash__"]
    assert lazy_cls.__dict__["__repr__"] is stand_ins["__repr__"]
    assert repr(value) == repr(eager_cls("a", Decimal(1), 1))
    assert lazy_cls.__dict__["__repr__"] is not stand_ins["__repr__"]
    for name in ("__repr__", "__eq__", "__hash__"):
        assert lazy_cls.__dict__[name].__qualname__ == eager_cls.__dict__[name].__qualname__
    # a stand-in kept elsewhere still answers, through the methods now in place
    assert stand_ins["__eq__"](value, lazy_cls("a", Decimal(1), 1)) is True


def test_a_recursive_repr_is_cut_as_attrs_cuts_it() -> None:
    def make(decorate: Callable[..., Any]) -> Any:
        node_cls = decorate(type("Node", (), {"__annotations__": {"children": "list[Any]"}}))
        node = node_cls([])
        node.children.append(node)
        return node

    assert repr(make(frozen)) == repr(make(attrs.frozen)) == "Node(children=[...])"


def test_a_class_keeps_its_own_equality_and_repr() -> None:
    def own_eq(self: Any, other: object) -> bool:
        return True

    def own_hash(self: Any) -> int:
        return 5

    def own_repr(self: Any) -> str:
        return "mine"

    namespace = {
        "__annotations__": {"x": "int"},
        "__eq__": own_eq,
        "__hash__": own_hash,
        "__repr__": own_repr,
    }
    cls = frozen(type("Own", (), namespace))
    assert cls(1) == cls(2)
    assert hash(cls(1)) == 5
    assert repr(cls(1)) == "mine"
    with pytest.raises(TypeError, match="__hash__ without __eq__"):
        frozen(type("HashOnly", (), {"__annotations__": {"x": "int"}, "__hash__": own_hash}))


def test_instances_from_a_fast_constructor_and_pickles_compare_as_before() -> None:
    built = fast_constructor(Pickled)("a", Decimal("1.50"), "x")
    assert type(built) is Pickled
    assert built == Pickled("a", Decimal("1.5"))
    assert hash(built) == hash(Pickled("a", Decimal("1.5")))
    assert repr(built) == "Pickled(name='a', amount=Decimal('1.50'), note='x')"
    assert pickle.loads(pickle.dumps(built)) == built


def test_the_core_classes_print_and_compare_as_attrs_made_them() -> None:
    """Every value of a loaded jurisdiction: its repr is the one attrs' own repr
    gives, and it equals (and hashes like) a copy of itself."""
    j = innovpolicy.load("xining")
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if id(value) in seen:
            return
        seen.add(id(value))
        if attrs.has(type(value)):
            cls = type(value)
            reference = attrs.frozen(
                type(cls.__name__, (), {"__qualname__": cls.__qualname__}),
                these={
                    f.name: attrs.field(init=f.init, repr=f.repr, kw_only=True)
                    for f in attrs.fields(cls)
                },
                eq=False,
            )
            copy = attrs.evolve(value)
            assert repr(value) == repr(copy)
            if cls.__dict__.get("__repr__") is not None and cls is not innovpolicy.Result:
                assert repr(value) == reference.__repr__(value)  # type: ignore[operator]
            assert value == copy
            try:
                digest = hash(value)
            except TypeError:  # a field holds a list or a dict: unhashable, as with attrs
                with pytest.raises(TypeError):
                    hash(copy)
            else:
                assert digest == hash(copy)
            for field in attrs.fields(cls):
                walk(getattr(value, field.name, None))
        elif isinstance(value, (tuple, list, frozenset)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)

    walk(j.chain)
    assert len(seen) > 1000


def test_eq_or_repr_turned_off_stays_off_as_with_attrs() -> None:
    def make(decorate: Callable[..., Any], **options: Any) -> Any:
        return decorate(type("Off", (), {"__annotations__": {"x": "int"}}), **options)

    for options in ({"eq": False}, {"repr": False}, {"eq": False, "repr": False}):
        eager_cls, lazy_cls = make(attrs.frozen, **options), make(frozen, **options)
        eager, lazy = (eager_cls(1), eager_cls(1)), (lazy_cls(1), lazy_cls(1))  # kept alive
        assert (lazy[0] == lazy[1]) is (eager[0] == eager[1])
        assert (hash(lazy[0]) == hash(lazy[1])) is (hash(eager[0]) == hash(eager[1]))
        assert (repr(lazy[0]) == "Off(x=1)") is (repr(eager[0]) == "Off(x=1)")
