"""青科发办字[2001]183号 《青海省技术经纪人管理暂行规定》 (QH-BROKER).

Issuer: 青海省科学技术厅 (with 省工商局). In force from publication (第二十三条
"本办法由公布之日起施行"). The compendium copy carries no date; the number places
it in 2001, and we take 2001-01-01 as the start of its window.

One catalog id for three kinds of applicant, by the fact ``broker_applicant_kind``:
an individual entering the broker training (第七条), a broker firm (partnership,
第十一条) and a broker company (第十二条). Practising is its own rule,
QH-BROKER-PRACTICE (a part of QH-BROKER): an individual practises only with the
broker certificate (第九条), and one who comes from another province only after
registering in Qinghai (第二十一条).

Readings chosen:

* 第七条㈤ "申请技术经纪人资格之前连续三年以上没有经济违法行为": a person who never
  committed an economic offence qualifies; otherwise at least three full years
  between the last offence and the evaluation (application) date.
* "注册资金一万元以上", "注册资本在十万元以上": ≥; "不得少于4名": ≥ 4.
* A firm counts its certificate holders among all its staff (第十一条㈢ "从业人员",
  ``certificate_holders``); a company among its full-time brokers (第十二条㈣ "专职经纪人员,
  其中具有《技术经纪资格证书》的人员不得少于4名", ``fulltime_certificate_holders``).
* The firm's "组织章程和服务规范" (第十一条㈣, ``has_articles_and_service_rules``) and the
  company's "相应的组织机构和章程" (第十二条㈡, ``has_organisation_and_articles``) are
  different pairs, each one fact.
* 第二十一条 "外省来青从事技术经纪活动的专业人员": a professional whose broker
  qualification or residence is from another province and who brokers in Qinghai
  (``broker_from_other_province``); "在开展业务前,需先在我省办理注册登记" is read as
  a condition of practising, checked as of the evaluation date. The licence of
  第十四条 concerns setting up a firm, company or self-employed practice and is not part
  of this rule (an employed broker needs none of his own).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Constraint, Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkfbz-2001-183",
    number="青科发办字[2001]183号",
    title_zh="青海省技术经纪人管理暂行规定",
    title_en="Qinghai interim provisions on technology brokers",
    issuer_zh="青海省科学技术厅",
    effective_from=date(2001, 1, 1),
    dates_note="No date in the source; 2001-01-01 assumed from the document number.",
)

W_PERSON = "具有大专以上文化程度及三年以上工作经验的专业技术人员"
W_OFFENCE = "申请技术经纪人资格之前连续三年以上没有经济违法行为"
W_COMPANY_HOLDERS = "有与经营规模相适应的专职经纪人员,其中具有《技术经纪资格证书》的人员不得少于4名"

KINDS = a.Citation(
    DOCUMENT,
    "第七条、第十一条、第十二条",
    "具备下列条件的人员,可申请参加技术经纪人资格培训…技术经纪人事务所应当具备下列条件…"
    "设立技术经纪公司应当符合下列条件",
)

_Z = Decimal(0)
FACTS = (
    FactSpec(
        "broker_applicant_kind", "text", "who applies", choices=("individual", "firm", "company")
    ),
    FactSpec("full_civil_capacity", "boolean", "has full capacity for civil conduct"),
    FactSpec("residence_in_qinghai", "boolean", "has a fixed residence in Qinghai"),
    FactSpec("college_or_above", "boolean", "college (大专) education or above"),
    FactSpec(
        "work_experience_years",
        "integer",
        "years of work experience as a professional",
        "years",
        _Z,
    ),
    FactSpec("broker_basic_knowledge", "boolean", "has the basic knowledge and skills of a broker"),
    FactSpec("economic_offence_ever", "boolean", "has ever committed an economic offence"),
    FactSpec("last_economic_offence_date", "date", "date of the last economic offence"),
    FactSpec("has_name_and_premises", "boolean", "has its own name and (fixed) premises"),
    FactSpec(
        "has_articles_and_service_rules",
        "boolean",
        "a broker firm has its articles of organisation and service rules "
        "(第十一条㈣: 有组织章程和服务规范)",
    ),
    FactSpec(
        "has_organisation_and_articles",
        "boolean",
        "a broker company has the organisation (组织机构) and articles its business needs "
        "(第十二条㈡: 具有相应的组织机构和章程)",
    ),
    FactSpec("registered_capital", "decimal", "registered capital", "CNY", _Z),
    FactSpec(
        "certificate_holders",
        "integer",
        "a broker firm's staff (从业人员, full- or part-time) holding the technology-broker "
        "certificate (《技术经纪资格证书》)",
        "persons",
        _Z,
    ),
    FactSpec(
        "fulltime_certificate_holders",
        "integer",
        "a broker company's full-time brokers (专职经纪人员) holding the technology-broker "
        "certificate (《技术经纪资格证书》); part-time holders do not count",
        "persons",
        _Z,
    ),
    FactSpec(
        "broker_certificate",
        "boolean",
        "passed the exam and holds the technology-broker certificate (《技术经纪资格证书》)",
    ),
    FactSpec(
        "broker_from_other_province",
        "boolean",
        "a professional from another province who brokers technology in Qinghai (外省来青)",
    ),
    FactSpec(
        "broker_registered_in_qinghai",
        "boolean",
        "has registered (注册登记) as a technology broker in Qinghai",
    ),
)

#: a company's full-time certificate holders are among all its certificate holders
CONSTRAINTS = (
    Constraint(
        "fulltime_certificate_holders",
        "certificate_holders",
        "full-time certificate holders are counted among all certificate holders",
    ),
)


PARAMETERS = (
    a.constant(
        "qh.broker.min_experience_years",
        3,
        DOCUMENT.cite("第七条㈢", W_PERSON),
        "years of work experience",
        "years",
    ),
    a.constant(
        "qh.broker.clean_years",
        3,
        DOCUMENT.cite("第七条㈤", W_OFFENCE),
        "offence-free years before applying",
        "years",
    ),
    a.constant(
        "qh.broker.firm_min_capital",
        a.wan(1),
        DOCUMENT.cite("第十一条㈡", "注册资金一万元以上"),
        "firm capital",
        "CNY",
    ),
    a.constant(
        "qh.broker.firm_min_holders",
        3,
        DOCUMENT.cite("第十一条㈢", "有三名以上具有《技术经纪资格证书》的从业人员"),
        "certificate holders of a firm",
        "persons",
    ),
    a.constant(
        "qh.broker.company_min_capital",
        a.wan(10),
        DOCUMENT.cite("第十二条㈢", "注册资本在十万元以上"),
        "company capital",
        "CNY",
    ),
    a.constant(
        "qh.broker.company_min_holders",
        4,
        DOCUMENT.cite("第十二条㈣", W_COMPANY_HOLDERS),
        "certificate holders among a company's full-time brokers",
        "persons",
    ),
)

_individual = a.all_of(
    a.is_true(
        "full_civil_capacity",
        label="full civil capacity",
        wording="具有完全民事行为能力的公民",
        article="第七条㈠",
    ),
    a.is_true(
        "residence_in_qinghai",
        label="fixed residence in Qinghai",
        wording="在本省有固定住所",
        article="第七条㈡",
    ),
    a.is_true(
        "college_or_above",
        label="college education or above",
        wording="具有大专以上文化程度",
        article="第七条㈢",
    ),
    a.at_least(
        "work_experience_years",
        a.param("qh.broker.min_experience_years"),
        label="years of work experience",
        wording="三年以上工作经验",
        article="第七条㈢",
    ),
    a.is_true(
        "broker_basic_knowledge",
        label="basic broker knowledge",
        wording="初步具有从事技术经纪人活动所需要的专业技术知识和技能",
        article="第七条㈣",
    ),
    a.if_(
        a.is_true(
            "economic_offence_ever",
            label="has committed an economic offence",
            wording="经济违法行为",
            article="第七条㈤",
        ),
        a.at_least(
            a.years_since("last_economic_offence_date"),
            a.param("qh.broker.clean_years"),
            label="full years since the last economic offence",
            wording=W_OFFENCE,
            article="第七条㈤",
        ),
        label="no economic offence in the last three years",
    ),
    label="individual applicant (第七条)",
)

_firm = a.all_of(
    a.is_true(
        "has_name_and_premises",
        label="own name and address",
        wording="有自己的名称、住所",
        article="第十一条㈠",
    ),
    a.at_least(
        "registered_capital",
        a.param("qh.broker.firm_min_capital"),
        label="registered capital",
        wording="注册资金一万元以上",
        article="第十一条㈡",
    ),
    a.at_least(
        "certificate_holders",
        a.param("qh.broker.firm_min_holders"),
        label="certificate holders",
        wording="有三名以上具有《技术经纪资格证书》的从业人员",
        article="第十一条㈢",
    ),
    a.is_true(
        "has_articles_and_service_rules",
        label="articles and service rules",
        wording="有组织章程和服务规范",
        article="第十一条㈣",
    ),
    label="broker firm (第十一条)",
)

_company = a.all_of(
    a.is_true(
        "has_name_and_premises",
        label="name and fixed premises",
        wording="有自己的名称和固定的业务场所",
        article="第十二条㈠",
    ),
    a.is_true(
        "has_organisation_and_articles",
        label="organisation and articles",
        wording="具有相应的组织机构和章程",
        article="第十二条㈡",
    ),
    a.at_least(
        "registered_capital",
        a.param("qh.broker.company_min_capital"),
        label="registered capital",
        wording="注册资本在十万元以上",
        article="第十二条㈢",
    ),
    a.at_least(
        "fulltime_certificate_holders",
        a.param("qh.broker.company_min_holders"),
        label="certificate holders among full-time staff",
        wording=W_COMPANY_HOLDERS,
        article="第十二条㈣",
    ),
    label="broker company (第十二条)",
)

BROKER = Rule(
    id="QH-BROKER",
    kind="designation",
    title_en="Technology broker: individual, firm or company",
    title_zh="技术经纪人及技术经纪机构条件",
    citation=KINDS,
    criteria=a.if_(
        a.is_one_of(
            "broker_applicant_kind", ("individual",), label="an individual", wording="人员"
        ),
        _individual,
        a.if_(
            a.is_one_of(
                "broker_applicant_kind",
                ("firm",),
                label="a broker firm",
                wording="技术经纪人事务所",
            ),
            _firm,
            _company,
            label="firm or company",
        ),
        label="conditions by kind of applicant",
    ),
    readings=(
        "An individual who never committed an economic offence meets 第七条㈤; otherwise three full years "
        "must have passed since the last one.",
        "A firm counts certificate holders among all its staff (从业人员, certificate_holders); a "
        "company only among its full-time brokers (专职经纪人员, fulltime_certificate_holders).",
        "Judged at the registration and not encoded: 第十条 "
        "'技术经纪人事务所是由具有《技术经纪资格证书》的人员依法合伙设立的经济组织' (the partners hold the certificate); the firm"
        " branch tests 第十一条 only.",
    ),
)

PRACTICE = Rule(
    id="QH-BROKER-PRACTICE",
    kind="condition",
    title_en="Practising as a technology broker in Qinghai (part of QH-BROKER)",
    title_zh="在青海从事技术经纪活动的条件（资格证书；外省来青人员注册登记）",
    citation=DOCUMENT.cite(
        "第九条、第二十一条",
        "技术经纪人培训后应当考试合格,取得《技术经纪资格证书》方可从事经纪活动…"
        "外省来青从事技术经纪活动的专业人员,在开展业务前,需先在我省办理注册登记,方可从事此项业务",
    ),
    criteria=a.all_of(
        a.is_true(
            "broker_certificate",
            label="holds the technology-broker certificate",
            wording="培训后应当考试合格,取得《技术经纪资格证书》方可从事经纪活动",
            article="第九条",
        ),
        a.if_(
            a.is_true(
                "broker_from_other_province",
                label="comes from another province",
                wording="外省来青从事技术经纪活动的专业人员",
                article="第二十一条",
            ),
            a.is_true(
                "broker_registered_in_qinghai",
                label="registered in Qinghai before practising",
                wording="在开展业务前,需先在我省办理注册登记,方可从事此项业务",
                article="第二十一条",
            ),
            label="brokers from other provinces register in Qinghai first",
        ),
        label="may practise technology brokerage in Qinghai",
    ),
    readings=(
        "第二十一条 applies to professionals from other provinces who broker in Qinghai; "
        "their registration in Qinghai is checked as of the evaluation date.",
    ),
)

RULES = (BROKER, PRACTICE)
