"""青科发政字[2009]186号 《青海省重点实验室管理办法》 (QH-KL).

Issuer: 青海省科学技术厅 (with 省财政厅), signed 2009-09-29; in force from
publication (第三十二条 "本办法自发布之日起执行,原《青海省重点实验室管理办法》(青科发政字[2008] 89号)
同时废止"); the repealed number is written without the seed's space where it names the
document (``repeals``), as document numbers are everywhere else.

Readings chosen (第十条):

* 第十条㈤ "企业组建实验室还应具备以下条件": an enterprise host must meet both of its
  requirements. The first, "依托企业有较强的综合科技实力,掌握产业核心技术和自主知识产权,
  并处于本领域领先地位", is one yes/no fact the user supplies
  (``host_leads_its_field``); the second is the 3% test below.
* "近三年中每年研发投入占年销售收入比例一般不低于3%" (enterprise hosts):
  R&D / sales of the same fiscal year, for each of Y-1, Y-2 and Y-3; "一般"
  (normally) is encoded as a requirement.
* "研发人员总数不少于15人(其中具备高级职称人员应在5人以上,至少有1名省级学科带头人)":
  the senior-title staff and the discipline leader are counted among the 15.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfzz-2009-186",
    number="青科发政字[2009]186号",
    title_zh="青海省重点实验室管理办法",
    title_en="Qinghai measures for provincial key laboratories",
    issuer_zh="青海省科学技术厅",
    issued=date(2009, 9, 29),
    effective_from=date(2009, 9, 29),
    repeals=("青科发政字[2008]89号",),
    dates_note="In force from publication (第三十二条); the cover letter is dated 2009-09-29.",
)

ART10 = a.Citation(DOCUMENT, "第十条", "申请实验室的单位,应具备以下条件")
W_STAFF = "研发人员总数不少于15人(其中具备高级职称人员应在5人以上,至少有1名省级学科带头人)"
W_PROJECTS = "每年承担国家或省级研发项目2项以上"
W_FLOOR = "科研用房面积800平方米以上"
W_EQUIP = "科研仪器设备总值(原值)不低于200万元"
W_RD = "近三年中每年研发投入占年销售收入比例一般不低于3%"
W_LEADER = "依托企业有较强的综合科技实力,掌握产业核心技术和自主知识产权,并处于本领域领先地位"


PARAMETERS = (
    a.constant(
        "qh.kl.min_rd_staff", 15, DOCUMENT.cite("第十条㈠", W_STAFF), "minimum R&D staff", "persons"
    ),
    a.constant(
        "qh.kl.min_senior_staff",
        5,
        DOCUMENT.cite("第十条㈠", W_STAFF),
        "minimum senior-title staff",
        "persons",
    ),
    a.constant(
        "qh.kl.min_discipline_leaders",
        1,
        DOCUMENT.cite("第十条㈠", W_STAFF),
        "minimum provincial discipline leaders",
        "persons",
    ),
    a.constant(
        "qh.kl.min_projects_per_year",
        2,
        DOCUMENT.cite("第十条㈡", W_PROJECTS),
        "minimum national or provincial R&D projects a year",
        "count",
    ),
    a.constant(
        "qh.kl.min_floor_area",
        800,
        DOCUMENT.cite("第十条㈢", W_FLOOR),
        "minimum research floor area",
        "m2",
    ),
    a.constant(
        "qh.kl.min_equipment",
        a.wan(200),
        DOCUMENT.cite("第十条㈢", W_EQUIP),
        "minimum equipment original value",
        "CNY",
    ),
    a.constant(
        "qh.kl.min_rd_intensity",
        "0.03",
        DOCUMENT.cite("第十条㈤", W_RD),
        "minimum yearly R&D / sales, enterprise host",
        "ratio",
    ),
)

KEY_LABORATORY = Rule(
    id="QH-KL",
    kind="designation",
    title_en="Qinghai provincial key laboratory (applicant conditions)",
    title_zh="青海省重点实验室申请条件",
    citation=ART10,
    criteria=a.all_of(
        a.at_least(
            "rd_staff",
            a.param("qh.kl.min_rd_staff"),
            label="R&D staff",
            wording=W_STAFF,
            article="第十条㈠",
        ),
        a.at_least(
            "senior_title_staff",
            a.param("qh.kl.min_senior_staff"),
            label="senior-title staff",
            wording=W_STAFF,
            article="第十条㈠",
        ),
        a.at_least(
            "provincial_discipline_leaders",
            a.param("qh.kl.min_discipline_leaders"),
            label="provincial discipline leaders",
            wording=W_STAFF,
            article="第十条㈠",
        ),
        a.at_least(
            "rd_projects_per_year",
            a.param("qh.kl.min_projects_per_year"),
            label="national or provincial R&D projects a year",
            wording=W_PROJECTS,
            article="第十条㈡",
        ),
        a.at_least(
            "research_floor_area",
            a.param("qh.kl.min_floor_area"),
            label="research floor area",
            wording=W_FLOOR,
            article="第十条㈢",
        ),
        a.at_least(
            "equipment_value",
            a.param("qh.kl.min_equipment"),
            label="equipment original value",
            wording=W_EQUIP,
            article="第十条㈢",
        ),
        a.if_(
            a.is_one_of(
                "host_kind",
                ("enterprise",),
                label="host is an enterprise",
                wording="企业组建实验室还应具备以下条件",
                article="第十条㈤",
            ),
            a.all_of(
                a.is_true(
                    "host_leads_its_field",
                    label="host firm: S&T strength, core technology and own IP, leading its field",
                    wording=W_LEADER,
                    article="第十条㈤",
                ),
                a.all_of(
                    *(
                        a.at_least(
                            a.ratio(
                                a.prior_year("rd_expense", back),
                                a.prior_year("sales_revenue", back),
                            ),
                            a.param("qh.kl.min_rd_intensity"),
                            label=f"R&D / sales in Y-{back}",
                            wording=W_RD,
                            article="第十条㈤",
                        )
                        for back in (1, 2, 3)
                    ),
                    label="R&D intensity in each of the last three years",
                ),
                label="both requirements of 第十条㈤",
            ),
            label="additional conditions for enterprise hosts",
        ),
        label="conditions of 第十条",
    ),
    readings=(
        "Enterprise hosts: R&D / sales of the same year ≥ 3% for each of Y-1, Y-2, Y-3.",
        "Enterprise hosts also need 第十条㈤'s first requirement (S&T strength, core technology "
        "and own IP, a leading position in the field): the fact host_leads_its_field.",
        "'一般不低于3%' encoded as a requirement.",
        "Judged at the review and not encoded: 第十条㈢ '有稳定的管理、技术人员队伍和健全的管理制度;并能统一管理,开放共享', 第十条㈣"
        " (the host's funding, logistics and academic support), and the prose qualities of ㈠ "
        "and ㈡; an ELIGIBLE answer means the encoded conditions hold.",
    ),
)

# ---------------------------------------------------------------- governance (第十五条, 第十六条)
# Declared parts of QH-KL, each its own rule: QH-KL-DIRECTOR and QH-KL-COMMITTEE.

W_DIRECTOR = "年龄一般不超过60岁,每年在实验室工作时间一般不少于8个月"
W_COMMITTEE = (
    "学术委员会一般由7--11名省内外优秀专家组成,其中依托单位的专家不超过总人数的三分之一。"
    "学术委员会委员每届任期五年,每次换届应更换三分之一以上。凡两次不出席学术委员会会议的应予以更换。"
)
DIRECTOR_C = a.Citation(DOCUMENT, "第十五条", W_DIRECTOR)
COMMITTEE_C = a.Citation(DOCUMENT, "第十六条", W_COMMITTEE)

FACTS = (
    FactSpec(
        "host_leads_its_field",
        "boolean",
        "the host enterprise has strong overall S&T strength, masters the industry's core "
        "technology and owns IP, and leads its field (第十条㈤: " + W_LEADER + ")",
    ),
    FactSpec(
        "director_months_in_lab",
        "integer",
        "months a year the lab director works in the lab",
        "months",
        Decimal(0),
    ),
    FactSpec(
        "committee_members", "integer", "members of the academic committee", "persons", Decimal(0)
    ),
    FactSpec(
        "committee_host_experts",
        "integer",
        "members of the academic committee from the host unit",
        "persons",
        Decimal(0),
    ),
    FactSpec(
        "committee_term_change",
        "boolean",
        "the committee is being renewed for a new five-year term (换届)",
    ),
    FactSpec(
        "committee_absent_member_kept",
        "boolean",
        "a member who missed two committee meetings has not been replaced",
    ),
    FactSpec(
        "committee_members_replaced",
        "integer",
        "members replaced at this renewal",
        "persons",
        Decimal(0),
    ),
)

GOVERNANCE_PARAMETERS = (
    a.constant(
        "qh.kl.director_max_age", 60, DIRECTOR_C, "maximum age of the lab director", "years"
    ),
    a.constant(
        "qh.kl.director_min_months",
        8,
        DIRECTOR_C,
        "minimum months a year the director works in the lab",
        "months",
    ),
    a.constant("qh.kl.committee_min", 7, COMMITTEE_C, "fewest committee members", "persons"),
    a.constant("qh.kl.committee_max", 11, COMMITTEE_C, "most committee members", "persons"),
    a.constant(
        "qh.kl.committee_third",
        3,
        COMMITTEE_C,
        "三分之一 as a whole-number test: host experts × 3 ≤ members; replaced × 3 ≥ members",
        "denominator",
    ),
)

PARAMETERS = (*PARAMETERS, *GOVERNANCE_PARAMETERS)

DIRECTOR = Rule(
    id="QH-KL-DIRECTOR",
    kind="condition",
    title_en="Key laboratory director: age and time in the lab (part of QH-KL)",
    title_zh="重点实验室主任年龄和在实验室工作时间",
    citation=DIRECTOR_C,
    criteria=a.all_of(
        a.at_most(
            "director_age",
            a.param("qh.kl.director_max_age"),
            label="director's age",
            wording="年龄一般不超过60岁",
            article="第十五条",
        ),
        a.at_least(
            "director_months_in_lab",
            a.param("qh.kl.director_min_months"),
            label="months a year in the lab",
            wording="每年在实验室工作时间一般不少于8个月",
            article="第十五条",
        ),
    ),
    readings=("'一般' (normally) is encoded as a requirement; an exception is for the office.",),
)

COMMITTEE = Rule(
    id="QH-KL-COMMITTEE",
    kind="condition",
    title_en="Key laboratory academic committee: size, host share, renewal (part of QH-KL)",
    title_zh="重点实验室学术委员会组成与换届",
    citation=COMMITTEE_C,
    criteria=a.all_of(
        a.at_least(
            "committee_members",
            a.param("qh.kl.committee_min"),
            label="committee members (at least 7)",
            wording="一般由7--11名省内外优秀专家组成",
            article="第十六条",
            reading="7--11 is a closed range: 7 and 11 both allowed",
        ),
        a.at_most(
            "committee_members",
            a.param("qh.kl.committee_max"),
            label="committee members (at most 11)",
            wording="一般由7--11名省内外优秀专家组成",
            article="第十六条",
            reading="7--11 is a closed range: 7 and 11 both allowed",
        ),
        a.at_most(
            a.times(a.param("qh.kl.committee_third"), a.fact("committee_host_experts")),
            a.fact("committee_members"),
            label="host experts × 3 (at most the members: 不超过三分之一)",
            wording="其中依托单位的专家不超过总人数的三分之一",
            article="第十六条",
        ),
        a.if_(
            a.is_true(
                "committee_term_change",
                label="renewal for a new term",
                wording="每次换届",
                article="第十六条",
            ),
            a.at_least(
                a.times(a.param("qh.kl.committee_third"), a.fact("committee_members_replaced")),
                a.fact("committee_members"),
                label="members replaced × 3 (at least the members: 三分之一以上)",
                wording="每次换届应更换三分之一以上",
                article="第十六条",
            ),
            label="at a renewal, a third or more replaced",
        ),
        a.not_(
            a.is_true(
                "committee_absent_member_kept",
                label="a member absent from two meetings is kept on",
                wording="凡两次不出席学术委员会会议的应予以更换",
                article="第十六条",
            ),
            label="members absent twice are replaced",
        ),
    ),
    readings=(
        "Fractions are tested on whole numbers (host experts × 3 ≤ members), so 1/3 is exact.",
        "'一般' (normally) is encoded as a requirement.",
    ),
)

EVALUATION_CYCLE = a.Deadline(
    wording="每3年对实验室的整体运行状况进行一次评估考核", article="第二十九条", years=3
)
DIRECTOR_TERM = a.Deadline(wording="实验室主任任期5年,可连续担任", article="第十五条", years=5)


def forfeited_for_missing_reports(missed: list[bool]) -> bool:
    """第二十四条 "连续两年未按要求上报材料将视为自动放弃省级重点实验室资格": two missed years in a row."""
    return any(first and second for first, second in itertools.pairwise(missed))


RULES = (KEY_LABORATORY, DIRECTOR, COMMITTEE)
