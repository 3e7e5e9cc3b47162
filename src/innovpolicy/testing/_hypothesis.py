"""Registers innovpolicy's strategies with Hypothesis (entry point group ``hypothesis``).

The strategies are deferred: this hook runs while ``hypothesis`` itself is being
imported, possibly from inside ``innovpolicy.testing.strategies`` (a test file whose
first import is that module), so it must not import the strategies module itself.
"""

from __future__ import annotations

from typing import Any


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .._entities import Enterprise, Patent, Platform, ResearchInstitute, TechnologyContract

    def deferred(name: str) -> Any:
        def build() -> Any:
            from . import strategies

            return getattr(strategies, name)()

        return st.deferred(build)

    st.register_type_strategy(Enterprise, deferred("enterprises"))
    st.register_type_strategy(ResearchInstitute, deferred("research_institutes"))
    st.register_type_strategy(Platform, deferred("platforms"))
    st.register_type_strategy(TechnologyContract, deferred("technology_contracts"))
    st.register_type_strategy(Patent, deferred("patents"))
