"""青科发政字[2010]213号 《青海省自然科学基金管理办法(试行)》 (QH-NSF-YOUTH).

Issuer: 青海省科学技术厅; dated 2010-12-27; in force from publication
(第三十二条 "本办法自公布之日起实施").

Readings chosen:

* 第十条㈡ "截止申请立项年度12月31日时的年龄不超过40周岁": the application year is the
  calendar year of the evaluation date; the age is counted in full years from the
  birth date to 31 December of that year, and must be ≤ 40.
* 第十条㈢ "具有博士以上学位或由2名正高级职称专家(或学科带头人)推荐": a doctorate, or at
  least two recommendations.
* 第十二条㈣ (initial review fails for an applicant "作为主持人正在承担国家或省部级项目")
  is part of the answer, as is 第五条 "项目实施期一般不超过3年" for the project proposed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfzz-2010-213",
    number="青科发政字[2010]213号",
    title_zh="青海省自然科学基金管理办法(试行)",
    title_en="Qinghai natural science fund measures (trial)",
    issuer_zh="青海省科学技术厅",
    issued=date(2010, 12, 27),
    effective_from=date(2010, 12, 27),
    dates_note="In force from publication (第三十二条); dated 2010-12-27.",
)

W_AGE = "截止申请立项年度12月31日时的年龄不超过40周岁"
YOUTH = a.Citation(DOCUMENT, "第十条", "青年项目申请者除了满足上述第九条外,还应具备以下条件")

FACTS = (
    FactSpec(
        "works_full_time_in_qinghai",
        "boolean",
        "works in Qinghai, employed full-time by a Qinghai legal person, in post",
    ),
    FactSpec(
        "led_provincial_project", "boolean", "has led a provincial S&T plan project of any kind"
    ),
    FactSpec("birth_date", "date", "date of birth"),
    FactSpec(
        "senior_expert_recommendations",
        "integer",
        "recommendations by experts of full senior title (or discipline leaders)",
        "count",
        Decimal(0),
    ),
    FactSpec(
        "leading_national_or_provincial_project",
        "boolean",
        "currently leads a national or provincial/ministerial project",
    ),
    FactSpec(
        "project_period_years", "integer", "planned duration of the project", "years", Decimal(0)
    ),
)

PARAMETERS = (
    a.constant(
        "qh.nsf_youth.max_age",
        40,
        citation=a.Citation(DOCUMENT, "第十条㈡", W_AGE),
        unit="years",
        description="maximum age on 31 December of the application year",
    ),
    a.constant(
        "qh.nsf_youth.min_recommendations",
        2,
        citation=a.Citation(DOCUMENT, "第十条㈢", "由2名正高级职称专家(或学科带头人)推荐"),
        unit="count",
        description="recommendations needed without a doctorate",
    ),
    a.constant(
        "qh.nsf.max_period_years",
        3,
        citation=a.Citation(DOCUMENT, "第五条", "项目实施期一般不超过3年"),
        unit="years",
        description="longest project period",
    ),
)

NSF_YOUTH = Rule(
    id="QH-NSF-YOUTH",
    kind="designation",
    title_en="Applicant for a natural science fund youth project",
    title_zh="青海省自然科学基金青年项目申请者",
    citation=YOUTH,
    criteria=a.all_of(
        a.is_true(
            "works_full_time_in_qinghai",
            label="works full-time in Qinghai",
            wording="在我省境内工作、全职受聘于我省法人单位、在职在岗的科技人员",
            article="第九条",
        ),
        a.not_(
            a.is_true(
                "led_provincial_project",
                label="has led a provincial plan project",
                wording="尚未主持过省级各类科技计划项目",
                article="第十条㈠",
            ),
            label="never led a provincial plan project",
        ),
        a.at_most(
            a.age_on("birth_date", a.day_of_evaluation_year(12, 31)),
            a.param("qh.nsf_youth.max_age"),
            label="age on 31 December of the application year",
            wording=W_AGE,
            article="第十条㈡",
        ),
        a.any_of(
            a.is_one_of(
                "degree",
                ("doctorate",),
                label="doctorate",
                wording="具有博士以上学位",
                article="第十条㈢",
            ),
            a.at_least(
                "senior_expert_recommendations",
                a.param("qh.nsf_youth.min_recommendations"),
                label="recommendations by full-senior experts",
                wording="由2名正高级职称专家(或学科带头人)推荐",
                article="第十条㈢",
            ),
            label="doctorate or two recommendations",
        ),
        a.not_(
            a.is_true(
                "leading_national_or_provincial_project",
                label="currently leads a national or provincial project",
                wording="作为主持人正在承担国家或省部级项目",
                article="第十二条㈣",
            ),
            label="passes the initial review",
        ),
        a.at_most(
            "project_period_years",
            a.param("qh.nsf.max_period_years"),
            label="project period",
            wording="项目实施期一般不超过3年",
            article="第五条",
        ),
    ),
    readings=(
        "The application year is the calendar year of the evaluation date; age in full years on 31 December.",
        "第五条 '项目实施期一般不超过3年' is encoded as a requirement (一般 read as a rule, as elsewhere); "
        "project_period_years is whole years, so a longer plan is ineligible.",
    ),
)

RULES = (NSF_YOUTH,)
