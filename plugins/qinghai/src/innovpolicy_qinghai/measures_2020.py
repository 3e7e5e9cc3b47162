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

Reading of QH20-HORIZONTAL: "横向项目结余经费70%以上可用于奖励项目组成员" guarantees
that at least 70% of a horizontal project's balance may go to the team; a higher
share depends on the unit's own rules (高校、科研机构自主制订横向项目经费管理办法),
which the text does not give. The rule answers "is this share certainly
permitted?": ≤ 70% is; above that it is not, on this text alone.
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
        "0.70",
        citation=HORIZONTAL,
        unit="ratio",
        description="share of a horizontal balance certainly usable for team rewards",
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
        "qh.platform.cap",
        a.wan(100),
        citation=PLATFORM,
        unit="CNY",
        description="yearly cap per platform",
    ),
)

PROVINCE_PAYS = a.paid_by("province", wording="省财政", article="一、(一)")

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
        label="reward share of the horizontal balance",
        wording=W_HORIZONTAL,
        article="五、(十三)",
        reading="70%以上可用于 is a permission: at least 70% may be used, so a share up to 70% is certainly permitted",
    ),
    readings=("'70%以上可用于' guarantees 70%; a higher share depends on the unit's own rules.",),
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
    amount=report_2017.RD_SUBSIDY_AMOUNT,
    readings=(
        "In force from 2020-08-19 (earliest proven publication); before that the 2017 "
        "version at 15% applies.",
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
    ),
)

PLATFORM_SUBSIDY = Rule(
    id="QH20-PLATFORM",
    kind="incentive",
    title_en="Subsidy for achievement-transformation platforms",
    title_zh="科技成果转化服务平台补助",
    citation=PLATFORM,
    criteria=a.at_least(
        "achievements_transformed",
        a.param("qh.platform.min_achievements"),
        label="achievements transformed in Qinghai",
        wording="促成不低于3项科技成果在省内转化",
        article="二、(五)",
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
)

RULES = (
    HTE_NEW,
    LITTLE_GIANT,
    RD_SUBSIDY_2020,
    TECH_INTRO_SUBSIDY,
    PLATFORM_SUBSIDY,
    HORIZONTAL_BALANCE,
)
