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

import importlib
from typing import TYPE_CHECKING, Any

from . import exceptions
from ._facts import Constraint, FactSpec
from ._jurisdiction import Jurisdiction, PreparedFacts
from ._loading import available, load
from ._params import DatedValue, MarginalScale, Parameter
from ._rules import Layer, Result, Rule, ShareRefinement, Status, Supersession
from ._sources import Citation, Document
from .hookspecs import hookimpl

if TYPE_CHECKING:
    from . import authoring
    from ._comparison import Comparison
    from ._entities import Enterprise, Patent, Platform, ResearchInstitute, TechnologyContract

__version__ = "0.1.0"

# Imported on first use: loading and evaluating need neither the authoring helpers
# nor the entity classes nor a comparison, so ``import innovpolicy`` does not build them.
_LAZY = {
    "authoring": ("innovpolicy.authoring", None),
    "Comparison": ("innovpolicy._comparison", "Comparison"),
    "Enterprise": ("innovpolicy._entities", "Enterprise"),
    "Patent": ("innovpolicy._entities", "Patent"),
    "Platform": ("innovpolicy._entities", "Platform"),
    "ResearchInstitute": ("innovpolicy._entities", "ResearchInstitute"),
    "TechnologyContract": ("innovpolicy._entities", "TechnologyContract"),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'innovpolicy' has no attribute {name!r}") from None
    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Citation",
    "Comparison",
    "Constraint",
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
