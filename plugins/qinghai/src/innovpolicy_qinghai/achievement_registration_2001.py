"""青科发办字[2001]116号 《青海省科技成果登记办法》 (QH-ACHIEVEMENT-REG).

Issuer: 青海省科学技术厅. In force from publication (第二十七条); repeals
青科成字[1991]第181号. The compendium copy carries no date; the number places it in
2001 and we take 2001-01-01 as the start of its window.

The rule answers whether an application to register an achievement is accepted;
the evaluation date is the application date.

Readings chosen:

* 第十二条 "超过一年不申请登记者,不再受理登记": an application up to and including
  one year after the evaluation (鉴定、评审、验收) is accepted; later is not.
* 第十二条 "通过评价…和行业准入后应及时…办理科技成果登记手续": registration is due once
  the achievement has passed its evaluation *and* industry admission, so for an
  achievement that needs admission (``needs_industry_admission``; a drug, a new
  variety) the year runs from the later of the two dates (``industry_admission_date``).
  The text makes no refusal ground of applying before admission, and none is encoded.
* 第五条 basic-theory results: published at least one year before (一年以上) and
  cited by peers, with the unit's evaluation.
* 第八条 "相同的科技成果…不得重复登记".

Deadlines: formal check within 7 working days (第十五条, ``FORMAL_CHECK``); decision
within 15 working days of the objection outcome (第二十一条, ``DECISION``).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfbz-2001-116",
    number="青科发办字[2001]116号",
    title_zh="青海省科技成果登记办法",
    title_en="Qinghai measures for registering S&T achievements",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2001, 1, 1),
    repeals=("青科成字[1991]第181号",),
    dates_note="No date in the source; 2001-01-01 assumed from the document number.",
)

W_LATE = "科技成果通过评价(经科技成果管理机构组织的鉴定、评审、验收)和行业准入后应及时输办理科技成果登记手续,超过一年不申请登记者,不再受理登记"
W_THEORY = "在国内外本学科权威性学术刊物或学术会议上发表一年以上,已得到国内外同行专家引用并有本单位学术或(技术)部门评价意见的基础理论成果"
REGISTRATION = a.Citation(DOCUMENT, "第十二条", W_LATE)

FACTS = (
    FactSpec(
        "achievement_kind",
        "text",
        "kind of achievement",
        choices=("applied", "basic_theory", "soft_science"),
    ),
    FactSpec("achievement_evaluation_date", "date", "date the achievement passed its evaluation"),
    FactSpec(
        "needs_industry_admission",
        "boolean",
        "the achievement needs industry admission (行业准入: a drug, a new variety, a "
        "licensed product...)",
    ),
    FactSpec(
        "industry_admission_date",
        "date",
        "date the achievement obtained industry admission (行业准入)",
    ),
    FactSpec("already_registered", "boolean", "the same achievement is already registered"),
    FactSpec("publication_date", "date", "date a basic-theory result was published"),
    FactSpec("cited_by_peers", "boolean", "cited by peers, with the unit's evaluation opinion"),
)

PARAMETERS = (
    a.constant(
        "qh.achievement_reg.max_years_after_evaluation",
        1,
        citation=REGISTRATION,
        unit="years",
        description="years after the evaluation (and industry admission, where needed) within "
        "which registration is accepted",
    ),
    a.constant(
        "qh.achievement_reg.min_years_published",
        1,
        citation=a.Citation(DOCUMENT, "第五条", W_THEORY),
        unit="years",
        description="years a basic-theory result must have been published",
    ),
)


def _within_a_year_of(date_fact: str, event: str) -> a.Criterion:
    """The application is at most a year after *date_fact* (超过一年 is refused).

    Within a year of the later of two dates is within a year of either of them, as a
    year after the later date is the later of the two years after."""
    return a.at_most(
        a.evaluation_date(),
        a.years_after(date_fact, a.param("qh.achievement_reg.max_years_after_evaluation")),
        label=f"applied within one year of {event}",
        wording="超过一年不申请登记者,不再受理登记",
        article="第十二条",
        reading="refused when more than (超过) a year late, so accepted up to one year",
    )


ACHIEVEMENT_REG = Rule(
    id="QH-ACHIEVEMENT-REG",
    kind="condition",
    title_en="Registration of an S&T achievement is accepted",
    title_zh="科技成果登记受理",
    citation=REGISTRATION,
    criteria=a.all_of(
        a.not_(
            a.is_true(
                "already_registered",
                label="already registered",
                wording="相同的科技成果…不得重复登记",
                article="第八条",
            ),
            label="not registered before",
        ),
        a.if_(
            a.is_true(
                "needs_industry_admission",
                label="needs industry admission (行业准入)",
                wording="科技成果通过评价(经科技成果管理机构组织的鉴定、评审、验收)和行业准入后",
                article="第十二条",
            ),
            a.any_of(
                _within_a_year_of("achievement_evaluation_date", "the evaluation"),
                _within_a_year_of("industry_admission_date", "industry admission"),
                label="applied within one year of the later of evaluation and industry admission",
            ),
            _within_a_year_of("achievement_evaluation_date", "the evaluation"),
            label="applied within one year of becoming registrable",
        ),
        a.if_(
            a.is_one_of(
                "achievement_kind",
                ("basic_theory",),
                label="a basic-theory result",
                wording="基础理论成果",
                article="第五条",
            ),
            a.all_of(
                a.at_least(
                    a.years_since("publication_date"),
                    a.param("qh.achievement_reg.min_years_published"),
                    label="full years since publication",
                    wording="发表一年以上",
                    article="第五条",
                ),
                a.is_true(
                    "cited_by_peers",
                    label="cited by peers, with the unit's evaluation",
                    wording="已得到国内外同行专家引用并有本单位学术或(技术)部门评价意见",
                    article="第五条",
                ),
            ),
            label="basic-theory results: published a year and cited",
        ),
    ),
    readings=(
        "ELIGIBLE means the registration application is accepted; the evaluation date is the application date.",
    ),
)

FORMAL_CHECK = a.WorkingDayDeadline(
    7, wording="在7个工作日内将审查结果通知申请者", article="第十五条"
)
DECISION = a.WorkingDayDeadline(
    15,
    wording="应根据反馈的异议处理结果,在15个工作日内做出准予登记或不登记的结论",
    article="第二十一条",
)

RULES = (ACHIEVEMENT_REG,)
