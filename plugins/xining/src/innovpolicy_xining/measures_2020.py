"""《西宁市加强产学研合作促进科技成果转化若干措施(试行)》 (市委印发稿).

Issuer: 中共西宁市委 (the posted text is the 市委印发稿); posted 2020-08-19 on the
city's notice board. In force from publication ("本措施自发布之日起施行"), and
"原有相关规定与此不一致的,以本措施为准" (XN20-PRECEDENCE). The posted copy
carries no document number (文号): ``Document.number``, which the core requires, says so
("无文号") and names what the text is (the 市委印发稿 posted 2020-08-19).

Every XN20-* rule of the catalog is here, by paragraph: XN20-LAB and
XN20-WORKSTATION (3), XN20-PILOT (4), XN20-INCUBATOR (5), XN20-CONTRACT-BUYER,
XN20-CONTRACT-BROKER and XN20-MAJOR-DEAL (6), XN20-ALLIANCE (7), XN20-GROWTH
(8), XN20-FUND (9), XN20-REWARD-SHARE and XN20-HORIZONTAL (14), XN20-MATCHING
(17) and XN20-PRECEDENCE (closing clause).

Readings chosen:

* Paragraph 3 sets only the ceilings ("单项奖最高不超过400万元", "单个站最高不超过
  100万元"); the amounts themselves follow other city measures that are not among
  the sources, so XN20-LAB and XN20-WORKSTATION report the range 0 – ceiling.
* Paragraph 4: the support year is the calendar year of the evaluation date; the
  first support year is a fact. Each year pays 10% of the platform's own R&D
  investment of the prior year (研发费用投资额, fact ``pilot_rd_investment``), the
  two years together at most 4,000,000 (the second year gets what is left).
* Paragraph 6 "给予买方50100万元": the digits of "50—100万元" with the dash lost;
  reported as the range 500,000 – 1,000,000.
* Paragraph 7 "新建运行一年以上": at least one full year from the alliance's
  founding date to the evaluation date.
* Paragraph 14 "…比例不低于总额的70%,其中对作出主要贡献人员奖励份额不低于总额的70%":
  总额 is read the same both times, as the total net income (or equity income); the
  main contributors get at least 70% of it, which is also the province's rule
  (QH-REWARD-SHARE, "主要贡献人员的奖励比例…提高至“不低于70%”" of the net income).
  The other reading, 70% of the reward paid to researchers, is selected by
  overriding the parameter ``xn.reward_share.main_basis`` to 2 in a child layer.
* Paragraph 14 on horizontal balances ("结余经费可全部奖励项目组成员") speaks of the
  fiscal 规划类/专题调研类/科技服务类与管理类 projects won by tender or purchase and
  managed as horizontal projects; XN20-HORIZONTAL covers those projects only (fact
  ``horizontal_project_origin``) and does not supersede the province's
  QH20-HORIZONTAL, which keeps applying to every horizontal project in Xining.
* Paragraph 6, major deals ("对交易成功并取得显著成效的重大项目"): no contract type or
  registration is stated for them, so none is required.
* Paragraph 17: new city incentive money (paragraphs 4–8) is shared city : district
  1 : 1; LAB and WORKSTATION follow other city measures and are not split here, and
  MAJOR-DEAL's range (decided case by case) is reported unsplit.
  Provincial incentives needing local matching (the prefecture's 20% of
  QH20-TECH-INTRO) are split city : district 1 : 1 inside Xining.

* Paragraph 6 names "技术开发、技术转让两类合同" before both subsidies; the
  broker subsidy is read as covering the same two contract types.
* Paragraph 17 "按不低于1:1比例配套": which side "不低于" binds is not stated (the
  city at least as much as the district or park, or the matching district at least
  as much as the city); exactly 1 : 1 is the least either reading requires, and we
  split so. On an odd fen the city, listed first, pays it. The weights are parameters
  a district layer may override.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import Document, FactSpec, Rule, ShareRefinement, Supersession
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="xn-2020-industry-academia",
    number="无文号(西宁市委印发稿 2020-08-19)",
    title_zh="西宁市加强产学研合作促进科技成果转化若干措施(试行)",
    title_en="Xining measures to strengthen industry-academia cooperation and promote the "
    "transformation of S&T achievements (trial)",
    issuer_zh="中共西宁市委",
    issued=date(2020, 8, 19),
    effective_from=date(2020, 8, 19),
    dates_note="In force on publication; the notice was posted 2020-08-19. The posted copy "
    "has no document number (文号); the number field says so.",
)

W_CONTRACT = (
    "对技术开发、技术转让两类合同,经认定后对买方给予3%的技术合同补贴,最高不超过10万元;"
    "对科技服务中介机构或技术经纪人促成交易的给予1%的技术合同补贴,单个项目最高不超过5万元。"
)
W_GROWTH = (
    "对成长为科技成果转化示范基地、市级科技型企业、高新技术企业、小巨人企业和“瞪羚”企业的经济实体,"
    "一次性引导奖励分别为10万元、10万元、30万元、40万元和50万元。"
)
W_MATCHING = "本措施中涉及新增引导奖励资金项目,继续采取联动配套方式,依据企业隶属关系,由市与园区(县区)按不低于1:1比例配套落实"

W_LAB = (
    "支持高校、科研院所、企事业单位与西宁地区企业共建国家(省部)重点实验室、技术创新中心等研发平台,"
    "并按照《西宁市支持科技创新若干奖励措施(试行)》规定给予奖励,单项奖最高不超过400万元。"
)
W_WORKSTATION = (
    "对省上相关部门审核、新批准建立并投入使用的院士和专家工作站,按照《西宁市引进和培养高层次创新创业人才的意见(试行)》"
    "规定给予相应经费支持,单个站最高不超过100万元。"
)
W_PILOT = "对新建的中试熟化平台,依据上年度研发费用投资额的10%,连续两年给予资金支持,累计总额不超过400万元。"
W_INCUBATOR = "对新认定的国家级科技孵化器和星创天地,一次性引导奖励20万元。"
W_MAJOR = (
    "对交易成功并取得显著成效的重大项目,采取“一事一议”方式给予买方50100万元重大科技专项资金支持。"
)
W_ALLIANCE = (
    "对新建运行一年以上工作成效显著的创新联盟(协会),经考核评定为优秀的,一次性引导奖励10万元。"
)
W_FUND = "市级财政在现有科技专项资金中每年设立1000万元产学研合作和成果转化专项资金"
W_REWARD = "单位用于奖励科研人员成果转化净收入或股权收益比例不低于总额的70%,其中对作出主要贡献人员奖励份额不低于总额的70%。"
W_HORIZONTAL = (
    "对高校、科研院所通过招投标或购买服务获取的财政性规划类、专题调研类、科技服务类与管理类项目,"
    "可按横向项目管理,结余经费可全部奖励项目组成员。"
)
W_LOCAL_MATCHING = "对省上出台有关支持科技创新政策涉及地方配套资金,按照属地管理原则,由市与园区(县区)按不低于1:1比例配套落实。"
W_PRECEDENCE = "本措施自发布之日起施行,原有相关规定与此不一致的,以本措施为准。"

LAB = a.Citation(DOCUMENT, "3", W_LAB)
WORKSTATION = a.Citation(DOCUMENT, "3", W_WORKSTATION)
PILOT = a.Citation(DOCUMENT, "4", W_PILOT)
INCUBATOR = a.Citation(DOCUMENT, "5", W_INCUBATOR)
MAJOR = a.Citation(DOCUMENT, "6", W_MAJOR)
MATCHING_C = a.Citation(DOCUMENT, "17", W_MATCHING + "…" + W_LOCAL_MATCHING)
ALLIANCE = a.Citation(DOCUMENT, "7", W_ALLIANCE)
FUND = a.Citation(DOCUMENT, "9", W_FUND)
REWARD = a.Citation(DOCUMENT, "14", W_REWARD)
HORIZONTAL = a.Citation(DOCUMENT, "14", W_HORIZONTAL)
LOCAL_MATCHING = a.Citation(DOCUMENT, "17", W_LOCAL_MATCHING)
PRECEDENCE = a.Citation(DOCUMENT, "closing clause", W_PRECEDENCE)
CONTRACT = a.Citation(DOCUMENT, "6", W_CONTRACT)
GROWTH = a.Citation(DOCUMENT, "8", W_GROWTH)
MATCHING = a.Citation(DOCUMENT, "17", W_MATCHING)

_NONNEG = Decimal(0)
FACTS = (
    FactSpec(
        "co_built_national_platform",
        "boolean",
        "national (province-ministry) key lab, technology innovation centre or other R&D "
        "platform co-built by a university, institute or other body with a Xining-area "
        "enterprise",
    ),
    FactSpec(
        "new_expert_workstation",
        "boolean",
        "academician or expert workstation newly approved by the province and in use",
    ),
    FactSpec(
        "new_pilot_platform", "boolean", "newly built pilot / scale-up platform (中试熟化平台)"
    ),
    FactSpec(
        "pilot_first_support_year",
        "integer",
        "calendar year of the pilot platform's first support",
        "year",
        Decimal(1900),
    ),
    FactSpec(
        "pilot_rd_investment",
        "decimal",
        "R&D expense invested in the new pilot platform in the fiscal year (its 研发费用投资额, "
        "not the whole firm's R&D)",
        "CNY",
        Decimal(0),
        yearly=True,
    ),
    FactSpec(
        "newly_recognised_national_incubator",
        "boolean",
        "newly recognised national incubator or 星创天地",
    ),
    FactSpec("major_deal_marked_effect", "boolean", "major deal concluded with marked effect"),
    FactSpec(
        "applicant_is_broker",
        "boolean",
        "the applicant is the S&T service intermediary or technology broker that brokered the "
        "deal (neither its buyer nor its seller)",
    ),
    FactSpec(
        "horizontal_project_origin",
        "text",
        "how the horizontal project was obtained: contracted by the market (市场委托), or a "
        "fiscal planning / research / S&T service and management project won by tender or "
        "purchase of services and managed as a horizontal project",
        choices=("market_contract", "fiscal_managed_as_horizontal"),
    ),
    FactSpec(
        "matching_source",
        "text",
        "what the co-funded money is: a new city incentive of these measures, or the local "
        "matching of a provincial policy",
        choices=("new_city_incentive", "provincial_local_matching"),
    ),
    FactSpec("matched_amount", "decimal", "amount to be co-funded", "CNY", _NONNEG),
    FactSpec(
        "growth_milestone_date",
        "date",
        "date the joint entity became what growth_milestone names (the date of its "
        "certification or recognition as that type)",
    ),
    FactSpec("alliance_founded", "date", "date the innovation alliance (association) was founded"),
    FactSpec("alliance_rated_excellent", "boolean", "alliance rated excellent with marked results"),
    FactSpec(
        "city_fund_allocated",
        "decimal",
        "city special fund for cooperation and transformation set up this year",
        "CNY",
        _NONNEG,
    ),
    FactSpec(
        "older_provision_date",
        "date",
        "publication date of another city provision on the same matter",
    ),
    FactSpec(
        "older_provision_inconsistent",
        "boolean",
        "that provision is inconsistent with these measures",
    ),
)

PARAMETERS = (
    a.constant(
        "xn.lab.max_award",
        a.wan(400),
        citation=LAB,
        unit="CNY",
        description="ceiling of a single award for a co-built national platform",
    ),
    a.constant(
        "xn.workstation.max_award",
        a.wan(100),
        citation=WORKSTATION,
        unit="CNY",
        description="ceiling of support per workstation",
    ),
    a.constant(
        "xn.pilot.rate",
        "0.10",
        citation=PILOT,
        unit="ratio",
        description="share of prior-year R&D investment paid each year",
    ),
    a.constant(
        "xn.pilot.cumulative_cap",
        a.wan(400),
        citation=PILOT,
        unit="CNY",
        description="cap of the two years together",
    ),
    a.constant(
        "xn.pilot.years", 2, citation=PILOT, unit="years", description="consecutive support years"
    ),
    a.constant(
        "xn.incubator.award",
        a.wan(20),
        citation=INCUBATOR,
        unit="CNY",
        description="one-off award for a new national incubator or 星创天地",
    ),
    a.constant(
        "xn.major_deal.low",
        a.wan(50),
        citation=MAJOR,
        unit="CNY",
        description="low end of the range",
    ),
    a.constant(
        "xn.major_deal.high",
        a.wan(100),
        citation=MAJOR,
        unit="CNY",
        description="high end of the range",
    ),
    a.constant(
        "xn.alliance.min_years",
        1,
        citation=ALLIANCE,
        unit="years",
        description="minimum full years in operation",
    ),
    a.constant(
        "xn.alliance.founded_years_before_start",
        0,
        citation=ALLIANCE,
        unit="years",
        description="新建 (newly established): how many years before the measures took effect "
        "(2020-08-19) an alliance may have been founded; 0 = founded on or after that day "
        "(default reading)",
    ),
    a.constant(
        "xn.alliance.award", a.wan(10), citation=ALLIANCE, unit="CNY", description="one-off award"
    ),
    a.constant(
        "xn.fund.annual",
        a.wan(1000),
        citation=FUND,
        unit="CNY",
        description="yearly city special fund",
    ),
    a.constant(
        "xn.reward_share.min_researchers",
        "0.70",
        citation=REWARD,
        unit="ratio",
        description="minimum share of net income rewarded to researchers",
    ),
    a.constant(
        "xn.reward_share.min_main",
        "0.70",
        citation=REWARD,
        unit="ratio",
        description="minimum share of 总额 going to main contributors",
    ),
    a.constant(
        "xn.reward_share.main_basis",
        1,
        citation=REWARD,
        unit="reading",
        description="what 总额 is in the main contributors' 70%: 1 = the net income or equity "
        "income (default reading), 2 = the reward paid to researchers",
    ),
    a.constant(
        "xn.horizontal.max_reward_share",
        1,
        citation=HORIZONTAL,
        unit="ratio",
        description="share of the balance that may go to the team",
    ),
    a.constant(
        "xn.contract.buyer_rate",
        "0.03",
        citation=CONTRACT,
        unit="ratio",
        description="buyer's subsidy as a share of the contract amount",
    ),
    a.constant(
        "xn.contract.buyer_cap",
        a.wan(10),
        citation=CONTRACT,
        unit="CNY",
        description="cap of the buyer's subsidy",
    ),
    a.constant(
        "xn.contract.broker_rate",
        "0.01",
        citation=CONTRACT,
        unit="ratio",
        description="broker's subsidy as a share of the contract amount",
    ),
    a.constant(
        "xn.contract.broker_cap",
        a.wan(5),
        citation=CONTRACT,
        unit="CNY",
        description="cap of the broker's subsidy per project",
    ),
    a.constant(
        "xn.growth.demonstration_base",
        a.wan(10),
        citation=GROWTH,
        unit="CNY",
        description="award for becoming a transformation demonstration base",
    ),
    a.constant(
        "xn.growth.city_tech_based",
        a.wan(10),
        citation=GROWTH,
        unit="CNY",
        description="award for becoming a city-level tech-based enterprise",
    ),
    a.constant(
        "xn.growth.high_tech",
        a.wan(30),
        citation=GROWTH,
        unit="CNY",
        description="award for becoming a high-tech enterprise",
    ),
    a.constant(
        "xn.growth.little_giant",
        a.wan(40),
        citation=GROWTH,
        unit="CNY",
        description="award for becoming a little-giant enterprise",
    ),
    a.constant(
        "xn.growth.gazelle",
        a.wan(50),
        citation=GROWTH,
        unit="CNY",
        description="award for becoming a gazelle enterprise",
    ),
    a.constant(
        "xn.growth.reached_from_start",
        1,
        citation=GROWTH,
        unit="reading",
        description="成长为 (became): 1 = the milestone is reached on or after the measures took "
        "effect, 2020-08-19 (default reading); 0 = a milestone reached earlier counts too",
    ),
    a.constant(
        "xn.matching.city_weight",
        1,
        citation=MATCHING,
        unit="weight",
        description="city's part of the co-funding of new city incentives",
    ),
    a.constant(
        "xn.matching.district_weight",
        1,
        citation=MATCHING,
        unit="weight",
        description="district's or park's part of the co-funding of new city incentives",
    ),
)

CITY_DISTRICT_SPLIT = a.CostSplit(
    (
        a.Payer("city", a.param("xn.matching.city_weight")),
        a.Payer("district", a.param("xn.matching.district_weight"), name_fact="district"),
    ),
    wording=W_MATCHING,
    article="17",
)

_registered_contract = a.all_of(
    a.is_one_of(
        "contract_type",
        ("development", "transfer"),
        label="technology development or transfer contract",
        wording="对技术开发、技术转让两类合同",
        article="6",
    ),
    a.is_true(
        "contract_registered",
        label="contract recognised by the registry",
        wording="经认定后",
        article="6",
    ),
    label="registered development or transfer contract",
)

_BUYER_APPLIES = a.is_one_of(
    "deal_party",
    ("transferee",),
    label="the applicant is the buyer",
    wording="对买方",
    article="6",
)

CONTRACT_BUYER = Rule(
    id="XN20-CONTRACT-BUYER",
    kind="incentive",
    title_en="Technology contract subsidy to the buyer",
    title_zh="技术合同买方补贴",
    citation=CONTRACT,
    criteria=a.all_of(_registered_contract, _BUYER_APPLIES, label="buyer of a registered contract"),
    amount=a.lesser_of(
        a.RateOf(
            a.param("xn.contract.buyer_rate"),
            a.fact("contract_amount"),
            "3% of the contract amount",
            "对买方给予3%的技术合同补贴",
        ),
        a.cap(a.param("xn.contract.buyer_cap"), label="cap", wording="最高不超过10万元"),
    ),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "Paid to the buyer only (对买方): the applicant whose deal_party is transferee, i.e. the "
        "transferee of a transfer contract or the commissioning party of a development contract; "
        "the seller (transferor) gets nothing under this rule.",
        "City and district co-fund 1 : 1 (paragraph 17, the least the text requires).",
    ),
)

CONTRACT_BROKER = Rule(
    id="XN20-CONTRACT-BROKER",
    kind="incentive",
    title_en="Technology contract subsidy to the intermediary or broker",
    title_zh="技术合同中介(技术经纪人)补贴",
    citation=CONTRACT,
    criteria=a.all_of(
        _registered_contract,
        a.is_true(
            "brokered",
            label="deal brokered by an intermediary or technology broker",
            wording="对科技服务中介机构或技术经纪人促成交易的",
            article="6",
        ),
        a.is_true(
            "applicant_is_broker",
            label="the applicant is the intermediary or broker",
            wording="对科技服务中介机构或技术经纪人",
            article="6",
        ),
        label="brokered registered contract",
    ),
    amount=a.lesser_of(
        a.RateOf(
            a.param("xn.contract.broker_rate"),
            a.fact("contract_amount"),
            "1% of the contract amount",
            "给予1%的技术合同补贴",
        ),
        a.cap(
            a.param("xn.contract.broker_cap"),
            label="cap per project",
            wording="单个项目最高不超过5万元",
        ),
    ),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "Covers the same two contract types as the buyer subsidy (technology development, transfer).",
        "Paid to the intermediary or broker that brokered the deal only (applicant_is_broker); "
        "the buyer and the seller of a brokered deal get nothing under this rule.",
        "City and district co-fund 1 : 1 (paragraph 17).",
    ),
)

GROWTH_AWARD = Rule(
    id="XN20-GROWTH",
    kind="incentive",
    title_en="One-off award for industry-academia joint entities that grow",
    title_zh="产学研经济实体成长引导奖励",
    citation=GROWTH,
    criteria=a.all_of(
        a.is_true(
            "joint_entity",
            label="joint-stock S&T firm of an enterprise with a university or institute",
            wording="支持企业与高校、科研院所联合成立股份制科技型企业",
            article="8",
        ),
        a.if_(
            a.compare(
                a.param("xn.growth.reached_from_start"),
                "==",
                1,
                label="成长为 read as reached while the measures are in force",
                wording="对成长为",
                article="8",
            ),
            a.on_or_after(
                "growth_milestone_date",
                DOCUMENT.effective_from,
                label="became that type on or after the measures took effect",
                wording="对成长为",
                article="8",
            ),
            label="the milestone is reached under these measures",
        ),
        label="joint entity that has grown into the type",
    ),
    amount=a.Lookup(
        "growth_milestone",
        {
            "demonstration_base": a.param("xn.growth.demonstration_base"),
            "city_tech_based": a.param("xn.growth.city_tech_based"),
            "high_tech": a.param("xn.growth.high_tech"),
            "little_giant": a.param("xn.growth.little_giant"),
            "gazelle": a.param("xn.growth.gazelle"),
        },
        "award for the milestone reached",
        W_GROWTH,
    ),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "One award per milestone reached; each milestone is a separate evaluation.",
        "'对成长为…的经济实体': the entity must have become the type (growth_milestone_date) on "
        "or after 2020-08-19, when the measures took effect (本措施自发布之日起施行); a type held "
        "before is not growth under these measures. Other reading (an earlier milestone "
        "counts too): override xn.growth.reached_from_start to 0.",
    ),
    events=(
        "demonstration_base_certified",
        "city_tech_based_certified",
        "high_tech_certified",
        "little_giant_certified",
        "gazelle_certified",
    ),
)

LAB_AWARD = Rule(
    id="XN20-LAB",
    kind="incentive",
    title_en="Award for a co-built national (province-ministry) key lab or innovation centre",
    title_zh="共建国家(省部)重点实验室、技术创新中心奖励",
    citation=LAB,
    criteria=a.is_true(
        "co_built_national_platform",
        label="national platform co-built with a Xining-area enterprise",
        wording="与西宁地区企业共建国家(省部)重点实验室、技术创新中心等研发平台",
        article="3",
    ),
    amount=a.Discretionary(
        Decimal(0), a.param("xn.lab.max_award"), "up to the ceiling", "单项奖最高不超过400万元"
    ),
    readings=("Only the ceiling is in the source; the amount follows another city measure.",),
)

WORKSTATION_SUPPORT = Rule(
    id="XN20-WORKSTATION",
    kind="incentive",
    title_en="Support for a new academician or expert workstation",
    title_zh="院士和专家工作站经费支持",
    citation=WORKSTATION,
    criteria=a.is_true(
        "new_expert_workstation",
        label="workstation newly approved by the province and in use",
        wording="对省上相关部门审核、新批准建立并投入使用的院士和专家工作站",
        article="3",
    ),
    amount=a.Discretionary(
        Decimal(0),
        a.param("xn.workstation.max_award"),
        "up to the ceiling",
        "单个站最高不超过100万元",
    ),
    readings=("Only the ceiling is in the source; the amount follows another city measure.",),
)

PILOT_SUPPORT = Rule(
    id="XN20-PILOT",
    kind="incentive",
    title_en="Support for a new pilot / scale-up platform, two consecutive years",
    title_zh="中试熟化平台资金支持",
    citation=PILOT,
    criteria=a.all_of(
        a.is_true(
            "new_pilot_platform",
            label="newly built pilot platform",
            wording="对新建的中试熟化平台",
            article="4",
        ),
        a.at_least(
            a.support_year("pilot_first_support_year"),
            1,
            label="support year",
            wording="连续两年",
            article="4",
        ),
        a.at_most(
            a.support_year("pilot_first_support_year"),
            a.param("xn.pilot.years"),
            label="within the two consecutive years",
            wording="连续两年",
            article="4",
        ),
    ),
    amount=a.ConsecutiveYears(
        a.param("xn.pilot.rate"),
        "pilot_rd_investment",
        "pilot_first_support_year",
        a.param("xn.pilot.years"),
        a.param("xn.pilot.cumulative_cap"),
        "10% of the platform's prior-year R&D investment, cumulative cap",
        W_PILOT,
    ),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "Support year = calendar year of the evaluation date; the second year gets at most what the "
        "first left under the 4,000,000 cap.",
        "'依据上年度研发费用投资额的10%' is said of the new platform: the base is the platform's own "
        "R&D investment of the prior year (pilot_rd_investment), not the whole firm's rd_expense.",
    ),
)

INCUBATOR_AWARD = Rule(
    id="XN20-INCUBATOR",
    kind="incentive",
    title_en="Award for a newly recognised national incubator or 星创天地",
    title_zh="国家级科技孵化器和星创天地引导奖励",
    citation=INCUBATOR,
    criteria=a.is_true(
        "newly_recognised_national_incubator",
        label="newly recognised national incubator",
        wording="对新认定的国家级科技孵化器和星创天地",
        article="5",
    ),
    amount=a.Fixed(a.param("xn.incubator.award"), "one-off award", "一次性引导奖励20万元"),
    split=CITY_DISTRICT_SPLIT,
)

MAJOR_DEAL = Rule(
    id="XN20-MAJOR-DEAL",
    kind="incentive",
    title_en="Special support to the buyer in a major deal (case by case)",
    title_zh="重大科技专项资金支持(一事一议)",
    citation=MAJOR,
    criteria=a.all_of(
        a.is_true(
            "major_deal_marked_effect",
            label="successful major deal with marked effect",
            wording="对交易成功并取得显著成效的重大项目",
            article="6",
        ),
        a.is_one_of(
            "deal_party",
            ("transferee",),
            label="the applicant is the buyer",
            wording="给予买方",
            article="6",
        ),
        label="buyer in a successful major deal",
    ),
    amount=a.Discretionary(
        a.param("xn.major_deal.low"),
        a.param("xn.major_deal.high"),
        "case by case (一事一议)",
        "给予买方50100万元",
    ),
    readings=(
        "'50100万元' read as 50–100万元 (500,000 – 1,000,000).",
        "No contract type or registration is stated for major deals, so none is required.",
        "Paid to the buyer only (对买方): the applicant whose deal_party is transferee, i.e. the "
        "transferee of a transfer contract or the commissioning party of a development contract; "
        "the seller (transferor) gets nothing under this rule (给予买方).",
    ),
)

ALLIANCE_AWARD = Rule(
    id="XN20-ALLIANCE",
    kind="incentive",
    title_en="Award for an innovation alliance rated excellent",
    title_zh="产学研技术创新联盟(协会)引导奖励",
    citation=ALLIANCE,
    criteria=a.all_of(
        a.compare(
            a.years_after("alliance_founded", a.param("xn.alliance.founded_years_before_start")),
            ">=",
            a.Const(DOCUMENT.effective_from),
            label="newly established: founded on or after the measures took effect",
            wording="对新建",
            article="7",
        ),
        a.at_least(
            a.years_since("alliance_founded"),
            a.param("xn.alliance.min_years"),
            label="full years in operation",
            wording="新建运行一年以上",
            article="7",
        ),
        a.is_true(
            "alliance_rated_excellent",
            label="rated excellent",
            wording="工作成效显著…经考核评定为优秀的",
            article="7",
        ),
    ),
    amount=a.Fixed(a.param("xn.alliance.award"), "one-off award", "一次性引导奖励10万元"),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "'对新建运行一年以上': 新建 is an alliance founded on or after 2020-08-19, when the "
        "measures took effect; an older alliance is not new. Other reading (an earlier "
        "founding date still counts as new): override xn.alliance.founded_years_before_start "
        "to the number of years before 2020-08-19 to admit.",
    ),
)

FUND_PROVISION = Rule(
    id="XN20-FUND",
    kind="condition",
    title_en="Yearly city special fund for cooperation and transformation",
    title_zh="产学研合作和成果转化专项资金",
    citation=FUND,
    criteria=a.at_least(
        "city_fund_allocated",
        a.param("xn.fund.annual"),
        label="fund set up this year",
        wording=W_FUND,
        article="9",
    ),
)

_BASIS_IS_INCOME = a.compare(
    a.param("xn.reward_share.main_basis"),
    "==",
    1,
    label="总额 read as the net income",
    wording="不低于总额的70%",
    article="14",
)

REWARD_SHARE = Rule(
    id="XN20-REWARD-SHARE",
    kind="condition",
    title_en="Share of transformation income rewarded to researchers",
    title_zh="成果转化收益奖励比例",
    citation=REWARD,
    criteria=a.all_of(
        a.at_least(
            a.ratio(a.fact("reward_to_researchers"), a.fact("transformation_net_income")),
            a.param("xn.reward_share.min_researchers"),
            label="reward to researchers / net income",
            wording="比例不低于总额的70%",
            article="14",
        ),
        a.at_least(
            a.ratio(
                a.fact("reward_to_main_contributors"),
                a.cases(
                    (_BASIS_IS_INCOME, a.fact("transformation_net_income")),
                    default=a.fact("reward_to_researchers"),
                ),
            ),
            a.param("xn.reward_share.min_main"),
            label="main contributors / 总额 (net income; or the researchers' reward if "
            "xn.reward_share.main_basis = 2)",
            wording="其中对作出主要贡献人员奖励份额不低于总额的70%",
            article="14",
        ),
    ),
    readings=(
        "'其中对作出主要贡献人员奖励份额不低于总额的70%': 总额 is the net income (or equity "
        "income), as in the first half of the sentence and in the province's 70% rule; "
        "override xn.reward_share.main_basis to 2 to read it as 70% of the reward paid to "
        "researchers.",
    ),
)

HORIZONTAL_BALANCE = Rule(
    id="XN20-HORIZONTAL",
    kind="condition",
    title_en="Horizontal project balance may all go to the team",
    title_zh="横向项目结余经费可全部奖励项目组成员",
    citation=HORIZONTAL,
    criteria=a.all_of(
        a.is_one_of(
            "horizontal_project_origin",
            ("fiscal_managed_as_horizontal",),
            label="fiscal planning, research or service project managed as horizontal",
            wording="对高校、科研院所通过招投标或购买服务获取的财政性规划类、专题调研类、"
            "科技服务类与管理类项目,可按横向项目管理",
            article="14",
        ),
        a.at_most(
            a.ratio(a.fact("horizontal_reward"), a.fact("horizontal_balance")),
            a.param("xn.horizontal.max_reward_share"),
            label="reward share of the horizontal balance",
            wording="结余经费可全部奖励项目组成员",
            article="14",
        ),
    ),
    readings=(
        "Covers only the fiscal projects managed as horizontal projects that paragraph 14 "
        "names; it does not supersede QH20-HORIZONTAL, which still applies to every "
        "horizontal project in Xining.",
    ),
)

MATCHING_RULE = Rule(
    id="XN20-MATCHING",
    kind="computation",
    title_en="City and district (park) co-funding at least 1 : 1",
    title_zh="市与园区(县区)按不低于1:1比例配套",
    citation=MATCHING_C,
    criteria=a.is_one_of(
        "matching_source",
        ("new_city_incentive", "provincial_local_matching"),
        label="new city incentive money, or local matching of a provincial policy",
        wording="本措施中涉及新增引导奖励资金项目…对省上出台有关支持科技创新政策涉及地方配套资金",
        article="17",
    ),
    amount=a.Fixed(a.fact("matched_amount"), "amount co-funded", "配套落实"),
    split=CITY_DISTRICT_SPLIT,
    readings=(
        "'按不低于1:1比例': split exactly 1 : 1, the least the text requires (the weights "
        "xn.matching.city_weight / xn.matching.district_weight may be overridden by a "
        "district layer). The same split applies to every new city incentive of "
        "paragraphs 4–8 and to the prefecture's share of provincial incentives inside "
        "Xining.",
    ),
)

PRECEDENCE_RULE = Rule(
    id="XN20-PRECEDENCE",
    kind="condition",
    title_en="These measures prevail over older inconsistent city provisions",
    title_zh="以本措施为准",
    citation=PRECEDENCE,
    criteria=a.all_of(
        a.before(
            "older_provision_date",
            DOCUMENT.effective_from,
            label="the other provision is older",
            wording="原有相关规定",
            article="closing clause",
        ),
        a.is_true(
            "older_provision_inconsistent",
            label="it is inconsistent",
            wording="与此不一致的",
            article="closing clause",
        ),
        label="this measure prevails (以本措施为准)",
    ),
)

RULES = (
    LAB_AWARD,
    WORKSTATION_SUPPORT,
    PILOT_SUPPORT,
    INCUBATOR_AWARD,
    CONTRACT_BUYER,
    CONTRACT_BROKER,
    MAJOR_DEAL,
    ALLIANCE_AWARD,
    GROWTH_AWARD,
    FUND_PROVISION,
    REWARD_SHARE,
    HORIZONTAL_BALANCE,
    MATCHING_RULE,
    PRECEDENCE_RULE,
)

SUPERSESSIONS: tuple[Supersession, ...] = ()

REFINEMENTS = (
    ShareRefinement(
        "prefecture",
        (
            a.Payer("city", a.param("xn.matching.city_weight")),
            a.Payer("district", a.param("xn.matching.district_weight"), name_fact="district"),
        ),
        DOCUMENT.effective_from,
        LOCAL_MATCHING,
    ),
)
