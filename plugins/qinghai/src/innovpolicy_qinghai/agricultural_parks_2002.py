"""青科发农社字[2002]12号 《青海省农业科技园区管理办法》 (QH-AGRIPARK).

Issuer: 青海省科学技术厅. In force from publication (第16条); the compendium copy
carries no date, the number places it in 2002 and we take 2002-01-01 as the start
of its window.

第7条: an applicant park is approved by the local government and has been under
construction for at least one year ("经过1年以上建设", full years from the start
of construction to the evaluation date), has a local coordination group and a
management body, and is typical and demonstrative (a fact judged by the
experts). 第13条: yearly report by the end of January (``ANNUAL_REPORT_BY``);
第14条: re-evaluated two years after the plaque (``RE_EVALUATION``).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfnsz-2002-12",
    number="青科发农社字[2002]12号",
    title_zh="青海省农业科技园区管理办法",
    title_en="Qinghai measures for agricultural S&T parks",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2002, 1, 1),
    dates_note="No date in the source; 2002-01-01 assumed from the document number.",
)

APPLICANT = a.Citation(
    DOCUMENT,
    "第7条",
    "农业科技园区的申报对象包括现有农业基地、各种类型的农业示范园(区)。应符合以下条件",
)

FACTS = (
    FactSpec(
        "meets_park_guideline",
        "boolean",
        "meets the basic requirements of the provincial park guideline",
    ),
    FactSpec("approved_by_local_government", "boolean", "approved by the local government"),
    FactSpec("construction_start_date", "date", "date construction of the park began"),
    FactSpec(
        "typical_and_demonstrative",
        "boolean",
        "functions are well designed, typical and representative, with a strong demonstration effect",
    ),
    FactSpec(
        "local_coordination_group", "boolean", "a local coordination leading group has been set up"
    ),
    FactSpec("park_management_body", "boolean", "a sound park management body has been set up"),
)

PARAMETERS = (
    a.constant(
        "qh.agripark.min_construction_years",
        1,
        citation=a.Citation(DOCUMENT, "第7条", "经过1年以上建设"),
        unit="years",
        description="full years under construction",
    ),
)

AGRIPARK = Rule(
    id="QH-AGRIPARK",
    kind="designation",
    title_en="Provincial agricultural S&T park (applicant)",
    title_zh="省级农业科技园区申报条件",
    citation=APPLICANT,
    criteria=a.all_of(
        a.is_true(
            "meets_park_guideline",
            label="meets the park guideline",
            wording="符合《青海省农业科技园区指南》的基本要求",
            article="第7条",
        ),
        a.is_true(
            "approved_by_local_government",
            label="approved by the local government",
            wording="已经地方政府批准",
            article="第7条",
        ),
        a.at_least(
            a.years_since("construction_start_date"),
            a.param("qh.agripark.min_construction_years"),
            label="full years under construction",
            wording="经过1年以上建设",
            article="第7条",
        ),
        a.is_true(
            "typical_and_demonstrative",
            label="typical and demonstrative",
            wording="具有典型性和代表性,对周边地区有较强的示范、引导和带动作用",
            article="第7条",
        ),
        a.is_true(
            "local_coordination_group",
            label="local coordination group",
            wording="已成立园区地方协调领导小组",
            article="第7条",
        ),
        a.is_true(
            "park_management_body",
            label="management body",
            wording="已建立健全的园区管理机构",
            article="第7条",
        ),
    ),
)

RE_EVALUATION = a.Deadline(
    wording='挂牌两年后进行复评,不合格者取消"省级农业科技园区"资格', article="第14条", years=2
)


def annual_report_by(year: int) -> date:
    """第13条 "每年1月底前…将上年度园区工作总结等材料报送省科技厅": the report on *year* is due 31 January of the next."""
    return date(year + 1, 1, 31)


RULES = (AGRIPARK,)
