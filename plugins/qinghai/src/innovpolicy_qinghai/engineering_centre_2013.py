"""青科发高新字[2013]58号 《青海省工程技术研究中心管理办法》 (QH-ERC).

Issuer: 青海省科学技术厅 (with 省发改委, 省经委, 省财政厅). In force from
promulgation (第二十五条 "本管理办法自颁布之日起施行"); repeals
青科发高新字[2009]173号.

Dates: the compendium copy carries no signing date. The number places it in
2013; we take 2013-01-01 as the start of its window and say so here.

Readings chosen (第七条):

* "年销售收入" and the R&D test use completed fiscal years before the evaluation
  date: sales of Y-1 ≥ 100,000,000 (agricultural leading enterprise:
  30,000,000); R&D of Y-1 ≥ 4% of the sales of Y-2 ("上年销售收入") or ≥
  5,000,000. "每年" is checked on the latest completed year (``qh.erc.rd_years`` = 1);
  overriding it to 3 checks each of Y-1, Y-2, Y-3.
* "近三年企业销售收入年增长率10%以上": each of the three growth rates of
  Y-1, Y-2, Y-3 over its preceding year is ≥ 10%, so four years of sales are read
  (``qh.erc.growth_years`` = 3). The other reading, common in filings, takes 近三年 as
  three years of accounts (Y-3..Y-1) giving two rates, Y-1 and Y-2:
  ``qh.erc.growth_years`` = 2.
* Agricultural-field centres: "其中农业领域工程中心实验室面积300平方米以上,
  试验基地100亩以上" replaces the general 1000 m² requirement; the equipment
  threshold is 1,000,000 instead of 3,000,000. Overriding
  ``qh.erc.agri_also_general_area`` to 1 requires the 1000 m² as well.
* "承担…2-3项省级科技计划项目" is read as at least 2.
* "年人均科研经费不少于5万元": yearly research funding divided by R&D staff;
  zero R&D staff makes it undecidable, never a pass.
* "工程中心主任年龄一般不超过60岁": "一般" (normally) is encoded as a
  requirement; a reviewer may waive it.
"""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfgx-2013-58",
    number="青科发高新字[2013]58号",
    title_zh="青海省工程技术研究中心管理办法",
    title_en="Qinghai measures for engineering technology research centres",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2013, 1, 1),
    repeals=("青科发高新字[2009]173号",),
    dates_note="No signing date in the source; 2013-01-01 assumed from the document number.",
)

ART7 = a.Citation(DOCUMENT, "第七条", "拟申请承担工程中心建设任务的依托单位应具备以下条件")
W_SALES = "年销售收入不低于1亿元(依托农业龙头企业组建的,年销售收入不低于3000万元)"
W_GROWTH = "近三年企业销售收入年增长率10%以上"
W_RD = "每年研发投入一般不低于上年销售收入的4%,或不低于500万元"
W_TEAM_ENT = "应由5 名以上高级职称人员组成科研开发团队,拥有20人以上较高水平的工艺技术研究、产品开发、分析检测的技术人员和熟练技术工人"
W_TEAM_UNI = "科研人员须在20人以上,有2 项以上国内领先水平、工程化前景良好的技术成果"
W_AREA = "面积在1000平方米以上,其中农业领域工程中心实验室面积300平方米以上,试验基地100亩以上"
W_EQUIP = "科研仪器设备总值300(农业领域100)万元以上"
W_TRACK = "近五年,承担1项以上国家科技计划项目、2-3项省级科技计划项目"
W_AWARD = "获得1项以上国家或省级科技进步奖、发明奖、自然科学奖,或获得2项以上国家发明专利授权,或审定2个以上农业新品种"
W_FUNDING = "年人均科研经费不少于5万元"
W_AGES = "技术带头人,年龄不超过65岁,工程中心主任年龄一般不超过60岁"


PARAMETERS = (
    a.constant(
        "qh.erc.min_sales",
        a.wan(10000),
        DOCUMENT.cite("第七条(二)", W_SALES),
        "minimum annual sales revenue",
        "CNY",
    ),
    a.constant(
        "qh.erc.min_sales_agri",
        a.wan(3000),
        DOCUMENT.cite("第七条(二)", W_SALES),
        "minimum annual sales revenue, agricultural leading enterprise",
        "CNY",
    ),
    a.constant(
        "qh.erc.min_sales_growth",
        "0.10",
        DOCUMENT.cite("第七条(二)", W_GROWTH),
        "minimum yearly sales growth",
        "ratio",
    ),
    a.constant(
        "qh.erc.min_rd_share",
        "0.04",
        DOCUMENT.cite("第七条(二)", W_RD),
        "minimum R&D as a share of prior-year sales",
        "ratio",
    ),
    a.constant(
        "qh.erc.min_rd_amount",
        a.wan(500),
        DOCUMENT.cite("第七条(二)", W_RD),
        "alternative minimum yearly R&D amount",
        "CNY",
    ),
    a.constant(
        "qh.erc.rd_years",
        1,
        DOCUMENT.cite("第七条(二)", W_RD),
        "completed years whose R&D must meet 每年研发投入: 1 = the latest (default reading), "
        "3 = each of the last three, like 近三年",
        "years",
    ),
    a.constant(
        "qh.erc.growth_years",
        3,
        DOCUMENT.cite("第七条(二)", W_GROWTH),
        "yearly growth rates that must be ≥ 10%: 3 = those of Y-1, Y-2, Y-3 (four years of "
        "sales; default reading), 2 = those of Y-1, Y-2 (three years of accounts)",
        "years",
    ),
    a.constant(
        "qh.erc.agri_also_general_area",
        0,
        DOCUMENT.cite("第七条(六)", W_AREA),
        "agricultural-field centres: 0 = lab 300 m² and base 100 mu replace the 1000 m² "
        "(default reading), 1 = they are required in addition to the 1000 m²",
        "reading",
    ),
    a.constant(
        "qh.erc.max_leader_age",
        65,
        DOCUMENT.cite("第七条(四)", W_AGES),
        "maximum age of technical leaders",
        "years",
    ),
    a.constant(
        "qh.erc.max_director_age",
        60,
        DOCUMENT.cite("第七条(四)", W_AGES),
        "maximum age of the centre director",
        "years",
    ),
    a.constant(
        "qh.erc.min_senior_staff",
        5,
        DOCUMENT.cite("第七条(四)", W_TEAM_ENT),
        "minimum senior-title staff",
        "persons",
    ),
    a.constant(
        "qh.erc.min_technical_staff",
        20,
        DOCUMENT.cite("第七条(四)", W_TEAM_ENT),
        "minimum technical staff and skilled workers",
        "persons",
    ),
    a.constant(
        "qh.erc.min_researchers_uni",
        20,
        DOCUMENT.cite("第七条(四)", W_TEAM_UNI),
        "minimum researchers, university or institute host",
        "persons",
    ),
    a.constant(
        "qh.erc.min_leading_achievements",
        2,
        DOCUMENT.cite("第七条(四)", W_TEAM_UNI),
        "minimum domestically leading achievements",
        "count",
    ),
    a.constant(
        "qh.erc.min_facility_area",
        1000,
        DOCUMENT.cite("第七条(六)", W_AREA),
        "minimum facility area",
        "m2",
    ),
    a.constant(
        "qh.erc.min_lab_area_agri",
        300,
        DOCUMENT.cite("第七条(六)", W_AREA),
        "minimum lab area, agricultural field",
        "m2",
    ),
    a.constant(
        "qh.erc.min_test_base_agri",
        100,
        DOCUMENT.cite("第七条(六)", W_AREA),
        "minimum test base, agricultural field",
        "mu",
    ),
    a.constant(
        "qh.erc.min_equipment",
        a.wan(300),
        DOCUMENT.cite("第七条(六)", W_EQUIP),
        "minimum equipment value",
        "CNY",
    ),
    a.constant(
        "qh.erc.min_equipment_agri",
        a.wan(100),
        DOCUMENT.cite("第七条(六)", W_EQUIP),
        "minimum equipment value, agricultural field",
        "CNY",
    ),
    a.constant(
        "qh.erc.min_national_projects",
        1,
        DOCUMENT.cite("第七条(七)", W_TRACK),
        "minimum national plan projects in five years",
        "count",
    ),
    a.constant(
        "qh.erc.min_provincial_projects",
        2,
        DOCUMENT.cite("第七条(七)", W_TRACK),
        "minimum provincial plan projects in five years",
        "count",
    ),
    a.constant(
        "qh.erc.min_awards",
        1,
        DOCUMENT.cite("第七条(七)", W_AWARD),
        "minimum S&T awards in five years",
        "count",
    ),
    a.constant(
        "qh.erc.min_invention_patents",
        2,
        DOCUMENT.cite("第七条(七)", W_AWARD),
        "minimum granted invention patents in five years",
        "count",
    ),
    a.constant(
        "qh.erc.min_varieties",
        2,
        DOCUMENT.cite("第七条(七)", W_AWARD),
        "minimum approved agricultural varieties in five years",
        "count",
    ),
    a.constant(
        "qh.erc.min_funding_per_researcher",
        a.wan(5),
        DOCUMENT.cite("第七条(七)", W_FUNDING),
        "minimum yearly research funding per researcher",
        "CNY",
    ),
)

_enterprise_host = a.is_one_of(
    "host_kind",
    ("enterprise",),
    label="host is an enterprise",
    wording="依托企业组建的",
    article="第七条(二)",
)
_agri_leader = a.is_true(
    "is_agricultural_leading_enterprise",
    label="host is an agricultural leading enterprise",
    wording="依托农业龙头企业组建的",
    article="第七条(二)",
)
_agri_field = a.is_true(
    "agricultural_field",
    label="centre works in the agricultural field",
    wording="农业领域工程中心",
    article="第七条(六)",
)


def _rd_test(back: int) -> a.Criterion:
    """每年研发投入…不低于上年销售收入的4%，或不低于500万元, for the year Y-*back*."""
    return a.any_of(
        a.at_least(
            a.ratio(a.prior_year("rd_expense", back), a.prior_year("sales_revenue", back + 1)),
            a.param("qh.erc.min_rd_share"),
            label=f"R&D (Y-{back}) / sales of the year before (Y-{back + 1})",
            wording=W_RD,
            article="第七条(二)",
        ),
        a.at_least(
            a.prior_year("rd_expense", back),
            a.param("qh.erc.min_rd_amount"),
            label=f"R&D amount (Y-{back})",
            wording=W_RD,
            article="第七条(二)",
        ),
        label=f"R&D of Y-{back}: 4% of the prior year's sales or 5,000,000",
    )


def _growth_test(back: int) -> a.Criterion:
    """近三年企业销售收入年增长率10%以上, for the growth of Y-*back* over the year before."""
    return a.at_least(
        a.growth("sales_revenue", back),
        a.param("qh.erc.min_sales_growth"),
        label=f"sales growth in Y-{back}",
        wording=W_GROWTH,
        article="第七条(二)",
    )


_enterprise_requirements = a.all_of(
    a.is_true(
        "is_industry_leader",
        label="leading firm of its industry in the province",
        wording="须为省内同行业的龙头骨干企业",
        article="第七条(二)",
    ),
    a.if_(
        _agri_leader,
        a.at_least(
            a.prior_year("sales_revenue"),
            a.param("qh.erc.min_sales_agri"),
            label="annual sales revenue (agricultural leading enterprise)",
            wording=W_SALES,
            article="第七条(二)",
        ),
        a.at_least(
            a.prior_year("sales_revenue"),
            a.param("qh.erc.min_sales"),
            label="annual sales revenue",
            wording=W_SALES,
            article="第七条(二)",
        ),
        label="sales threshold by kind of host",
    ),
    a.all_of(
        _growth_test(1),
        _growth_test(2),
        a.if_(
            a.at_least(
                a.param("qh.erc.growth_years"),
                3,
                label="reading: 近三年 covers the growth of Y-3 (qh.erc.growth_years)",
                wording=W_GROWTH,
                article="第七条(二)",
            ),
            _growth_test(3),
            label="sales growth in Y-3, if 近三年 is read as three growth rates",
        ),
        label="sales growth in each of the last three years",
    ),
    _rd_test(1),
    *(
        a.if_(
            a.at_least(
                a.param("qh.erc.rd_years"),
                back,
                label=f"reading: 每年 covers Y-{back} (qh.erc.rd_years)",
                wording=W_RD,
                article="第七条(二)",
            ),
            _rd_test(back),
            label=f"R&D of Y-{back}, if 每年 is read as each of several years",
        )
        for back in (2, 3)
    ),
    a.at_least(
        "senior_title_staff",
        a.param("qh.erc.min_senior_staff"),
        label="senior-title staff in the R&D team",
        wording=W_TEAM_ENT,
        article="第七条(四)",
    ),
    a.at_least(
        "technical_staff",
        a.param("qh.erc.min_technical_staff"),
        label="technical staff and skilled workers",
        wording=W_TEAM_ENT,
        article="第七条(四)",
    ),
    label="enterprise host requirements",
)

_academic_requirements = a.all_of(
    a.at_least(
        "rd_staff",
        a.param("qh.erc.min_researchers_uni"),
        label="researchers",
        wording=W_TEAM_UNI,
        article="第七条(四)",
    ),
    a.at_least(
        "leading_achievements",
        a.param("qh.erc.min_leading_achievements"),
        label="domestically leading achievements",
        wording=W_TEAM_UNI,
        article="第七条(四)",
    ),
    label="university or institute host requirements",
)

ENGINEERING_CENTRE = Rule(
    id="QH-ERC",
    kind="designation",
    title_en="Qinghai engineering technology research centre (host conditions)",
    title_zh="青海省工程技术研究中心依托单位条件",
    citation=ART7,
    criteria=a.all_of(
        a.is_true(
            "registered_in_qinghai",
            label="registered in Qinghai",
            wording="在青海省内注册登记的独立法人",
            article="第七条(一)",
        ),
        a.is_true(
            "independent_legal_person",
            label="independent legal person",
            wording="在青海省内注册登记的独立法人",
            article="第七条(一)",
        ),
        a.is_true(
            "rd_body_in_qinghai",
            label="R&D body located in Qinghai",
            wording="研究开发机构主体设在青海省境内",
            article="第七条(一)",
        ),
        a.if_(
            _enterprise_host,
            _enterprise_requirements,
            _academic_requirements,
            label="requirements by kind of host",
        ),
        a.at_most(
            "max_technical_leader_age",
            a.param("qh.erc.max_leader_age"),
            label="age of the oldest technical leader",
            wording=W_AGES,
            article="第七条(四)",
        ),
        a.at_most(
            "director_age",
            a.param("qh.erc.max_director_age"),
            label="age of the centre director",
            wording=W_AGES,
            article="第七条(四)",
        ),
        a.if_(
            _agri_field,
            a.all_of(
                a.at_least(
                    "lab_area",
                    a.param("qh.erc.min_lab_area_agri"),
                    label="laboratory area (agricultural)",
                    wording=W_AREA,
                    article="第七条(六)",
                ),
                a.at_least(
                    "test_base_area",
                    a.param("qh.erc.min_test_base_agri"),
                    label="test base area in mu (agricultural)",
                    wording=W_AREA,
                    article="第七条(六)",
                ),
                a.at_least(
                    "equipment_value",
                    a.param("qh.erc.min_equipment_agri"),
                    label="equipment value (agricultural)",
                    wording=W_EQUIP,
                    article="第七条(六)",
                ),
                a.if_(
                    a.compare(
                        a.param("qh.erc.agri_also_general_area"),
                        "==",
                        1,
                        label="reading: the 1000 m² applies to agricultural centres too",
                        wording=W_AREA,
                        article="第七条(六)",
                        reading="a switch between two readings, not a threshold",
                    ),
                    a.at_least(
                        "facility_area",
                        a.param("qh.erc.min_facility_area"),
                        label="facility area (if required of agricultural centres too)",
                        wording=W_AREA,
                        article="第七条(六)",
                    ),
                    label="general facility area, under the other reading",
                ),
                label="agricultural-field facilities",
            ),
            a.all_of(
                a.at_least(
                    "facility_area",
                    a.param("qh.erc.min_facility_area"),
                    label="facility area",
                    wording=W_AREA,
                    article="第七条(六)",
                ),
                a.at_least(
                    "equipment_value",
                    a.param("qh.erc.min_equipment"),
                    label="equipment value",
                    wording=W_EQUIP,
                    article="第七条(六)",
                ),
                label="facilities",
            ),
            label="facilities by field",
        ),
        a.at_least(
            "national_projects_5y",
            a.param("qh.erc.min_national_projects"),
            label="national plan projects, last five years",
            wording=W_TRACK,
            article="第七条(七)",
        ),
        a.at_least(
            "provincial_projects_5y",
            a.param("qh.erc.min_provincial_projects"),
            label="provincial plan projects, last five years",
            wording=W_TRACK,
            article="第七条(七)",
        ),
        a.any_of(
            a.at_least(
                "st_awards_5y",
                a.param("qh.erc.min_awards"),
                label="national or provincial S&T awards",
                wording=W_AWARD,
                article="第七条(七)",
            ),
            a.at_least(
                "invention_patents_5y",
                a.param("qh.erc.min_invention_patents"),
                label="granted invention patents",
                wording=W_AWARD,
                article="第七条(七)",
            ),
            a.at_least(
                "crop_varieties_5y",
                a.param("qh.erc.min_varieties"),
                label="approved agricultural varieties",
                wording=W_AWARD,
                article="第七条(七)",
            ),
            label="awards, patents or varieties",
        ),
        a.at_least(
            a.ratio(a.fact("research_funding"), a.fact("rd_staff")),
            a.param("qh.erc.min_funding_per_researcher"),
            label="yearly research funding per researcher",
            wording=W_FUNDING,
            article="第七条(七)",
        ),
        label="host conditions of 第七条",
    ),
    readings=(
        "Sales and R&D use completed fiscal years: sales[Y-1]; R&D[Y-1] vs sales[Y-2]. "
        "'每年研发投入' is checked on the latest completed year; override qh.erc.rd_years to 3 "
        "to require it of each of Y-1, Y-2, Y-3.",
        "Sales growth ≥ 10% in each of Y-1, Y-2, Y-3 (four years of sales are read); override "
        "qh.erc.growth_years to 2 to read 近三年 as three years of accounts (growth of Y-1, Y-2).",
        "Agricultural-field centres: lab ≥ 300 m² and base ≥ 100 mu replace the 1000 m² test; "
        "override qh.erc.agri_also_general_area to 1 to require the 1000 m² as well.",
        "'2-3项省级科技计划项目' read as at least 2.",
        "Director age '一般不超过60岁' encoded as a requirement.",
        "'每年研发投入一般不低于上年销售收入的4%,或不低于500万元': 一般 is encoded as a requirement.",
        "Judged at the review and not encoded: the qualities of 第七条(二) (economic strength, "
        "scale and competitive advantage, 产品市场占有率较高 and the like), (三) (research direction, "
        "leading technology in the province), (五) (management system and operating "
        "mechanism), (七) (一般还应是本行业技术监督管理的归口单位, engineering and transfer background) and (八) "
        "(driving the industry's progress); an ELIGIBLE answer means the encoded conditions "
        "hold.",
    ),
)

# ---------------------------------------------------------------- declared parts of QH-ERC
# QH-ERC-BRANCH (第九条) and QH-ERC-COMMITTEE (第十八条), each its own rule.

W_BRANCH = (
    "在省外设立分中心须由依托单位控股,是青海省级工程技术研究中心的派出机构,且已稳定运行一年以上"
)
W_COMMITTEE = "原则上工程中心可设立工程技术委员会,一般为7-15人"
BRANCH_C = a.Citation(DOCUMENT, "第九条", W_BRANCH)
COMMITTEE_C = a.Citation(DOCUMENT, "第十八条", W_COMMITTEE)

FACTS = (
    FactSpec(
        "branch_host_controlled", "boolean", "the host unit controls the out-of-province branch"
    ),
    FactSpec(
        "centre_stable_since",
        "date",
        "date from which the provincial centre has run stably",
    ),
    FactSpec(
        "has_technical_committee", "boolean", "the centre has set up an engineering committee"
    ),
    FactSpec(
        "technical_committee_members",
        "integer",
        "members of the engineering technology committee",
        "persons",
        Decimal(0),
    ),
)

PART_PARAMETERS = (
    a.constant("qh.erc.branch_min_years", 1, BRANCH_C, "full years of stable operation", "years"),
    a.constant("qh.erc.committee_min", 7, COMMITTEE_C, "fewest committee members", "persons"),
    a.constant("qh.erc.committee_max", 15, COMMITTEE_C, "most committee members", "persons"),
)
PARAMETERS = (*PARAMETERS, *PART_PARAMETERS)

BRANCH = Rule(
    id="QH-ERC-BRANCH",
    kind="condition",
    title_en="Out-of-province branch of an engineering centre (part of QH-ERC)",
    title_zh="工程技术研究中心省外分中心设立条件",
    citation=BRANCH_C,
    criteria=a.all_of(
        a.is_true(
            "branch_host_controlled",
            label="controlled by the host unit",
            wording="须由依托单位控股",
            article="第九条",
        ),
        a.at_least(
            a.years_since("centre_stable_since"),
            a.param("qh.erc.branch_min_years"),
            label="full years the centre has run stably",
            wording="且已稳定运行一年以上",
            article="第九条",
        ),
    ),
    readings=(
        "'稳定运行一年以上': at least one full year from centre_stable_since.",
        "第九条 '已稳定运行一年以上' is read of the provincial centre (a branch being set up has not run "
        "yet), counted from centre_stable_since; grammatically its subject could be the "
        "branch. '是青海省级工程技术研究中心的派出机构' is not tested.",
    ),
)

COMMITTEE = Rule(
    id="QH-ERC-COMMITTEE",
    kind="condition",
    title_en="Engineering technology committee of 7 to 15 (part of QH-ERC)",
    title_zh="工程技术委员会人数",
    citation=COMMITTEE_C,
    criteria=a.if_(
        a.is_true(
            "has_technical_committee",
            label="a committee is set up",
            wording="原则上工程中心可设立工程技术委员会",
            article="第十八条",
        ),
        a.all_of(
            a.at_least(
                "technical_committee_members",
                a.param("qh.erc.committee_min"),
                label="committee members (at least 7)",
                wording="一般为7-15人",
                article="第十八条",
                reading="7-15 is a closed range: 7 and 15 both allowed",
            ),
            a.at_most(
                "technical_committee_members",
                a.param("qh.erc.committee_max"),
                label="committee members (at most 15)",
                wording="一般为7-15人",
                article="第十八条",
                reading="7-15 is a closed range: 7 and 15 both allowed",
            ),
        ),
        label="a committee, if set up, has 7 to 15 members",
    ),
    readings=(
        "The committee is optional (可设立); when there is one, '一般为7-15人' is encoded as a "
        "requirement.",
    ),
)

CONSTRUCTION_PERIOD = a.Deadline(
    wording="工程中心建设周期一般不超过2年", article="第十五条", years=2
)
NATIONAL_RECOMMENDATION_AFTER = a.Deadline(
    wording="经过一年以上运行良好,达到国家级工程技术中心标准的,可推荐申报国家工程技术研究中心",
    article="第十六条",
    years=1,
)
OVERDUE_CANCELLATION = a.Deadline(
    wording="无正当理由超期一年未能完成计划任务的工程中心…取消其立项", article="第二十三条", years=1
)
BAD_CREDIT_BAR = a.Bar(
    years=3,
    wording="对有信誉不良记录的依托单位,取消其三年内申报各类省级科技计划项目资格",
    article="第二十三条",
)
EVALUATION_CYCLE = a.Deadline(
    wording="每两年对其运行情况及绩效进行考评或评估", article="第二十四条", years=2
)


def revoked_after_evaluations(passed: list[bool]) -> bool:
    """第二十四条 "连续两年考评不合格的,撤消其工程中心资格": two failed evaluations in a row."""
    return any(not first and not second for first, second in itertools.pairwise(passed))


RULES = (ENGINEERING_CENTRE, BRANCH, COMMITTEE)
