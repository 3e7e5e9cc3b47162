"""Registers innovpolicy's strategies with Hypothesis (entry point group ``hypothesis``)."""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from .._entities import Enterprise, Patent, Platform, ResearchInstitute, TechnologyContract
    from . import strategies

    st.register_type_strategy(Enterprise, strategies.enterprises())
    st.register_type_strategy(ResearchInstitute, strategies.research_institutes())
    st.register_type_strategy(Platform, strategies.platforms())
    st.register_type_strategy(TechnologyContract, strategies.technology_contracts())
    st.register_type_strategy(Patent, strategies.patents())
