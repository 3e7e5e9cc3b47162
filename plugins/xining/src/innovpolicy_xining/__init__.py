"""Xining City (西宁市) layer for innovpolicy, on top of Qinghai Province.

Loading ``xining`` yields every Qinghai rule plus the city's own. The layer is
discovered through the ``innovpolicy`` entry point group
(``xining = "innovpolicy_xining"``).
"""

from __future__ import annotations

from innovpolicy import Layer, hookimpl
from innovpolicy.authoring import with_subjects

from . import measures_2020, subjects, zh

SOURCES = (measures_2020,)

LAYER = Layer(
    code="xining",
    name_zh="西宁市",
    name_en="Xining City",
    parent="qinghai",
    documents=tuple(module.DOCUMENT for module in SOURCES),
    parameters=tuple(p for module in SOURCES for p in module.PARAMETERS),
    rules=with_subjects(
        tuple(rule for module in SOURCES for rule in module.RULES),
        subjects.SUBJECTS,
        subjects.SUBJECT_FACTS,
    ),
    supersessions=measures_2020.SUPERSESSIONS,
    refinements=measures_2020.REFINEMENTS,
    facts=measures_2020.FACTS,
    labels_zh=zh.LABELS,
    meanings_zh=zh.MEANINGS,
    level="city",
)


@hookimpl
def innovpolicy_layer() -> Layer:
    """The Xining layer (immutable)."""
    return LAYER
