"""青办字〔2020〕76号 《青海省关于优化科技创新体系提升科技创新供给能力的若干政策措施》.

Issuer: 中共青海省委办公厅、青海省人民政府办公厅, 2020. The seed copy carries
neither title nor date; 西宁市 measures posted 2020-08-19 cite it by title, and
the 2022 plan (seed 000) cites it as 青办字〔2020〕76号 with matching wording.

Dates chosen: in force from 2020-08-19, the earliest date on which the sources
prove it was published (the Xining measures cite it that day). The 15% value of
the R&D subsidy recorded in 2017 (``report_2017``) applies until 2020-08-18.
A caller who knows the real publication date can override the window in a
child layer.

Rules here: QH20-HTE-NEW and QH20-LITTLE-GIANT (一), QH20-RD-SUBSIDY (二),
QH20-TECH-INTRO (二), QH20-PLATFORM (五), QH20-HORIZONTAL (十三).

Reading of QH20-HORIZONTAL: "横向项目结余经费70%以上可用于奖励项目组成员" permits a
share of 70% or more (以上 ≥, CONVENTIONS) of a horizontal project's balance to go
to the team; nothing in the text caps it below the whole balance. The rule answers
"is this reward share permitted?": any share up to the whole balance is. The other
reading (70% as a ceiling) is selected by overriding ``qh.horizontal.max_reward_share``
to 0.70 in a child layer.

Payers: two passages name the province's money: (八) "省财政一次性给予30万元建站经费支持"
(QH20-POSTDOC) and (十一) "省级科技专项经费" (QH20-ZONE-RANK); each split quotes it. For
the other provincial awards the text names no payer; those with a split cite their
section's list of responsible units (责任单位, which includes 省财政厅) and record the
reading that the province pays on the rule.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import DatedValue, Document, FactSpec, MarginalScale, Parameter, Rule
from innovpolicy import authoring as a

from . import report_2017

DOCUMENT = Document(
    key="qbz-2020-76",
    number="青办字〔2020〕76号",
    title_zh="青海省关于优化科技创新体系提升科技创新供给能力的若干政策措施",
    title_en="Qinghai measures on optimising the S&T innovation system and raising the supply "
    "of S&T innovation",
    issuer_zh="中共青海省委办公厅、青海省人民政府办公厅",
    effective_from=date(2020, 8, 19),
    dates_note="No date in the source; 2020-08-19 is the earliest date the sources prove it "
    "published (cited by the Xining measures posted that day).",
)

W_RD_SUBSIDY = (
    "对高新技术企业和科技型企业按照当年研发费用加计扣除免税额的10％给予最高不超过200万元奖补"
)
W_TECH_INTRO = (
    "对引进技术落地转化效果显著的企业，择优按转移转化项目研发总投入的20%，给予不高于企业三年累计缴税总额，"
    "最高200万元的财政资金补助，所需补助资金按行政隶属由省和市（州）根据财政事权8：2比例承担"
)
W_PLATFORM = (
    "对促成不低于3项科技成果在省内转化的科技成果转化平台，年度技术交易额度在1000万元 （含）以内的，"
    "给予1.5%的补助；1000万元以上的部分，给予1%的补助，每个平台每年最高补助100万元"
)

W_HTE = (
    "对新认定的高新技术企业奖励10万元，对高新技术企业中认定为“省级科技小巨人”的企业，再奖励90万元"
)
W_HORIZONTAL = "横向项目结余经费70%以上可用于奖励项目组成员"

HTE = a.Citation(DOCUMENT, "一、(一)", W_HTE)
HORIZONTAL = a.Citation(DOCUMENT, "五、(十三)", W_HORIZONTAL)
RD_SUBSIDY = a.Citation(DOCUMENT, "一、(二)", W_RD_SUBSIDY)
TECH_INTRO = a.Citation(DOCUMENT, "一、(二)", W_TECH_INTRO)
PLATFORM = a.Citation(DOCUMENT, "二、(五)", W_PLATFORM)

FACTS = (
    FactSpec("newly_certified_high_tech", "boolean", "newly certified as a high-tech enterprise"),
    FactSpec(
        "platform_landed_in_qinghai",
        "boolean",
        "the achievement-transformation platform has landed in Qinghai (落地青海; asked only "
        "under the reading qh.platform.must_land = 1)",
    ),
    FactSpec(
        "certified_little_giant",
        "boolean",
        "a high-tech enterprise certified as a provincial S&T little giant (省级科技小巨人)",
    ),
    FactSpec(
        "horizontal_balance",
        "decimal",
        "balance of a horizontal (contract-funded) project",
        "CNY",
        Decimal(0),
    ),
    FactSpec(
        "horizontal_reward",
        "decimal",
        "part of that balance paid as rewards to the project team",
        "CNY",
        Decimal(0),
    ),
)

PARAMETERS = (
    a.constant(
        "qh.hte_new.award",
        a.wan(10),
        citation=HTE,
        unit="CNY",
        description="award for a newly certified high-tech enterprise",
    ),
    a.constant(
        "qh.little_giant.award",
        a.wan(90),
        citation=HTE,
        unit="CNY",
        description="additional award for a provincial S&T little giant",
    ),
    a.constant(
        "qh.horizontal.max_reward_share",
        1,
        citation=HORIZONTAL,
        unit="ratio",
        description="largest share of a horizontal balance usable for team rewards: 1 (the whole "
        "balance; 70%以上 sets a floor, no ceiling) by default, 0.70 for the ceiling reading",
    ),
    Parameter(
        "qh.rd_subsidy.rate",
        "share of this year's R&D super-deduction tax exemption paid as a subsidy",
        "ratio",
        (report_2017.RD_SUBSIDY_RATE, DatedValue("0.10", DOCUMENT.effective_from, RD_SUBSIDY)),
    ),
    Parameter(
        "qh.rd_subsidy.cap",
        "yearly cap of the R&D super-deduction subsidy",
        "CNY",
        (report_2017.RD_SUBSIDY_CAP, DatedValue(a.wan(200), DOCUMENT.effective_from, RD_SUBSIDY)),
    ),
    a.constant(
        "qh.tech_intro.rate",
        "0.20",
        citation=TECH_INTRO,
        unit="ratio",
        description="share of the transfer project's total R&D investment",
    ),
    a.constant(
        "qh.tech_intro.cap",
        a.wan(200),
        citation=TECH_INTRO,
        unit="CNY",
        description="cap of the technology-import subsidy",
    ),
    a.constant(
        "qh.tech_intro.province_weight",
        8,
        citation=TECH_INTRO,
        unit="weight",
        description="province's part of the 8:2 cost share",
    ),
    a.constant(
        "qh.tech_intro.prefecture_weight",
        2,
        citation=TECH_INTRO,
        unit="weight",
        description="prefecture's part of the 8:2 cost share",
    ),
    a.constant(
        "qh.platform.min_achievements",
        3,
        citation=PLATFORM,
        unit="count",
        description="minimum achievements transformed in Qinghai",
    ),
    a.constant(
        "qh.platform.scale",
        MarginalScale.of((0, "0.015"), (a.wan(1000), "0.01")),
        citation=PLATFORM,
        unit="marginal scale",
        description="1.5% up to and including 10,000,000, 1% of the part above",
    ),
    a.constant(
        "qh.platform.must_land",
        0,
        citation=a.Citation(DOCUMENT, "二、(五)", "鼓励国内外科技成果转化平台落地青海"),
        unit="reading",
        description="0 = '落地青海' is an encouragement, not a condition (default reading), "
        "1 = the platform must have landed in Qinghai (fact platform_landed_in_qinghai)",
    ),
    a.constant(
        "qh.platform.cap",
        a.wan(100),
        citation=PLATFORM,
        unit="CNY",
        description="yearly cap per platform",
    ),
)

W_UNITS_HTE = "（责任单位：省科技厅，省发展改革委、省工业和信息化厅、省财政厅）"
PROVINCE_PAYS = a.paid_by("province", wording=W_UNITS_HTE, article="一、(一)")
PAYER_READING = (
    "The text names no payer for this award; the province is read as paying it "
    "(省财政厅 is among the section's responsible units, 责任单位)."
)

HTE_NEW = Rule(
    id="QH20-HTE-NEW",
    kind="incentive",
    title_en="Award for a newly certified high-tech enterprise",
    title_zh="新认定高新技术企业奖励",
    citation=HTE,
    criteria=a.is_true(
        "newly_certified_high_tech",
        label="newly certified high-tech enterprise",
        wording="对新认定的高新技术企业",
        article="一、(一)",
    ),
    amount=a.Fixed(a.param("qh.hte_new.award"), "award", "奖励10万元"),
    split=PROVINCE_PAYS,
    readings=(
        PAYER_READING,
        "'新认定' sets no date from which a certification counts: one made before the measures "
        "took effect (2020-08-19) is accepted if the caller calls it new (the fact carries no "
        "date); the measures pay nothing on a date before they took effect. A caller holding "
        "the other reading (certified on or after 2020-08-19 only) answers "
        "newly_certified_high_tech = false for an earlier certification.",
    ),
    events=("high_tech_certified",),
)

LITTLE_GIANT = Rule(
    id="QH20-LITTLE-GIANT",
    kind="incentive",
    title_en="Additional award for a high-tech enterprise certified as a provincial little giant",
    title_zh="省级科技小巨人企业奖励",
    citation=HTE,
    criteria=a.all_of(
        a.is_true(
            "is_high_tech_enterprise",
            label="high-tech enterprise",
            wording="对高新技术企业中",
            article="一、(一)",
        ),
        a.is_true(
            "certified_little_giant",
            label="certified as a provincial S&T little giant",
            wording="认定为“省级科技小巨人”的企业",
            article="一、(一)",
        ),
    ),
    amount=a.Fixed(a.param("qh.little_giant.award"), "additional award", "再奖励90万元"),
    split=PROVINCE_PAYS,
    readings=(PAYER_READING,),
    events=("little_giant_certified",),
)

HORIZONTAL_BALANCE = Rule(
    id="QH20-HORIZONTAL",
    kind="condition",
    title_en="Horizontal project balance used for team rewards",
    title_zh="横向项目结余经费奖励项目组成员",
    citation=HORIZONTAL,
    criteria=a.at_most(
        a.ratio(a.fact("horizontal_reward"), a.fact("horizontal_balance")),
        a.param("qh.horizontal.max_reward_share"),
        label="reward share of the horizontal balance (70% or more may be used, up to all of it)",
        wording=W_HORIZONTAL,
        article="五、(十三)",
        reading="70%以上可用于 permits 70% or more; the comparison is with the largest share "
        "permitted (the whole balance), not with the 70% floor",
    ),
    readings=(
        "'70%以上可用于': 70% or more of the balance may be used (以上 ≥), up to the whole balance; "
        "override qh.horizontal.max_reward_share to 0.70 for the other reading (70% as a ceiling).",
    ),
)

RD_SUBSIDY_2020 = Rule(
    id="QH20-RD-SUBSIDY",
    kind="incentive",
    title_en="R&D super-deduction subsidy",
    title_zh="研发费用加计扣除免税额奖补",
    citation=RD_SUBSIDY,
    criteria=a.any_of(
        a.is_true("is_high_tech_enterprise", label="high-tech enterprise", wording="高新技术企业"),
        a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
        label="high-tech or tech-based enterprise",
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.rd_subsidy.rate"),
            a.fact("rd_super_deduction_exemption"),
            "rate × this year's super-deduction tax exemption",
            "按照当年研发费用加计扣除免税额的10％",
        ),
        a.cap(a.param("qh.rd_subsidy.cap"), label="cap", wording="给予最高不超过200万元奖补"),
    ),
    readings=(
        "In force from 2020-08-19 (earliest proven publication); before that the 2017 "
        "version at 15% applies.",
        "The rate (15% or 10%) is the one in force on the evaluation date (the date the subsidy "
        "is granted), not in the tax year of the exemption: '当年' names the base, not the "
        "rate. A 2019 exemption evaluated on 2020-09-01 gets 10%; a caller holding the other "
        "reading (the rate of the tax year) evaluates on a date in that year, 2019-12-31.",
    ),
)

TECH_INTRO_SUBSIDY = Rule(
    id="QH20-TECH-INTRO",
    kind="incentive",
    title_en="Subsidy for imported technology transformed locally",
    title_zh="引进技术落地转化补助",
    citation=TECH_INTRO,
    criteria=a.is_true(
        "imported_technology_effective",
        label="imported technology transformed with marked effect (selected on merit)",
        wording="对引进技术落地转化效果显著的企业，择优",
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.tech_intro.rate"),
            a.fact("transfer_project_rd_total"),
            "20% of the transfer project's total R&D investment",
            "择优按转移转化项目研发总投入的20%",
        ),
        a.cap(
            a.sum_of_years("tax_paid", 3),
            label="taxes paid in the last three fiscal years",
            wording="不高于企业三年累计缴税总额",
        ),
        a.cap(a.param("qh.tech_intro.cap"), label="cap", wording="最高200万元"),
        wording=W_TECH_INTRO,
    ),
    split=a.CostSplit(
        (
            a.Payer("province", a.param("qh.tech_intro.province_weight")),
            a.Payer(
                "prefecture", a.param("qh.tech_intro.prefecture_weight"), name_fact="prefecture"
            ),
        ),
        wording="所需补助资金按行政隶属由省和市（州）根据财政事权8：2比例承担",
        article="一、(二)",
    ),
    readings=(
        "'三年累计缴税总额' = taxes paid in the three fiscal years before the evaluation date.",
        "The prefecture share is paid by the prefecture of administrative affiliation (prefecture fact).",
        "Without the prefecture fact the amount and the verdict are the same and the split still "
        "shows 8:2, the prefecture's share with no payer named: the text states the 8:2 with no "
        "exception, so a firm with no prefecture of affiliation (a 省属 firm, for which "
        "按行政隶属 could mean the province bears all) is not decided here; the caller, or a "
        "child layer's ShareRefinement, settles that share.",
    ),
)

PLATFORM_SUBSIDY = Rule(
    id="QH20-PLATFORM",
    kind="incentive",
    title_en="Subsidy for achievement-transformation platforms",
    title_zh="科技成果转化服务平台补助",
    citation=PLATFORM,
    criteria=a.all_of(
        a.at_least(
            "achievements_transformed",
            a.param("qh.platform.min_achievements"),
            label="achievements transformed in Qinghai",
            wording="促成不低于3项科技成果在省内转化",
            article="二、(五)",
        ),
        a.if_(
            a.at_least(
                a.param("qh.platform.must_land"),
                1,
                label="reading: the platform must have landed in Qinghai (qh.platform.must_land)",
                wording="鼓励国内外科技成果转化平台落地青海",
                article="二、(五)",
            ),
            a.is_true(
                "platform_landed_in_qinghai",
                label="the platform has landed in Qinghai",
                wording="鼓励国内外科技成果转化平台落地青海",
                article="二、(五)",
            ),
            label="landed in Qinghai, under the other reading",
        ),
    ),
    amount=a.lesser_of(
        a.Marginal(
            a.param("qh.platform.scale"),
            a.fact("transaction_volume"),
            "marginal tiers on the yearly transaction volume",
            "年度技术交易额度在1000万元 （含）以内的，给予1.5%的补助；1000万元以上的部分，给予1%的补助",
        ),
        a.cap(
            a.param("qh.platform.cap"),
            label="yearly cap per platform",
            wording="每个平台每年最高补助100万元",
        ),
    ),
    readings=(
        "'鼓励国内外科技成果转化平台落地青海' is read as the encouragement the subsidy serves, not a "
        "condition: the condition is '促成不低于3项科技成果在省内转化', and a platform outside "
        "Qinghai that transforms 3 achievements in the province qualifies. Override "
        "qh.platform.must_land to 1 for the other reading (the platform must have landed in "
        "Qinghai: fact platform_landed_in_qinghai).",
    ),
)


# ============================================================================ the other rules of 001
# (一)…(十八) are the section numbers of the measures; quotes are verbatim.

W_PLAN_PREREQ = "企业申请科技计划项目时，上年度研发经费支出应达到所申请财政资金1倍以上"
W_STANDARD = "对主导制定或修订国家标准的企业，给予50万元一次性奖励；主导制定或修订国际标准的，给予100万元一次性奖励"
W_VOUCHER = "按照高新技术企业和科技型企业每年度累计发放不超过20万元、注册成立不满3年的创新创业企业和团队每年度累计发放不超过5万元标准的科技创新券"
W_FIRST_PURCHASE = "对我省采购方按照成交金额的10%给予补助，最高补助200万元"
W_TOP500 = "对世界500强、中国500强、中国民营500强企业在青海建立的独立法人研发机构或创新平台，分别给予500万元、400万元、300万元一次性科研经费奖励"
W_TT_AGENCY = "对在省内注册设立，服务我省产业发展的技术转移服务机构，按服务技术交易和科技成果转化年营业收入20%，择优给予技术转移机构最高不超过100万元的工作经费补助"
W_TT_COBUILT = "按共建机构技术转移营业收入的20%，给予合作伙伴最高不超过50万元的奖励"
W_DEAL_LOCAL = "对科技成果来源于省内高校、科研机构并在省内转化的项目，分别给予成果出让方和成果受让方各20％的财政资金补助，每个项目最高补助100万元"
W_DEAL_IMPORT = (
    "对科技成果来源于省外并落地成功转化的，给予成果受让方20％的财政资金补助，每项最高补助100万元"
)
W_CASH_TAX = "从职务科技成果转化收入中给予科技人员的现金奖励，减按50%计入科技人员当月“工资、薪金所得”依法缴纳个人所得税"
W_CASH_INSTALMENTS = "可在取得科技成果转化收入之日起一定时期内分期兑现，最长不超过3年"
W_ACADEMICIAN = "对从我省申报入选为两院院士的，对其团队给予一次性科研经费补助1000万元"
W_TALENT = "对从我省申报入选为国家级科研创新人才的，对其团队给予100-300万元科研经费补助"
W_SETTLE_IN = (
    "对于符合条件的博士研究生、硕士研究生分别给予一次性40万元和10万元税后特殊支持（安家费）"
)
W_POSTDOC = "对设立的博士后科研流动站、工作站，省财政一次性给予30万元建站经费支持"
W_FLEX = "允许高校、科研机构设立5%的流动岗位"
W_ZONE_NEW = (
    "对新获批的国家高新区、国家创新型城市、国家可持续发展议程创新示范区、农业高新技术产业开发区，根据创新绩效情况给予一次性500万元奖励性后补助；"
    "对新获批的国家创新型县（市）、国家农业科技园，根据创新绩效情况给予一次性100万元奖励性后补助"
)
W_ZONE_RANK = (
    "对国家年度综合评估排名较历史最好位次前进5位以上的国家高新区和我省评估排名第一的在建省级高新区，"
    "在重点研发计划项目、创新团队、创新载体等方面，分别给予1000万元和500万元以上的省级科技专项经费组合支持"
)
W_NATIONAL_LAB = (
    "对新认定的省部共建或企业国家重点实验室、国家技术创新中心、国家临床医学研究中心、国家野外科学观测研究站，"
    "建设期内给予每年200万元的建设与运行经费支持，支持期限不超过5年"
)
W_NEW_RD_INST = "对经评估命名为省级新型研发机构的，一次性给予100万元奖补"
W_SHARING = "按其上年度实际服务的创新券总额的30%给予奖励补助，同一供给方每年最高补助50万元"
W_INCUBATOR = "对于业绩突出的众创空间（星创天地）和孵化器给予最高100万元的奖励"
W_INCUBATOR_TAX = (
    "自2019年1月1日至2021年12月31日，对国家级、省级科技企业孵化器、大学科技园和国家备案众创空间自用以及无偿或通过出租等方式提供给在孵对象使用的房产、土地，"
    "免征房产税和城镇土地使用税；对其向在孵对象提供孵化服务取得的收入，免征增值税"
)
W_VC = (
    "公司制创业投资企业采取股权投资方式直接投资于种子期、初创期科技型企业满2年的，可以按照投资额的70%在股权持有满2年的当年抵扣该公司制创业投资企业的应纳税所得额；"
    "当年不足抵扣的，可在以后纳税年度结转抵扣"
)


PLAN_PREREQ_C = DOCUMENT.cite("一、(二)", W_PLAN_PREREQ)
STANDARD_C = DOCUMENT.cite("一、(二)", W_STANDARD)
VOUCHER_C = DOCUMENT.cite("一、(三)", W_VOUCHER)
FIRST_PURCHASE_C = DOCUMENT.cite("一、(三)", W_FIRST_PURCHASE)
TOP500_C = DOCUMENT.cite("一、(三)", W_TOP500)
TT_AGENCY_C = DOCUMENT.cite("二、(四)", W_TT_AGENCY)
TT_COBUILT_C = DOCUMENT.cite("二、(四)", W_TT_COBUILT)
DEAL_LOCAL_C = DOCUMENT.cite("二、(六)", W_DEAL_LOCAL)
DEAL_IMPORT_C = DOCUMENT.cite("二、(六)", W_DEAL_IMPORT)
CASH_TAX_C = DOCUMENT.cite("二、(七)", W_CASH_TAX)
ACADEMICIAN_C = DOCUMENT.cite("三、(八)", W_ACADEMICIAN)
TALENT_C = DOCUMENT.cite("三、(八)", W_TALENT)
SETTLE_IN_C = DOCUMENT.cite("三、(八)", W_SETTLE_IN)
POSTDOC_C = DOCUMENT.cite("三、(八)", W_POSTDOC)
FLEX_C = DOCUMENT.cite("三、(九)", W_FLEX)
ZONE_NEW_C = DOCUMENT.cite("四、(十)", W_ZONE_NEW)
ZONE_RANK_C = DOCUMENT.cite("四、(十一)", W_ZONE_RANK)
NATIONAL_LAB_C = DOCUMENT.cite("六、(十六)", W_NATIONAL_LAB)
NEW_RD_INST_C = DOCUMENT.cite("六、(十六)", W_NEW_RD_INST)
SHARING_C = DOCUMENT.cite("六、(十六)", W_SHARING)
INCUBATOR_C = DOCUMENT.cite("六、(十七)", W_INCUBATOR)
INCUBATOR_TAX_C = DOCUMENT.cite("六、(十七)", W_INCUBATOR_TAX)
VC_C = DOCUMENT.cite("六、(十八)", W_VC)

_Z = Decimal(0)
MORE_FACTS = (
    FactSpec(
        "requested_fiscal_funds", "decimal", "fiscal funds requested for a plan project", "CNY", _Z
    ),
    FactSpec(
        "standard_led",
        "text",
        "level of the standard whose drafting or revision the firm led",
        choices=("national", "international"),
    ),
    FactSpec(
        "first_purchase_product",
        "boolean",
        "a first-to-market achievement product in a key industry, not yet competitive (首购产品)",
    ),
    FactSpec("purchase_amount", "decimal", "transaction amount of the first purchase", "CNY", _Z),
    FactSpec(
        "independent_rd_institution_in_qinghai",
        "boolean",
        "an independent legal-person R&D institution or platform set up in Qinghai",
    ),
    FactSpec("parent_fortune_global_500", "boolean", "set up by a Fortune Global 500 firm"),
    FactSpec("parent_china_500", "boolean", "set up by a China top-500 firm"),
    FactSpec("parent_china_private_500", "boolean", "set up by a China private top-500 firm"),
    FactSpec(
        "top500_list_claimed",
        "text",
        "the list the application is made under (read only when qh.top500.list_choice = 2)",
        choices=("global", "china", "private"),
    ),
    FactSpec(
        "tt_agency_serves_qinghai",
        "boolean",
        "a technology-transfer service agency serving Qinghai's industry",
    ),
    FactSpec(
        "tt_service_revenue",
        "decimal",
        "yearly revenue from technology-trade and transformation services",
        "CNY",
        _Z,
    ),
    FactSpec(
        "cobuilt_agency_partner",
        "boolean",
        "a partner that co-built a service agency with a prefecture, county or park",
    ),
    FactSpec(
        "cobuilt_partner_kind",
        "text",
        "kind of the partner that co-built the service agency",
        choices=("university", "research_institute", "tt_agency", "other"),
    ),
    FactSpec(
        "cobuilt_agency_serves_qinghai",
        "boolean",
        "the co-built service agency serves Qinghai's industry (服务青海产业发展)",
    ),
    FactSpec(
        "cobuilt_agency_revenue",
        "decimal",
        "technology-transfer revenue of the co-built agency",
        "CNY",
        _Z,
    ),
    FactSpec(
        "achievement_source",
        "text",
        "where the transferred achievement comes from",
        choices=("qinghai_institution", "outside_qinghai", "other"),
    ),
    FactSpec("transformed_in_qinghai", "boolean", "the achievement was transformed in Qinghai"),
    FactSpec(
        "deal_amount_paid",
        "decimal",
        "amount actually paid under the technology contract, or the equity value",
        "CNY",
        _Z,
    ),
    FactSpec(
        "deal_party", "text", "side of the deal applying", choices=("transferor", "transferee")
    ),
    FactSpec(
        "nonprofit_institution",
        "boolean",
        "a lawfully approved non-profit R&D institution or university",
    ),
    FactSpec(
        "job_achievement_cash_reward",
        "decimal",
        "cash reward to staff from the income of transforming a job achievement",
        "CNY",
        _Z,
    ),
    FactSpec("paid_in_instalments", "boolean", "the cash reward is paid in instalments"),
    FactSpec("reward_income_date", "date", "date the transformation income was received"),
    FactSpec("last_instalment_date", "date", "date of the last instalment of the reward"),
    FactSpec(
        "elected_academician", "boolean", "elected academician (两院院士) on Qinghai's nomination"
    ),
    FactSpec(
        "selected_national_talent",
        "boolean",
        "selected as national-level research talent on Qinghai's nomination",
    ),
    FactSpec("degree", "text", "highest degree", choices=("doctorate", "master", "other")),
    FactSpec("meets_talent_policy", "boolean", "meets the provincial talent policy (符合条件的)"),
    FactSpec(
        "new_postdoc_station", "boolean", "a newly set up postdoctoral research or work station"
    ),
    FactSpec("total_posts", "integer", "posts of the university or institute", "posts", _Z),
    FactSpec("flexible_posts", "integer", "flexible (流动) posts set up", "posts", _Z),
    FactSpec(
        "zone_kind",
        "text",
        "kind of newly approved zone",
        choices=(
            "national_high_tech_zone",
            "national_innovative_city",
            "sustainable_agenda_zone",
            "agricultural_high_tech_zone",
            "national_innovative_county",
            "national_agricultural_park",
        ),
    ),
    FactSpec(
        "high_tech_zone_kind",
        "text",
        "kind of high-tech zone",
        choices=("national", "provincial_under_construction"),
    ),
    FactSpec(
        "national_rank_best_before",
        "integer",
        "best national ranking ever before this year",
        "rank",
        Decimal(1),
    ),
    FactSpec(
        "national_rank_this_year", "integer", "national ranking this year", "rank", Decimal(1)
    ),
    FactSpec(
        "provincial_rank", "integer", "ranking in the provincial evaluation", "rank", Decimal(1)
    ),
    FactSpec(
        "national_platform_recognised",
        "boolean",
        "newly recognised province-ministry or enterprise state key lab, national technology "
        "innovation centre, national clinical medical research centre or national field station",
    ),
    FactSpec(
        "national_platform_first_year",
        "integer",
        "first calendar year of construction support",
        "year",
        Decimal(1900),
    ),
    FactSpec(
        "national_platform_construction_last_year",
        "integer",
        "last calendar year of the platform's construction period (建设期)",
        "year",
        Decimal(1900),
    ),
    FactSpec("rated_new_rd_institution", "boolean", "named a provincial new-type R&D institution"),
    FactSpec(
        "sharing_supplier_outstanding",
        "boolean",
        "open-facility supplier with sound rules, large volume, good reviews and strong results",
    ),
    FactSpec(
        "vouchers_served",
        "decimal",
        "innovation vouchers served in the fiscal year",
        "CNY",
        _Z,
        yearly=True,
    ),
    FactSpec(
        "outstanding_incubator",
        "boolean",
        "maker space (星创天地) or incubator with outstanding results",
    ),
    FactSpec(
        "incubator_kind",
        "text",
        "kind of incubation carrier",
        choices=(
            "national_incubator",
            "provincial_incubator",
            "national_university_science_park",
            "provincial_university_science_park",
            "other_university_science_park",
            "national_maker_space",
            "other",
        ),
    ),
    FactSpec("corporate_vc", "boolean", "a corporate (公司制) venture-capital enterprise"),
    FactSpec(
        "target_seed_or_early_tech",
        "boolean",
        "the investee is a seed- or early-stage tech-based enterprise, invested in directly by equity",
    ),
    FactSpec("vc_investment", "decimal", "amount invested", "CNY", _Z),
    FactSpec("vc_investment_date", "date", "date of the equity investment"),
    FactSpec(
        "vc_deducted_before",
        "decimal",
        "part of this investment's 70% deduction already used in earlier tax years",
        "CNY",
        _Z,
    ),
    FactSpec(
        "vc_taxable_income",
        "decimal",
        "the venture-capital enterprise's taxable income of the tax year, before this deduction",
        "CNY",
        yearly=True,
    ),
)


MORE_PARAMETERS = (
    a.constant(
        "qh.plan_prereq.multiple",
        1,
        PLAN_PREREQ_C,
        "prior-year R&D as a multiple of the funds requested",
        "times",
    ),
    a.constant(
        "qh.standard.national",
        a.wan(50),
        STANDARD_C,
        "award for leading a national standard",
        "CNY",
    ),
    a.constant(
        "qh.standard.international",
        a.wan(100),
        STANDARD_C,
        "award for leading an international standard",
        "CNY",
    ),
    a.constant(
        "qh.voucher.cap_hte_tbe",
        a.wan(20),
        VOUCHER_C,
        "yearly voucher ceiling, high-tech or tech-based",
        "CNY",
    ),
    a.constant(
        "qh.voucher.cap_young",
        a.wan(5),
        VOUCHER_C,
        "yearly voucher ceiling, registered less than 3 years",
        "CNY",
    ),
    a.constant(
        "qh.voucher.young_years",
        3,
        VOUCHER_C,
        "years since registration below which a firm is young",
        "years",
    ),
    a.constant(
        "qh.first_purchase.rate",
        "0.10",
        FIRST_PURCHASE_C,
        "share of the transaction amount",
        "ratio",
    ),
    a.constant(
        "qh.first_purchase.cap",
        a.wan(200),
        FIRST_PURCHASE_C,
        "cap of the first-purchase subsidy",
        "CNY",
    ),
    a.constant("qh.top500.global", a.wan(500), TOP500_C, "award, Fortune Global 500 parent", "CNY"),
    a.constant("qh.top500.china", a.wan(400), TOP500_C, "award, China 500 parent", "CNY"),
    a.constant("qh.top500.private", a.wan(300), TOP500_C, "award, China private 500 parent", "CNY"),
    a.constant(
        "qh.top500.list_choice",
        1,
        TOP500_C,
        "a parent on several lists: 1 = the highest list's award (default reading), 2 = the "
        "award of the list the application is made under (fact top500_list_claimed)",
        "reading",
    ),
    a.constant("qh.tt_agency.rate", "0.20", TT_AGENCY_C, "share of service revenue", "ratio"),
    a.constant("qh.tt_agency.cap", a.wan(100), TT_AGENCY_C, "cap of the agency subsidy", "CNY"),
    a.constant(
        "qh.tt_cobuilt.rate",
        "0.20",
        TT_COBUILT_C,
        "share of the co-built agency's revenue",
        "ratio",
    ),
    a.constant("qh.tt_cobuilt.cap", a.wan(50), TT_COBUILT_C, "cap of the partner award", "CNY"),
    a.constant(
        "qh.deal_local.rate", "0.20", DEAL_LOCAL_C, "share of the amount paid, each party", "ratio"
    ),
    a.constant("qh.deal_local.cap", a.wan(100), DEAL_LOCAL_C, "cap per project", "CNY"),
    a.constant(
        "qh.deal_local.parties_sharing_cap",
        1,
        DEAL_LOCAL_C,
        "parties sharing the per-project cap: 1 = each party has its own cap (default reading), "
        "2 = the cap covers transferor and transferee together",
        "parties",
    ),
    a.constant(
        "qh.deal_import.rate",
        "0.20",
        DEAL_IMPORT_C,
        "share of the amount paid, transferee",
        "ratio",
    ),
    a.constant("qh.deal_import.cap", a.wan(100), DEAL_IMPORT_C, "cap per project", "CNY"),
    a.constant(
        "qh.cash_reward.taxable_share",
        "0.50",
        CASH_TAX_C,
        "share of the reward counted as wages",
        "ratio",
    ),
    a.constant(
        "qh.cash_reward.max_instalment_years",
        3,
        DOCUMENT.cite("二、(七)", W_CASH_INSTALMENTS),
        "longest instalment period",
        "years",
    ),
    a.constant(
        "qh.academician.grant",
        a.wan(1000),
        ACADEMICIAN_C,
        "team grant for a new academician",
        "CNY",
    ),
    a.constant("qh.national_talent.low", a.wan(100), TALENT_C, "low end of the team grant", "CNY"),
    a.constant(
        "qh.national_talent.high", a.wan(300), TALENT_C, "high end of the team grant", "CNY"
    ),
    a.constant(
        "qh.settle_in.doctorate", a.wan(40), SETTLE_IN_C, "settling-in allowance, doctorate", "CNY"
    ),
    a.constant(
        "qh.settle_in.master", a.wan(10), SETTLE_IN_C, "settling-in allowance, master", "CNY"
    ),
    a.constant("qh.postdoc.grant", a.wan(30), POSTDOC_C, "station set-up grant", "CNY"),
    a.constant(
        "qh.flex_posts.max_share", "0.05", FLEX_C, "flexible posts as a share of posts", "ratio"
    ),
    a.constant(
        "qh.zone_new.major", a.wan(500), ZONE_NEW_C, "award for a new national zone or city", "CNY"
    ),
    a.constant(
        "qh.zone_new.minor",
        a.wan(100),
        ZONE_NEW_C,
        "award for a new innovative county or agricultural park",
        "CNY",
    ),
    a.constant(
        "qh.zone_rank.min_improvement",
        5,
        ZONE_RANK_C,
        "places gained over the best ranking ever",
        "places",
    ),
    a.constant(
        "qh.zone_rank.national",
        a.wan(1000),
        ZONE_RANK_C,
        "package for a national high-tech zone",
        "CNY",
    ),
    a.constant(
        "qh.zone_rank.provincial_min",
        a.wan(500),
        ZONE_RANK_C,
        "minimum package for the first-ranked provincial zone",
        "CNY",
    ),
    a.constant(
        "qh.national_lab.yearly",
        a.wan(200),
        NATIONAL_LAB_C,
        "yearly construction and running support",
        "CNY",
    ),
    a.constant("qh.national_lab.max_years", 5, NATIONAL_LAB_C, "longest support period", "years"),
    a.constant(
        "qh.new_rd_inst.award",
        a.wan(100),
        NEW_RD_INST_C,
        "award for a new-type R&D institution",
        "CNY",
    ),
    a.constant(
        "qh.sharing.rate", "0.30", SHARING_C, "share of last year's vouchers served", "ratio"
    ),
    a.constant("qh.sharing.cap", a.wan(50), SHARING_C, "yearly cap per supplier", "CNY"),
    a.constant(
        "qh.incubator.max_award", a.wan(100), INCUBATOR_C, "ceiling of the incubator award", "CNY"
    ),
    a.constant(
        "qh.incubator_tax.any_level_park",
        0,
        INCUBATOR_TAX_C,
        "0 = 国家级、省级 also qualifies 大学科技园: only national and provincial university "
        "science parks are exempt (default reading), 1 = a university science park of any "
        "level is exempt",
        "reading",
        valid_from=date(2019, 1, 1),  # the rule's own window (六、(十七))
        valid_to=date(2021, 12, 31),
    ),
    a.constant(
        "qh.vc.deductible_share", "0.70", VC_C, "share of the investment deductible", "ratio"
    ),
    a.constant("qh.vc.min_holding_years", 2, VC_C, "full years the equity must be held", "years"),
    a.constant(
        "qh.vc.deduction_years_from_2020",
        1,
        VC_C,
        "1 = the deduction year (two full years reached) must be 2020 or later (default "
        "reading), 0 = an earlier deduction year's remainder also carries into the years of "
        "the measures",
        "reading",
    ),
)

_hte_or_tbe = a.any_of(
    a.is_true("is_high_tech_enterprise", label="high-tech enterprise", wording="高新技术企业"),
    a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
    label="high-tech or tech-based enterprise",
)
_young = a.less_than(
    a.years_since("registration_date"),
    a.param("qh.voucher.young_years"),
    label="full years since registration",
    wording="注册成立不满3年",
    article="一、(三)",
)


def _fixed(key: str, label: str, wording: str) -> a.Fixed:
    return a.Fixed(a.param(key), label, wording)


PLAN_PREREQ = Rule(
    id="QH20-PLAN-PREREQ",
    kind="condition",
    title_en="R&D prerequisite for applying for a plan project",
    title_zh="申请科技计划项目研发投入条件",
    citation=PLAN_PREREQ_C,
    criteria=a.at_least(
        a.prior_year("rd_expense"),
        a.times(a.param("qh.plan_prereq.multiple"), a.fact("requested_fiscal_funds")),
        label="prior-year R&D / funds requested",
        wording="上年度研发经费支出应达到所申请财政资金1倍以上",
        article="一、(二)",
    ),
)

STANDARD = Rule(
    id="QH20-STANDARD",
    kind="incentive",
    title_en="Award for leading a national or international standard",
    title_zh="主导制定或修订标准奖励",
    citation=STANDARD_C,
    criteria=a.is_one_of(
        "standard_led",
        ("national", "international"),
        label="led drafting or revision of a standard",
        wording="对主导制定或修订国家标准的企业…主导制定或修订国际标准的",
        article="一、(二)",
    ),
    amount=a.Lookup(
        "standard_led",
        {
            "national": a.param("qh.standard.national"),
            "international": a.param("qh.standard.international"),
        },
        "one-off award by level",
        W_STANDARD,
    ),
    split=a.paid_by(
        "province",
        wording="（责任单位：省工业和信息化厅，省发展改革委、省科技厅、省财政厅）",
        article="一、(二)",
    ),
    readings=(PAYER_READING,),
)

VOUCHER = Rule(
    id="QH20-VOUCHER",
    kind="incentive",
    title_en="Innovation vouchers: yearly ceiling",
    title_zh="科技创新券年度额度",
    citation=VOUCHER_C,
    criteria=a.any_of(
        _hte_or_tbe, _young, label="high-tech or tech-based, or registered less than 3 years"
    ),
    amount=a.Discretionary(
        0,
        a.cases(
            (_hte_or_tbe, a.param("qh.voucher.cap_hte_tbe")),
            (_young, a.param("qh.voucher.cap_young")),
        ),
        "vouchers issued this year, up to the ceiling",
        W_VOUCHER,
    ),
    readings=(
        "'注册成立不满3年' = fewer than 3 full years from registration_date to the evaluation date.",
        "A firm that is both high-tech/tech-based and young gets the higher ceiling (200,000).",
    ),
)

FIRST_PURCHASE = Rule(
    id="QH20-FIRST-PURCHASE",
    kind="incentive",
    title_en="Subsidy to the in-province first buyer of a new achievement product",
    title_zh="首购产品采购方补助",
    citation=FIRST_PURCHASE_C,
    criteria=a.all_of(
        a.is_true(
            "registered_in_qinghai",
            label="buyer is in Qinghai",
            wording="我省采购方",
            article="一、(三)",
        ),
        a.is_true(
            "first_purchase_product",
            label="first-to-market product in a key industry",
            wording="暂不具备市场竞争力，但符合重点产业发展方向、首次投向市场的科技成果转化产品",
            article="一、(三)",
        ),
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.first_purchase.rate"),
            a.fact("purchase_amount"),
            "10% of the transaction",
            "按照成交金额的10%给予补助",
        ),
        a.cap(a.param("qh.first_purchase.cap"), label="cap", wording="最高补助200万元"),
    ),
)

_LISTS = (
    ("global", "parent_fortune_global_500", "Fortune Global 500", "世界500强", "qh.top500.global"),
    ("china", "parent_china_500", "China 500", "中国500强", "qh.top500.china"),
    (
        "private",
        "parent_china_private_500",
        "China private 500",
        "中国民营500强",
        "qh.top500.private",
    ),
)
_ON_LIST = {
    code: a.is_true(fact, label=label, wording=wording, article="一、(三)")
    for code, fact, label, wording, _ in _LISTS
}
_CLAIMED = {
    code: a.is_one_of(
        "top500_list_claimed",
        (code,),
        label=f"applies under the {label} list",
        wording=wording,
        article="一、(三)",
    )
    for code, _, label, wording, _ in _LISTS
}
_BY_CLAIM = a.compare(
    a.param("qh.top500.list_choice"),
    "==",
    2,
    label="reading: the list applied under decides (qh.top500.list_choice = 2)",
    wording="分别给予500万元、400万元、300万元",
    article="一、(三)",
)

TOP500_RD = Rule(
    id="QH20-TOP500-RD",
    kind="incentive",
    title_en="Award for an R&D institution set up in Qinghai by a top-500 firm",
    title_zh="500强企业在青研发机构奖励",
    citation=TOP500_C,
    criteria=a.all_of(
        a.is_true(
            "independent_rd_institution_in_qinghai",
            label="independent legal-person R&D institution in Qinghai",
            wording="在青海建立的独立法人研发机构或创新平台",
            article="一、(三)",
        ),
        a.any_of(*_ON_LIST.values(), label="set up by a top-500 firm"),
        a.if_(
            _BY_CLAIM,
            a.any_of(
                *(a.all_of(_CLAIMED[code], _ON_LIST[code]) for code, *_ in _LISTS),
                label="the parent is on the list applied under",
            ),
            label="under the other reading, the list applied under",
        ),
    ),
    amount=a.Fixed(
        a.cases(
            (
                _BY_CLAIM,
                a.cases(*((_CLAIMED[code], a.param(key)) for code, *_, key in _LISTS)),
            ),
            default=a.cases(*((_ON_LIST[code], a.param(key)) for code, *_, key in _LISTS)),
        ),
        "one-off award by list (highest list applies)",
        W_TOP500,
    ),
    readings=(
        "A firm on several lists gets the award of the highest list, once ('分别' pairs list and "
        "amount); override qh.top500.list_choice to 2 to pay the award of the list the "
        "application is made under (fact top500_list_claimed).",
    ),
)

TT_AGENCY = Rule(
    id="QH20-TT-AGENCY",
    kind="incentive",
    title_en="Working-fund subsidy for technology-transfer agencies",
    title_zh="技术转移服务机构工作经费补助",
    citation=TT_AGENCY_C,
    criteria=a.all_of(
        a.is_true(
            "registered_in_qinghai",
            label="registered in Qinghai",
            wording="在省内注册设立",
            article="二、(四)",
        ),
        a.is_true(
            "tt_agency_serves_qinghai",
            label="technology-transfer agency serving Qinghai (selected on merit)",
            wording="服务我省产业发展的技术转移服务机构…择优",
            article="二、(四)",
        ),
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.tt_agency.rate"),
            a.fact("tt_service_revenue"),
            "20% of service revenue",
            "按服务技术交易和科技成果转化年营业收入20%",
        ),
        a.cap(a.param("qh.tt_agency.cap"), label="cap", wording="最高不超过100万元"),
    ),
)

TT_COBUILT = Rule(
    id="QH20-TT-COBUILT",
    kind="incentive",
    title_en="Award to partners of co-built technology-transfer agencies",
    title_zh="共建技术转移服务机构合作伙伴奖励",
    citation=TT_COBUILT_C,
    criteria=a.all_of(
        a.is_one_of(
            "cobuilt_partner_kind",
            ("university", "research_institute", "tt_agency"),
            label="partner is a university, research institute or technology-transfer agency",
            wording="支持国内外高校、科研机构和技术转移服务机构",
            article="二、(四)",
        ),
        a.is_true(
            "cobuilt_agency_partner",
            label="partner of a co-built agency",
            wording="与市（州）政府或相关县（市、区、行委）、园区共建服务机构",
            article="二、(四)",
        ),
        a.is_true(
            "cobuilt_agency_serves_qinghai",
            label="the co-built agency serves Qinghai's industry",
            wording="服务青海产业发展",
            article="二、(四)",
        ),
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.tt_cobuilt.rate"),
            a.fact("cobuilt_agency_revenue"),
            "20% of the agency's transfer revenue",
            "按共建机构技术转移营业收入的20%",
        ),
        a.cap(a.param("qh.tt_cobuilt.cap"), label="cap", wording="最高不超过50万元"),
    ),
    readings=(
        "'国内外高校、科研机构和技术转移服务机构' names who may be the partner (fact "
        "cobuilt_partner_kind); an enterprise that is not a technology-transfer service agency "
        "is not covered. '服务青海产业发展' is asked of the co-built agency (fact "
        "cobuilt_agency_serves_qinghai), not of the partner: tt_agency_serves_qinghai, which "
        "QH20-TT-AGENCY asks, describes the applicant agency itself.",
    ),
)

DEAL_LOCAL = Rule(
    id="QH20-DEAL-LOCAL",
    kind="incentive",
    title_en="Subsidy to both sides of a deal transforming a Qinghai achievement in Qinghai",
    title_zh="省内成果省内转化交易补助",
    citation=DEAL_LOCAL_C,
    criteria=a.all_of(
        a.is_one_of(
            "achievement_source",
            ("qinghai_institution",),
            label="achievement from a Qinghai university or institute",
            wording="科技成果来源于省内高校、科研机构",
            article="二、(六)",
        ),
        a.is_true(
            "transformed_in_qinghai",
            label="transformed in Qinghai",
            wording="在省内转化",
            article="二、(六)",
        ),
        a.is_one_of(
            "deal_party",
            ("transferor", "transferee"),
            label="transferor or transferee",
            wording="成果出让方和成果受让方",
            article="二、(六)",
        ),
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.deal_local.rate"),
            a.fact("deal_amount_paid"),
            "20% of the amount actually paid",
            "分别给予成果出让方和成果受让方各20％的财政资金补助",
        ),
        a.cap(
            a.ratio(a.param("qh.deal_local.cap"), a.param("qh.deal_local.parties_sharing_cap")),
            label="cap per project and party",
            wording="每个项目最高补助100万元",
        ),
    ),
    readings=(
        "'每个项目最高补助100万元' read as 1,000,000 for each party; set qh.deal_local.parties_sharing_cap "
        "to 2 (in a child layer) for the other reading, 1,000,000 for both together.",
    ),
)

DEAL_IMPORT = Rule(
    id="QH20-DEAL-IMPORT",
    kind="incentive",
    title_en="Subsidy to the transferee of an outside achievement transformed in Qinghai",
    title_zh="省外成果落地转化补助",
    citation=DEAL_IMPORT_C,
    criteria=a.all_of(
        a.is_one_of(
            "achievement_source",
            ("outside_qinghai",),
            label="achievement from outside Qinghai",
            wording="科技成果来源于省外",
            article="二、(六)",
        ),
        a.is_true(
            "transformed_in_qinghai",
            label="transformed in Qinghai",
            wording="落地成功转化",
            article="二、(六)",
        ),
        a.is_one_of(
            "deal_party",
            ("transferee",),
            label="the transferee",
            wording="给予成果受让方",
            article="二、(六)",
        ),
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.deal_import.rate"),
            a.fact("deal_amount_paid"),
            "20% of the amount actually paid",
            "给予成果受让方20％的财政资金补助",
        ),
        a.cap(
            a.param("qh.deal_import.cap"), label="cap per project", wording="每项最高补助100万元"
        ),
    ),
)

CASH_REWARD_TAX = Rule(
    id="QH20-CASH-REWARD-TAX",
    kind="computation",
    title_en="Taxable part of a cash reward for transforming a job achievement",
    title_zh="职务科技成果转化现金奖励减按50%计税",
    citation=CASH_TAX_C,
    criteria=a.all_of(
        a.is_true(
            "nonprofit_institution",
            label="non-profit R&D institution or university",
            wording="依法批准设立的非营利性研究开发机构和高等学校",
            article="二、(七)",
        ),
        a.if_(
            a.is_true(
                "paid_in_instalments",
                label="paid in instalments",
                wording="分期兑现",
                article="二、(七)",
            ),
            a.at_most(
                a.fact("last_instalment_date"),
                a.years_after("reward_income_date", a.param("qh.cash_reward.max_instalment_years")),
                label="last instalment within 3 years of the income",
                wording="最长不超过3年",
                article="二、(七)",
            ),
            label="instalments within the time limit",
        ),
    ),
    amount=a.RateOf(
        a.param("qh.cash_reward.taxable_share"),
        a.fact("job_achievement_cash_reward"),
        "taxable part (counted as that month's wages)",
        "减按50%计入科技人员当月“工资、薪金所得”",
    ),
    readings=("The amount is the part of the reward taxed as wages, not a payment.",),
)

PAYS_TALENT = a.paid_by(
    "province",
    wording="（责任单位：省科技厅，省人才办、省财政厅、省人力资源社会保障厅）",
    article="三、(八)",
)
PAYS_PLATFORMS = a.paid_by(
    "province",
    wording="（责任单位：省科技厅，省发展改革委、省教育厅、省工业和信息化厅、省财政厅）",
    article="六、(十六)",
)

ACADEMICIAN = Rule(
    id="QH20-ACADEMICIAN",
    kind="incentive",
    title_en="Team grant for a newly elected academician",
    title_zh="两院院士团队科研经费补助",
    citation=ACADEMICIAN_C,
    criteria=a.is_true(
        "elected_academician",
        label="elected academician on Qinghai's nomination",
        wording="从我省申报入选为两院院士的",
        article="三、(八)",
    ),
    amount=_fixed("qh.academician.grant", "one-off team grant", "一次性科研经费补助1000万元"),
    split=PAYS_TALENT,
    readings=(PAYER_READING,),
)

NATIONAL_TALENT = Rule(
    id="QH20-NATIONAL-TALENT",
    kind="incentive",
    title_en="Team grant for selected national-level research talent",
    title_zh="国家级科研创新人才团队经费补助",
    citation=TALENT_C,
    criteria=a.is_true(
        "selected_national_talent",
        label="selected national-level talent on Qinghai's nomination",
        wording="从我省申报入选为国家级科研创新人才的",
        article="三、(八)",
    ),
    amount=a.Discretionary(
        a.param("qh.national_talent.low"),
        a.param("qh.national_talent.high"),
        "discretionary team grant",
        "给予100-300万元科研经费补助",
    ),
    split=PAYS_TALENT,
    readings=(PAYER_READING,),
)

SETTLE_IN = Rule(
    id="QH20-SETTLE-IN",
    kind="incentive",
    title_en="Settling-in allowance for doctorates and masters (after tax)",
    title_zh="博士、硕士安家费",
    citation=SETTLE_IN_C,
    criteria=a.all_of(
        a.is_true(
            "meets_talent_policy",
            label="meets the provincial talent policy",
            wording="符合条件的",
            article="三、(八)",
        ),
        a.is_one_of(
            "degree",
            ("doctorate", "master"),
            label="doctorate or master",
            wording="博士研究生、硕士研究生",
            article="三、(八)",
        ),
    ),
    amount=a.Lookup(
        "degree",
        {"doctorate": a.param("qh.settle_in.doctorate"), "master": a.param("qh.settle_in.master")},
        "one-off allowance after tax",
        "分别给予一次性40万元和10万元税后特殊支持（安家费）",
    ),
)

POSTDOC = Rule(
    id="QH20-POSTDOC",
    kind="incentive",
    title_en="Set-up grant for a new postdoctoral station",
    title_zh="博士后科研流动站、工作站建站经费",
    citation=POSTDOC_C,
    criteria=a.is_true(
        "new_postdoc_station",
        label="new postdoctoral research or work station",
        wording="对设立的博士后科研流动站、工作站",
        article="三、(八)",
    ),
    amount=_fixed("qh.postdoc.grant", "one-off set-up grant", "一次性给予30万元建站经费支持"),
    split=a.paid_by("province", wording="省财政一次性给予30万元建站经费支持", article="三、(八)"),
)

FLEX_POSTS = Rule(
    id="QH20-FLEX-POSTS",
    kind="condition",
    title_en="Flexible posts at universities and institutes (at most 5%)",
    title_zh="高校、科研机构流动岗位比例",
    citation=FLEX_C,
    criteria=a.at_most(
        a.fact("flexible_posts"),
        a.times(a.param("qh.flex_posts.max_share"), a.fact("total_posts")),
        label="flexible posts / posts",
        wording="允许…设立5%的流动岗位",
        article="三、(九)",
        reading="'允许设立5%' is a permission, so up to 5% is allowed",
    ),
)

_NEW_MAJOR = (
    "national_high_tech_zone",
    "national_innovative_city",
    "sustainable_agenda_zone",
    "agricultural_high_tech_zone",
)
_NEW_MINOR = ("national_innovative_county", "national_agricultural_park")

ZONE_NEW = Rule(
    id="QH20-ZONE-NEW",
    kind="incentive",
    title_en="Award for newly approved national zones, cities, counties and parks",
    title_zh="新获批国家级园区、城市奖励性后补助",
    citation=ZONE_NEW_C,
    criteria=a.is_one_of(
        "zone_kind",
        _NEW_MAJOR + _NEW_MINOR,
        label="newly approved zone of a listed kind",
        wording="对新获批的国家高新区、国家创新型城市…国家创新型县（市）、国家农业科技园",
        article="四、(十)",
    ),
    amount=a.Lookup(
        "zone_kind",
        {
            **{k: a.param("qh.zone_new.major") for k in _NEW_MAJOR},
            **{k: a.param("qh.zone_new.minor") for k in _NEW_MINOR},
        },
        "one-off award by kind",
        W_ZONE_NEW,
    ),
    split=a.paid_by(
        "province", wording="（责任单位：省科技厅，省财政厅，各市州政府）", article="四、(十)"
    ),
    readings=(
        "The text names no payer; the province is read as paying (省财政厅 is a responsible "
        "unit; the prefecture governments, also named, are not given a share).",
        "'根据创新绩效情况给予一次性500万元/100万元奖励性后补助': the performance is the ground of "
        "the award, not a scale of it; the amount is the stated sum.",
    ),
)

_national_htz = a.is_one_of(
    "high_tech_zone_kind", ("national",), label="national high-tech zone", wording="国家高新区"
)
_provincial_htz = a.is_one_of(
    "high_tech_zone_kind",
    ("provincial_under_construction",),
    label="provincial high-tech zone under construction",
    wording="在建省级高新区",
)

ZONE_RANK = Rule(
    id="QH20-ZONE-RANK",
    kind="incentive",
    title_en="Package for high-tech zones that rise in the rankings",
    title_zh="高新区评估排名组合支持",
    citation=ZONE_RANK_C,
    criteria=a.any_of(
        a.all_of(
            _national_htz,
            a.at_least(
                a.minus(a.fact("national_rank_best_before"), a.fact("national_rank_this_year")),
                a.param("qh.zone_rank.min_improvement"),
                label="places gained over the best ranking ever",
                wording="排名较历史最好位次前进5位以上",
                article="四、(十一)",
            ),
        ),
        a.all_of(
            _provincial_htz,
            a.compare(
                "provincial_rank",
                "==",
                1,
                label="ranked first in the provincial evaluation",
                wording="我省评估排名第一",
                article="四、(十一)",
            ),
        ),
        label="national zone up 5 places, or first provincial zone",
    ),
    amount=a.Lookup(
        "high_tech_zone_kind",
        {
            "national": a.Fixed(a.param("qh.zone_rank.national"), "package", "1000万元"),
            "provincial_under_construction": a.Discretionary(
                a.param("qh.zone_rank.provincial_min"), None, "package of at least", "500万元以上"
            ),
        },
        "package by kind of zone",
        W_ZONE_RANK,
    ),
    split=a.paid_by("province", wording="省级科技专项经费", article="四、(十一)"),
    readings=(
        "'分别给予1000万元和500万元以上': 以上 read as applying to the 500万元 only, so the national zone "
        "gets 10,000,000 and the provincial zone at least 5,000,000 (an open range). The other "
        "reading (以上 covers both: the national zone at least 10,000,000) is not selectable by "
        "a parameter; a child layer expresses it with its own rule.",
        "Ranks are positions (1 is best): places gained = best earlier rank − this year's rank.",
    ),
)

NATIONAL_LAB = Rule(
    id="QH20-NATIONAL-LAB",
    kind="incentive",
    title_en="Yearly support for new national labs, centres and field stations",
    title_zh="国家级科技创新平台建设运行经费",
    citation=NATIONAL_LAB_C,
    criteria=a.all_of(
        a.is_true(
            "national_platform_recognised",
            label="newly recognised national platform of a listed kind",
            wording="对新认定的省部共建或企业国家重点实验室、国家技术创新中心、国家临床医学研究中心、国家野外科学观测研究站",
            article="六、(十六)",
        ),
        a.at_least(
            a.support_year("national_platform_first_year"),
            1,
            label="support year (construction support has begun)",
            wording="建设期内",
            article="六、(十六)",
        ),
        a.at_most(
            a.evaluation_year(),
            a.fact("national_platform_construction_last_year"),
            label="evaluation year within the construction period (up to its last year)",
            wording="建设期内",
            article="六、(十六)",
        ),
        a.at_most(
            a.support_year("national_platform_first_year"),
            a.param("qh.national_lab.max_years"),
            label="within the 5-year support period",
            wording="支持期限不超过5年",
            article="六、(十六)",
        ),
    ),
    amount=_fixed("qh.national_lab.yearly", "support this year", "每年200万元的建设与运行经费支持"),
    split=PAYS_PLATFORMS,
    readings=(
        "Support years are calendar years counted from national_platform_first_year (year 1).",
        "'建设期内…支持期限不超过5年': support is paid in a calendar year that is both within the "
        "construction period (up to national_platform_construction_last_year, the period's last "
        "year) and within the first 5 support years; the earlier bound ends the support.",
        "'新认定' sets no date from which a recognition counts, and the measures have no "
        "transitional clause: a platform recognised before they took effect (2020-08-19) is "
        "paid for its years from then on that are within its construction period and its 5 "
        "support years; the measures pay nothing on an earlier date. A caller holding the "
        "other reading (recognised on or after 2020-08-19 only) answers "
        "national_platform_recognised = false for an earlier recognition.",
        PAYER_READING,
    ),
)

NEW_RD_INST = Rule(
    id="QH20-NEW-RD-INST",
    kind="incentive",
    title_en="Award for a provincial new-type R&D institution",
    title_zh="省级新型研发机构奖补",
    citation=NEW_RD_INST_C,
    criteria=a.is_true(
        "rated_new_rd_institution",
        label="named a provincial new-type R&D institution",
        wording="对经评估命名为省级新型研发机构的",
        article="六、(十六)",
    ),
    amount=_fixed("qh.new_rd_inst.award", "one-off award", "一次性给予100万元奖补"),
    split=PAYS_PLATFORMS,
    readings=(PAYER_READING,),
)

SHARING = Rule(
    id="QH20-SHARING",
    kind="incentive",
    title_en="Award to open-facility suppliers for the vouchers they served",
    title_zh="科技资源开放共享供给方奖励补助",
    citation=SHARING_C,
    criteria=a.is_true(
        "sharing_supplier_outstanding",
        label="outstanding open-facility supplier",
        wording="对服务制度健全、提供服务量大、用户评价高、综合效益突出的供给方",
        article="六、(十六)",
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("qh.sharing.rate"),
            a.prior_year("vouchers_served"),
            "30% of last year's vouchers served",
            "按其上年度实际服务的创新券总额的30%给予奖励补助",
        ),
        a.cap(
            a.param("qh.sharing.cap"),
            label="yearly cap per supplier",
            wording="同一供给方每年最高补助50万元",
        ),
    ),
    split=PAYS_PLATFORMS,
    readings=(PAYER_READING,),
)

INCUBATOR = Rule(
    id="QH20-INCUBATOR",
    kind="incentive",
    title_en="Award for outstanding maker spaces and incubators",
    title_zh="众创空间（星创天地）和孵化器奖励",
    citation=INCUBATOR_C,
    criteria=a.is_true(
        "outstanding_incubator",
        label="maker space or incubator with outstanding results",
        wording="对于业绩突出的众创空间（星创天地）和孵化器",
        article="六、(十七)",
    ),
    amount=a.Discretionary(
        0, a.param("qh.incubator.max_award"), "award up to the ceiling", "给予最高100万元的奖励"
    ),
)

INCUBATOR_TAX = Rule(
    id="QH20-INCUBATOR-TAX",
    kind="condition",
    title_en="Tax exemptions of incubators, university science parks and maker spaces",
    title_zh="孵化器、大学科技园和众创空间税收减免",
    citation=INCUBATOR_TAX_C,
    # 国家级、省级 qualifies both nouns before 和: 科技企业孵化器 and 大学科技园 (the
    # national tax notice this passage restates, 财税〔2018〕120号, names 国家级、省级大学科技园).
    # A park of another level is exempt only under the other reading.
    criteria=a.any_of(
        a.is_one_of(
            "incubator_kind",
            (
                "national_incubator",
                "provincial_incubator",
                "national_university_science_park",
                "provincial_university_science_park",
                "national_maker_space",
            ),
            label="national or provincial incubator or university science park, or registered "
            "maker space",
            wording="国家级、省级科技企业孵化器、大学科技园和国家备案众创空间",
            article="六、(十七)",
        ),
        a.all_of(
            a.at_least(
                a.param("qh.incubator_tax.any_level_park"),
                1,
                label="reading: a university science park of any level "
                "(qh.incubator_tax.any_level_park)",
                wording="国家级、省级科技企业孵化器、大学科技园",
                article="六、(十七)",
            ),
            a.is_one_of(
                "incubator_kind",
                ("other_university_science_park",),
                label="university science park of another level",
                wording="大学科技园",
                article="六、(十七)",
            ),
            label="a park of any level, under the other reading",
        ),
        label="a carrier the exemption names",
    ),
    valid_from=date(2019, 1, 1),
    valid_to=date(2021, 12, 31),
    readings=(
        "ELIGIBLE means exempt from property tax and urban land-use tax on premises used or provided to "
        "incubatees, and from VAT on incubation-service income.",
        "The window 2019-01-01..2021-12-31 is the text's own, earlier than the measures' publication.",
        "国家级、省级 qualifies both 科技企业孵化器 and 大学科技园: a university science park must be "
        "national or provincial (as in the national notice 财税〔2018〕120号 the passage restates); "
        "override qh.incubator_tax.any_level_park to 1 to exempt a park of any level.",
    ),
)

# The year the two full years of holding are completed (满2年的当年) is the deduction
# year; it must be a tax year of the measures (2020 or later), and a later tax year
# may only use what earlier years left (当年不足抵扣的，可在以后纳税年度结转抵扣).
_TWO_YEARS_REACHED = a.years_after("vc_investment_date", a.param("qh.vc.min_holding_years"))
_IS_DEDUCTION_YEAR = a.at_least(
    _TWO_YEARS_REACHED,
    a.day_of_evaluation_year(1, 1),
    label="two full years reached in this tax year",
    wording="在股权持有满2年的当年抵扣",
    article="六、(十八)",
)
_DEDUCTION_LEFT = a.minus(
    a.times(a.param("qh.vc.deductible_share"), a.fact("vc_investment")),
    a.cases((_IS_DEDUCTION_YEAR, 0), default=a.fact("vc_deducted_before")),
)

VC = Rule(
    id="QH20-VC",
    kind="computation",
    title_en="Taxable-income deduction for corporate venture capital",
    title_zh="公司制创业投资企业投资额抵扣应纳税所得额",
    citation=VC_C,
    criteria=a.all_of(
        a.is_true(
            "corporate_vc",
            label="corporate venture-capital enterprise",
            wording="公司制创业投资企业",
            article="六、(十八)",
        ),
        a.is_true(
            "target_seed_or_early_tech",
            label="direct equity investment in a seed- or early-stage tech firm",
            wording="采取股权投资方式直接投资于种子期、初创期科技型企业",
            article="六、(十八)",
        ),
        a.at_most(
            _TWO_YEARS_REACHED,
            a.day_of_evaluation_year(12, 31),
            label="two full years of holding reached by the end of this tax year",
            wording="满2年",
            article="六、(十八)",
            reading="the date two full years are reached must fall on or before 31 December "
            "of the tax year (满2年 within the year)",
        ),
        a.if_(
            a.at_least(
                a.param("qh.vc.deduction_years_from_2020"),
                1,
                label="reading: the deduction year must be 2020 or later "
                "(qh.vc.deduction_years_from_2020)",
                wording="在股权持有满2年的当年抵扣",
                article="六、(十八)",
            ),
            a.Compare(
                _TWO_YEARS_REACHED,
                ">=",
                a.Const(date(2020, 1, 1)),
                label="deduction year is a tax year of the measures (2020 or later)",
                wording="在股权持有满2年的当年抵扣",
                article="六、(十八)",
            ),
            label="deduction year of the measures, under the default reading",
        ),
        a.more_than(
            _DEDUCTION_LEFT,
            0,
            label="deduction not yet used up (70% of the investment less earlier years' use)",
            wording="当年不足抵扣的，可在以后纳税年度结转抵扣",
            article="六、(十八)",
        ),
    ),
    amount=a.lesser_of(
        a.Fixed(
            _DEDUCTION_LEFT,
            "70% of the investment, less what earlier tax years deducted",
            "可以按照投资额的70%在股权持有满2年的当年抵扣",
        ),
        a.cap(
            a.prior_year("vc_taxable_income", 0),
            label="taxable income of this tax year (the rest carries forward)",
            wording="当年不足抵扣的，可在以后纳税年度结转抵扣",
        ),
    ),
    readings=(
        "The evaluation date names the tax year (its calendar year). The deduction year is the "
        "year in which two full years of holding are completed; it must be 2020 or later, the "
        "first tax year of the measures (an investment whose two years ended in 2018 earned its "
        "deduction before the measures); override qh.vc.deduction_years_from_2020 to 0 to let an "
        "earlier deduction year's remainder carry into the years of the measures (the text sets "
        "no first year).",
        "In the deduction year the whole 70% is available (earlier use is nil); in a later year "
        "only what earlier years left (fact vc_deducted_before) carries forward. The amount is "
        "what this year's taxable income absorbs; the excess carries forward.",
    ),
)

RULES = (
    PLAN_PREREQ,
    STANDARD,
    VOUCHER,
    FIRST_PURCHASE,
    TOP500_RD,
    TT_AGENCY,
    TT_COBUILT,
    DEAL_LOCAL,
    DEAL_IMPORT,
    CASH_REWARD_TAX,
    ACADEMICIAN,
    NATIONAL_TALENT,
    SETTLE_IN,
    POSTDOC,
    FLEX_POSTS,
    ZONE_NEW,
    ZONE_RANK,
    NATIONAL_LAB,
    NEW_RD_INST,
    SHARING,
    INCUBATOR,
    INCUBATOR_TAX,
    VC,
    HTE_NEW,
    LITTLE_GIANT,
    RD_SUBSIDY_2020,
    TECH_INTRO_SUBSIDY,
    PLATFORM_SUBSIDY,
    HORIZONTAL_BALANCE,
)

PARAMETERS = (*PARAMETERS, *MORE_PARAMETERS)
FACTS = (*FACTS, *MORE_FACTS)
