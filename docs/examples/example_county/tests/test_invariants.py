"""The county plugin passes every generic invariant of the testing kit."""

from __future__ import annotations

from collections.abc import Callable


def test_generic_invariants(innovpolicy_invariants: Callable[..., None]) -> None:
    innovpolicy_invariants("example-county", max_examples=20)
