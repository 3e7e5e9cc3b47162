"""Qinghai Province (青海省) layer for innovpolicy.

One module per source document; each names the document and quotes the article
every rule encodes. The layer is discovered through the ``innovpolicy`` entry
point group (``qinghai = "innovpolicy_qinghai"``).
"""

from __future__ import annotations

from innovpolicy import Layer, hookimpl
from innovpolicy.authoring import with_subjects

from . import (
    achievement_registration_2001,
    agricultural_parks_2002,
    basic_plan_2009,
    classified_projects_2012,
    engineering_centre_2013,
    huimin_plan_2013,
    innovative_enterprise_2008,
    instrument_sharing_2014,
    key_laboratory_2009,
    key_laboratory_evaluation_2009,
    major_projects_2009,
    measures_2020,
    natural_science_fund_2010,
    patent_award_2013,
    patent_pledge_2010,
    popsci_bases_2002,
    rd_appraisal_2010,
    report_2017,
    st_awards_2010,
    subjects,
    tech_based_enterprise_2014,
    tech_contract_registration_2013,
    technology_broker_2001,
    zh,
)

SOURCES = (
    tech_based_enterprise_2014,
    engineering_centre_2013,
    key_laboratory_2009,
    key_laboratory_evaluation_2009,
    instrument_sharing_2014,
    patent_award_2013,
    patent_pledge_2010,
    natural_science_fund_2010,
    technology_broker_2001,
    innovative_enterprise_2008,
    rd_appraisal_2010,
    tech_contract_registration_2013,
    classified_projects_2012,
    major_projects_2009,
    basic_plan_2009,
    huimin_plan_2013,
    agricultural_parks_2002,
    popsci_bases_2002,
    achievement_registration_2001,
    st_awards_2010,
    report_2017,
    measures_2020,
)

LAYER = Layer(
    code="qinghai",
    name_zh="青海省",
    name_en="Qinghai Province",
    parent=None,
    documents=tuple(module.DOCUMENT for module in SOURCES),
    parameters=tuple(p for module in SOURCES for p in getattr(module, "PARAMETERS", ())),
    rules=with_subjects(
        tuple(rule for module in SOURCES for rule in module.RULES),
        subjects.SUBJECTS,
        subjects.SUBJECT_FACTS,
    ),
    facts=tuple(spec for module in SOURCES for spec in getattr(module, "FACTS", ())),
    constraints=tuple(c for module in SOURCES for c in getattr(module, "CONSTRAINTS", ())),
    labels_zh=zh.LABELS,
    meanings_zh=zh.MEANINGS,
    level="province",
)


@hookimpl
def innovpolicy_layer() -> Layer:
    """The Qinghai layer (immutable)."""
    return LAYER
