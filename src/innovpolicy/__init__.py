"""innovpolicy: Chinese science-and-technology policy as code.

Load a jurisdiction (its plugin and every parent layer), then evaluate rules by
catalog id for an entity or a facts mapping on a date::

    import innovpolicy

    xining = innovpolicy.load("xining")
    result = xining.evaluate("QH20-PLATFORM", {"achievements_transformed": 3,
                                               "transaction_volume": "12000000"},
                             on="2021-06-30")
    print(result.status, result.amount)
    print(result.render())

Plugin authors build rules with :mod:`innovpolicy.authoring`; all errors live in
:mod:`innovpolicy.exceptions`.
"""

from __future__ import annotations

from . import authoring, exceptions
from ._entities import Enterprise, Patent, Platform, ResearchInstitute, TechnologyContract
from ._facts import FactSpec
from ._jurisdiction import Comparison, Jurisdiction, PreparedFacts
from ._loading import available, load
from ._params import DatedValue, MarginalScale, Parameter
from ._rules import Layer, Result, Rule, ShareRefinement, Status, Supersession
from ._sources import Citation, Document
from .hookspecs import hookimpl

__version__ = "0.1.0"

__all__ = [
    "Citation",
    "Comparison",
    "DatedValue",
    "Document",
    "Enterprise",
    "FactSpec",
    "Jurisdiction",
    "Layer",
    "MarginalScale",
    "Parameter",
    "Patent",
    "Platform",
    "PreparedFacts",
    "ResearchInstitute",
    "Result",
    "Rule",
    "ShareRefinement",
    "Status",
    "Supersession",
    "TechnologyContract",
    "authoring",
    "available",
    "exceptions",
    "hookimpl",
    "load",
]
