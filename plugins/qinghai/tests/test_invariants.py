"""Every generic invariant of innovpolicy's testing kit, over every Qinghai rule."""

from __future__ import annotations

from collections.abc import Callable


def test_generic_invariants(innovpolicy_invariants: Callable[..., None]) -> None:
    innovpolicy_invariants("qinghai", max_examples=40)
