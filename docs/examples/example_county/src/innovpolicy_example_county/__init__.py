"""示例县 / Example County: an ILLUSTRATION for the guide, NOT a real legal text.

It shows the three things a county can do on top of Xining:

1. replace a city parameter inside its own territory from its own date
   (the buyer's technology-contract subsidy cap, 100,000 → 150,000 from 2022-01-01);
   limitation: XN20-CONTRACT-BUYER is co-funded city : district 1 : 1, so the city is
   billed half of the raised amount (75,000 where Xining commits at most 50,000); the
   top-up above Xining's cap should be the county's alone, which a proportional split
   and the TOML twin cannot express (see the guide, "Who pays a raised amount");
2. add an incentive of its own (EX-FIRST-INVENTION, 5,000 for a firm's first
   granted invention patent);
3. supersede a city rule (XN20-CONTRACT-BROKER is replaced from 2022-01-01 by a
   county version paying 2% capped at 30,000);
4. declare its territory (``district`` 示例县): a firm of another district gets
   Xining's answers, billed to its own district.

``example_county.toml`` in this package is the same layer written declaratively;
the tests prove both give identical answers.
"""

from __future__ import annotations

from datetime import date

import innovpolicy
from innovpolicy import Document, Layer, Rule, Supersession
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="example-county-2022-1",
    number="示例〔2022〕1号",
    title_zh="示例县科技创新奖励办法(示例, 非真实文件)",
    title_en="Example County S&T incentive measures (illustration, not a real document)",
    issuer_zh="示例县人民政府(虚构)",
    effective_from=date(2022, 1, 1),
)

CAP = a.Citation(DOCUMENT, "第三条", "技术合同买方补贴在本县范围内最高不超过15万元")
PATENT = a.Citation(DOCUMENT, "第四条", "对首次获得发明专利授权的企业奖励5000元")
BROKER = a.Citation(
    DOCUMENT, "第五条", "对促成技术合同交易的技术经纪人给予2%的补贴，单个项目最高3万元"
)

FIRST_INVENTION = Rule(
    id="EX-FIRST-INVENTION",
    kind="incentive",
    title_en="Award for a firm's first granted invention patent (illustration)",
    title_zh="首件发明专利奖励(示例)",
    citation=PATENT,
    criteria=a.all_of(
        a.is_one_of("patent_kind", ("invention",), label="invention patent", wording="发明专利"),
        a.is_true("patent_granted", label="granted", wording="获得发明专利授权"),
        a.is_true("first_invention_patent", label="the firm's first", wording="首次"),
    ),
    amount=a.Fixed(a.param("ex.first_invention.award"), "award", "奖励5000元"),
    subjects=("enterprise",),
)

COUNTY_BROKER = Rule(
    id="XN20-CONTRACT-BROKER",
    kind="incentive",
    title_en="Technology broker subsidy, county version (illustration)",
    title_zh="技术经纪人补贴(示例县)",
    citation=BROKER,
    criteria=a.all_of(
        a.is_true("contract_registered", label="registered contract", wording="技术合同"),
        a.is_true("brokered", label="brokered", wording="促成技术合同交易"),
        a.is_true("applicant_is_broker", label="the applicant is the broker", wording="技术经纪人"),
    ),
    amount=a.lesser_of(
        a.RateOf(a.param("ex.broker.rate"), a.fact("contract_amount"), "2% of the contract"),
        a.cap(a.param("ex.broker.cap"), label="cap per project", wording="单个项目最高3万元"),
    ),
    subjects=("enterprise", "platform", "individual"),
)

LAYER = Layer(
    code="example-county",
    name_zh="示例县",
    name_en="Example County (illustration)",
    parent="xining",
    # 4. apply only to firms of the county: another district gets Xining's answers
    territory={"district": ("示例县",)},
    documents=(DOCUMENT,),
    overrides=(
        a.constant(
            "xn.contract.buyer_cap",
            a.wan(15),
            citation=CAP,
            unit="CNY",
            description="buyer subsidy cap inside the county",
        ),
    ),
    parameters=(
        a.constant(
            "ex.first_invention.award",
            5000,
            citation=PATENT,
            unit="CNY",
            description="award for a first invention patent",
        ),
        a.constant(
            "ex.broker.rate", "0.02", citation=BROKER, unit="ratio", description="broker rate"
        ),
        a.constant(
            "ex.broker.cap", a.wan(3), citation=BROKER, unit="CNY", description="broker cap"
        ),
    ),
    rules=(FIRST_INVENTION, COUNTY_BROKER),
    supersessions=(
        Supersession("XN20-CONTRACT-BROKER", date(2022, 1, 1), BROKER, "county version"),
    ),
    facts=(
        innovpolicy.FactSpec(
            "first_invention_patent", "boolean", "the firm's first granted invention patent"
        ),
    ),
    # Chinese of the labels and fact meanings, for render(lang="zh").
    labels_zh={
        "invention patent": "发明专利",
        "granted": "已获授权",
        "the firm's first": "企业首件发明专利",
        "award": "奖励",
        "registered contract": "已登记的技术合同",
        "brokered": "促成交易",
        "the applicant is the broker": "申请人为技术经纪人",
        "2% of the contract": "合同金额的2%",
        "cap per project": "单个项目上限",
    },
    meanings_zh={"first_invention_patent": "企业首件获得授权的发明专利"},
    level="county",
)


@innovpolicy.hookimpl
def innovpolicy_layer() -> Layer:
    return LAYER
