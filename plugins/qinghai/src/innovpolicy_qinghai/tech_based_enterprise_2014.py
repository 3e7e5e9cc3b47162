"""青科发高新[2014]188号 《青海省科技型企业认定管理办法》 (QH-TBE).

Issuer: 青海省科学技术厅, signed 2014-12-31. In force 2015-01-30 to 2019-12-31
(第十三条 "本办法自2015年1月30日起实施,有效期至2019年12月31日"); repeals
青科发政字[2008]162号.

Readings chosen:

* 第三条(二) "其主营收入占企业销售(服务)收入的50%以上" names no year; we use
  the prior fiscal year, the year whose audited report 第六条(七) requires.
* 第三条(二) "企业业务经营一年以上" counts full years from the date business
  started to the date of evaluation (≥ 1, inclusive, per 以上).
* 第三条(四) "企业上年度研发投入占销售收入的2%以上,并具有持续开展科技创新活动的能力":
  并 adds a second requirement within item (四), and 第三条 asks for every condition at
  once (同时具备), so the capacity is its own yes/no fact the user supplies
  (``sustained_innovation_capacity``), like ``finances_sound`` and ``owns_ip``. A caller
  who reads the capacity as shown by the 2% alone gives the fact the R&D test's outcome.
* 第九条 "自颁发证书之日起有效期为二年" uses the Civil-Code count (a certificate
  issued 2017-08-31 is valid through 2019-08-31); ``TERM.expires(issued,
  reading="inclusive_start")`` gives the other reading (through 2019-08-30).
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfgx-2014-188",
    number="青科发高新[2014]188号",
    title_zh="青海省科技型企业认定管理办法",
    title_en="Qinghai measures for the recognition and management of tech-based enterprises",
    issuer_zh="青海省科学技术厅",
    issued=date(2014, 12, 31),
    effective_from=date(2015, 1, 30),
    effective_to=date(2019, 12, 31),
    repeals=("青科发政字[2008]162号",),
    dates_note="第十三条 gives both the start (2015-01-30) and the end (2019-12-31).",
)


ART3 = DOCUMENT.cite("第三条", "申报认定青海省科技型企业应同时具备的条件有")
ART3_2_YEARS = DOCUMENT.cite("第三条(二)", "企业业务经营一年以上")
ART3_2_MAIN = DOCUMENT.cite("第三条(二)", "其主营收入占企业销售(服务)收入的50%以上")
ART3_3 = DOCUMENT.cite("第三条(三)", "企业内部具有中专以上学历科技人员占从业人员的30%以上")
ART3_4 = DOCUMENT.cite("第三条(四)", "企业上年度研发投入占销售收入的2%以上")
W_SUSTAINED = "并具有持续开展科技创新活动的能力"

FACTS = (
    FactSpec(
        "sustained_innovation_capacity",
        "boolean",
        "has the capacity to carry out S&T innovation activities on a sustained basis "
        "(具有持续开展科技创新活动的能力, 第三条(四))",
    ),
)

PARAMETERS = (
    a.constant(
        "qh.tbe.min_years_in_business",
        1,
        citation=ART3_2_YEARS,
        description="minimum full years in business",
        unit="years",
    ),
    a.constant(
        "qh.tbe.min_main_business_share",
        "0.50",
        citation=ART3_2_MAIN,
        description="minimum main-business share of sales revenue",
        unit="ratio",
    ),
    a.constant(
        "qh.tbe.min_sci_tech_staff_share",
        "0.30",
        citation=ART3_3,
        description="minimum share of S&T staff (中专 or above) among employees",
        unit="ratio",
    ),
    a.constant(
        "qh.tbe.min_rd_intensity",
        "0.02",
        citation=ART3_4,
        description="minimum prior-year R&D expense as a share of sales revenue",
        unit="ratio",
    ),
)

TERM = a.CertificateTerm(
    years=2,
    renewal_months=3,
    wording="科技型企业自颁发证书之日起有效期为二年。企业应在期满前三个月内提出复审申请,"
    "不提出复审申请或复审不合格的,其科技型企业资格到期自动失效。",
    article="第九条",
)

FRAUD_BAR = a.Bar(
    years=2,
    wording="隐瞒真实情况、提供虚假材料或采取欺诈手段骗取科技型企业称号的,经查实即通报取消其称号,"
    "两年内不再受理该企业的相关认定申请。",
    article="第十一条",
)

TECH_BASED_ENTERPRISE = Rule(
    id="QH-TBE",
    kind="designation",
    title_en="Qinghai tech-based enterprise",
    title_zh="青海省科技型企业认定",
    citation=ART3,
    criteria=a.all_of(
        a.is_true(
            "main_business_is_tech",
            label="main business is research, development, transfer or transformation",
            wording="以从事科学研究、技术开发、技术转让、技术咨询、技术服务和科技成果转化的研究、"
            "生产、经营为主要业务",
            article="第三条(一)",
        ),
        a.at_least(
            a.years_since("business_start_date"),
            a.param("qh.tbe.min_years_in_business"),
            label="full years in business",
            wording=ART3_2_YEARS.wording,
            article="第三条(二)",
        ),
        a.is_true(
            "finances_sound",
            label="sound finances",
            wording="财务制度健全,财务核算规范",
            article="第三条(二)",
        ),
        a.at_least(
            a.ratio(a.prior_year("main_business_revenue"), a.prior_year("sales_revenue")),
            a.param("qh.tbe.min_main_business_share"),
            label="main-business revenue / sales revenue (prior year)",
            wording=ART3_2_MAIN.wording,
            article="第三条(二)",
        ),
        a.at_least(
            a.ratio(a.fact("sci_tech_staff"), a.fact("employees")),
            a.param("qh.tbe.min_sci_tech_staff_share"),
            label="S&T staff / employees",
            wording=ART3_3.wording,
            article="第三条(三)",
        ),
        a.at_least(
            a.ratio(a.prior_year("rd_expense"), a.prior_year("sales_revenue")),
            a.param("qh.tbe.min_rd_intensity"),
            label="prior-year R&D expense / sales revenue",
            wording=ART3_4.wording,
            article="第三条(四)",
        ),
        a.is_true(
            "sustained_innovation_capacity",
            label="capacity for sustained S&T innovation",
            wording=W_SUSTAINED,
            article="第三条(四)",
        ),
        a.is_true(
            "owns_ip",
            label="owns IP or proprietary technology reserves",
            wording="企业具有自主知识产权或专有技术储备",
            article="第三条(五)",
        ),
        label="all conditions of 第三条 at once (同时具备)",
    ),
    readings=(
        "Main-business share and R&D intensity use the prior fiscal year (上年度).",
        "Years in business are full years from business_start_date to the evaluation date.",
        "第三条(四) '并具有持续开展科技创新活动的能力' is a second requirement of item (四) "
        "(同时具备): the fact sustained_innovation_capacity. A caller who reads the capacity as "
        "shown by the 2% alone gives it the R&D test's outcome.",
        "Certificate term: Civil-Code count; TERM.expires(..., reading='inclusive_start') "
        "gives the other reading.",
        "End date: 第十三条's '有效期至2019年12月31日' is preferred over the undated compendium of "
        "documents still in force (继续有效(保留)), which lists 188号 as item 19; a deployment that "
        "knows the compendium's date and the department's intent can extend the window in a "
        "child layer.",
    ),
    lifecycle=TERM,
)

RULES = (TECH_BASED_ENTERPRISE,)
