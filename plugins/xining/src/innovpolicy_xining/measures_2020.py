"""《西宁市加强产学研合作促进科技成果转化若干措施(试行)》 (市委印发稿).

Issuer: 中共西宁市委 (the posted text is the 市委印发稿); posted 2020-08-19 on the
city's notice board. In force from publication ("本措施自发布之日起施行"), and
"原有相关规定与此不一致的，以本措施为准" (XN20-PRECEDENCE). The posted copy
carries no document number.

Rules here: XN20-CONTRACT-BUYER and XN20-CONTRACT-BROKER (paragraph 6),
XN20-GROWTH (paragraph 8), all co-funded city : district ≥ 1 : 1 by the firm's
affiliation (paragraph 17, XN20-MATCHING).

Readings chosen:

* Paragraph 6 names "技术开发、技术转让两类合同" before both subsidies; the
  broker subsidy is read as covering the same two contract types.
* Paragraph 17 "按不低于1:1比例配套": the city pays at least as much as the
  district or park. We split exactly 1 : 1, the least the text requires; the
  weights are parameters a district layer may override.
"""

from __future__ import annotations

from datetime import date

from innovpolicy import Document, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="xn-2020-industry-academia",
    number="西宁市委印发稿(2020年8月19日)",
    title_zh="西宁市加强产学研合作促进科技成果转化若干措施(试行)",
    title_en="Xining measures to strengthen industry-academia cooperation and promote the "
    "transformation of S&T achievements (trial)",
    issuer_zh="中共西宁市委",
    issued=date(2020, 8, 19),
    effective_from=date(2020, 8, 19),
    dates_note="In force on publication; the notice was posted 2020-08-19.",
)

W_CONTRACT = (
    "对技术开发、技术转让两类合同，经认定后对买方给予3%的技术合同补贴，最高不超过10万元；"
    "对科技服务中介机构或技术经纪人促成交易的给予1%的技术合同补贴，单个项目最高不超过5万元。"
)
W_GROWTH = (
    "对成长为科技成果转化示范基地、市级科技型企业、高新技术企业、小巨人企业和“瞪羚”企业的经济实体，"
    "一次性引导奖励分别为10万元、10万元、30万元、40万元和50万元。"
)
W_MATCHING = "本措施中涉及新增引导奖励资金项目，继续采取联动配套方式，依据企业隶属关系，由市与园区(县区)按不低于1:1比例配套落实"

CONTRACT = a.Citation(DOCUMENT, "6", W_CONTRACT)
GROWTH = a.Citation(DOCUMENT, "8", W_GROWTH)
MATCHING = a.Citation(DOCUMENT, "17", W_MATCHING)

PARAMETERS = (
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

CONTRACT_BUYER = Rule(
    id="XN20-CONTRACT-BUYER",
    kind="incentive",
    title_en="Technology contract subsidy to the buyer",
    title_zh="技术合同买方补贴",
    citation=CONTRACT,
    criteria=_registered_contract,
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
    readings=("City and district co-fund 1 : 1 (paragraph 17, the least the text requires).",),
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
        "City and district co-fund 1 : 1 (paragraph 17).",
    ),
)

GROWTH_AWARD = Rule(
    id="XN20-GROWTH",
    kind="incentive",
    title_en="One-off award for industry-academia joint entities that grow",
    title_zh="产学研经济实体成长引导奖励",
    citation=GROWTH,
    criteria=a.is_true(
        "joint_entity",
        label="joint-stock S&T firm of an enterprise with a university or institute",
        wording="支持企业与高校、科研院所联合成立股份制科技型企业",
        article="8",
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
    readings=("One award per milestone reached; each milestone is a separate evaluation.",),
)

RULES = (CONTRACT_BUYER, CONTRACT_BROKER, GROWTH_AWARD)
