"""青海省科学技术厅 2017-09-04 report: earlier values of later-changed parameters.

《关于贯彻落实〈青海省贯彻《国家创新驱动发展战略纲要》实施方案〉任务分工情况的总结报告》,
a report of the department to the provincial government dated 2017-09-04. It
records values that later changed or that no other source gives:

- QH20-RD-SUBSIDY at 15% (the 2020 measures, 青办字〔2020〕76号, later set 10%);
- QH-RD-SUPER-DEDUCTION: the super-deduction ratio raised from 50% to 75%;
- QH-INDIRECT-COST: indirect costs up to 30% (formerly 13%) of direct costs less
  equipment purchases;
- QH-EQUITY-INCENTIVE: equity incentives up to 20% (formerly 15%) of the net-asset
  increase, extended to all state-owned enterprises;
- QH-IPO-REWARD: up to 2,000,000 for a tech firm's initial listing;
- QH-REWARD-SHARE: at least 70% (national law: 50%) of the net income to the main
  contributors (the 2022 plan, seed 000, restates it citing 青办发〔2021〕27号).

Dates: the report attests the raised values as in force on its date and says
nothing of when they started, so each rule here applies from 2017-09-04 (the
earliest attested date); asked about an earlier date, the engine answers "not in
force" rather than guess the earlier value (the earlier values are recorded in
the rules' readings). The 15% subsidy's last day is 2020-08-18, the day before
the 2020 measures take effect (2020-08-19; see ``measures_2020``); the other rules
stay open, no source changing them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from innovpolicy import DatedValue, Document, FactSpec, Rule
from innovpolicy import authoring as a

DOCUMENT = Document(
    key="qkjt-2017-report",
    number="青海省科学技术厅报告(2017年9月4日)",
    title_zh="关于贯彻落实《青海省贯彻〈国家创新驱动发展战略纲要〉实施方案》任务分工情况的总结报告",
    title_en="Report on the implementation of Qinghai's plan for the national innovation-driven "
    "development strategy",
    issuer_zh="青海省科学技术厅",
    issued=date(2017, 9, 4),
    effective_from=date(2017, 9, 4),
    dates_note="Rules apply from the report date (earliest attested); the 15% subsidy closes "
    "on 2020-08-18, the day before the 2020 measures take effect (2020-08-19).",
)

W_SUBSIDY = (
    "科技型企业、高新技术企业和科技小巨人企业及其培育对象研发费用加计扣除比例由50%提高至75%。"
    "同时，按照当年研发费用税前加计扣除免税额给予15%补贴，最高补贴200万元。"
)
SUBSIDY = a.Citation(DOCUMENT, "一、(五)", W_SUBSIDY)

RD_SUBSIDY_END = date(2020, 8, 18)
RD_SUBSIDY_RATE = DatedValue("0.15", DOCUMENT.effective_from, SUBSIDY, RD_SUBSIDY_END)
RD_SUBSIDY_CAP = DatedValue(a.wan(200), DOCUMENT.effective_from, SUBSIDY, RD_SUBSIDY_END)

FACTS = (
    FactSpec(
        "is_little_giant", "boolean", "holds the provincial S&T little giant (科技小巨人) title"
    ),
    FactSpec(
        "is_cultivation_target",
        "boolean",
        "is a cultivation target (培育对象) of the tech-based, high-tech or little-giant programmes",
    ),
)

RD_SUBSIDY_AMOUNT = a.lesser_of(
    a.RateOf(
        a.param("qh.rd_subsidy.rate"),
        a.fact("rd_super_deduction_exemption"),
        "rate × this year's super-deduction tax exemption",
        "按照当年研发费用税前加计扣除免税额给予15%补贴",
    ),
    a.cap(a.param("qh.rd_subsidy.cap"), label="cap", wording="最高补贴200万元"),
)

RD_SUBSIDY_2017 = Rule(
    id="QH20-RD-SUBSIDY",
    kind="incentive",
    title_en="R&D super-deduction subsidy (2017 value: 15%)",
    title_zh="研发费用加计扣除免税额奖补",
    citation=SUBSIDY,
    criteria=a.any_of(
        a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
        a.is_true("is_high_tech_enterprise", label="high-tech enterprise", wording="高新技术企业"),
        a.is_true("is_little_giant", label="S&T little giant", wording="科技小巨人企业"),
        a.is_true("is_cultivation_target", label="cultivation target", wording="及其培育对象"),
        label="eligible kinds of enterprise",
    ),
    amount=RD_SUBSIDY_AMOUNT,
    valid_to=RD_SUBSIDY_END,
    readings=(
        "Window 2017-09-04..2020-08-18: the report date to the day before the 2020 measures.",
    ),
)

W_SUPER = "科技型企业、高新技术企业和科技小巨人企业及其培育对象研发费用加计扣除比例由50%提高至75%"
W_INDIRECT = "间接费用由不超过直接费用扣除设备购置费的最高不超过13%提高到30%"
W_EQUITY = (
    "将国家享受科技成果转化激励政策的覆盖面由国有科技型企业扩大至我省所有国有企业，"
    "将“企业用于股权奖励的激励额不超过近３年该科技成果转化税后利润累计形成的净资产增值额的15%”提高至“20%”"
)
W_IPO = "在境内外首发上市的我省科技型企业，按其扣除发行费后的融资额给予最高200万元奖励"
W_REWARD = "对高校、科研院所主要贡献人员的奖励比例由国家的“不低于50%”提高至“不低于70%”"

SUPER = a.Citation(DOCUMENT, "一、(五)", W_SUPER)
INDIRECT = a.Citation(DOCUMENT, "一、(三)", W_INDIRECT)
EQUITY = a.Citation(DOCUMENT, "一、(五)", W_EQUITY)
IPO = a.Citation(DOCUMENT, "二、(七)", W_IPO)
REWARD = a.Citation(DOCUMENT, "一、(五)", W_REWARD)

_Z = Decimal(0)
FACTS = (
    *FACTS,
    FactSpec(
        "qualifying_rd_expense",
        "decimal",
        "R&D expense of the year qualifying for the super-deduction",
        "CNY",
        _Z,
    ),
    FactSpec(
        "project_direct_costs", "decimal", "direct costs of a provincial plan project", "CNY", _Z
    ),
    FactSpec(
        "project_equipment_purchase",
        "decimal",
        "equipment purchases among the direct costs",
        "CNY",
        _Z,
    ),
    FactSpec("project_indirect_costs", "decimal", "indirect costs of the project", "CNY", _Z),
    FactSpec("state_owned_enterprise", "boolean", "a state-owned enterprise of Qinghai"),
    FactSpec("equity_incentive", "decimal", "value of the equity granted as incentive", "CNY", _Z),
    FactSpec(
        "net_asset_increase_3y",
        "decimal",
        "net-asset increase formed by the achievement's after-tax profits of the last 3 years",
        "CNY",
        _Z,
    ),
    FactSpec(
        "ipo_listed", "boolean", "made an initial public listing at home or abroad (首发上市)"
    ),
    FactSpec("university_or_institute", "boolean", "a university or research institute"),
    FactSpec(
        "transformation_net_income",
        "decimal",
        "net income (or equity income) from transforming an achievement",
        "CNY",
        _Z,
    ),
    FactSpec(
        "reward_to_researchers", "decimal", "part of it paid as rewards to researchers", "CNY", _Z
    ),
    FactSpec(
        "reward_to_main_contributors",
        "decimal",
        "part of the reward paid to the main contributors",
        "CNY",
        _Z,
    ),
)

PARAMETERS = (
    a.constant(
        "qh.super_deduction.ratio",
        "0.75",
        citation=SUPER,
        unit="ratio",
        description="super-deduction ratio of qualifying R&D expense",
        note="earlier value 0.50 (由50%提高至75%); its dates are not in the sources",
    ),
    a.constant(
        "qh.indirect_cost.max_share",
        "0.30",
        citation=INDIRECT,
        unit="ratio",
        description="indirect costs as a share of direct costs less equipment purchases",
        note="earlier value 0.13",
    ),
    a.constant(
        "qh.equity_incentive.max_share",
        "0.20",
        citation=EQUITY,
        unit="ratio",
        description="equity incentive as a share of the 3-year net-asset increase",
        note="earlier value 0.15",
    ),
    a.constant(
        "qh.ipo_reward.max",
        a.wan(200),
        citation=IPO,
        unit="CNY",
        description="ceiling of the IPO reward",
    ),
    a.constant(
        "qh.reward_share.min",
        "0.70",
        citation=REWARD,
        unit="ratio",
        description="minimum share of net income rewarded to main contributors",
        note="national law: 0.50",
    ),
)

_eligible_kinds = a.any_of(
    a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
    a.is_true("is_high_tech_enterprise", label="high-tech enterprise", wording="高新技术企业"),
    a.is_true("is_little_giant", label="S&T little giant", wording="科技小巨人企业"),
    a.is_true("is_cultivation_target", label="cultivation target", wording="及其培育对象"),
    label="eligible kinds of enterprise",
)

SUPER_DEDUCTION = Rule(
    id="QH-RD-SUPER-DEDUCTION",
    kind="computation",
    title_en="R&D super-deduction (75%)",
    title_zh="研发费用加计扣除",
    citation=SUPER,
    criteria=_eligible_kinds,
    amount=a.RateOf(
        a.param("qh.super_deduction.ratio"),
        a.fact("qualifying_rd_expense"),
        "additional deduction from taxable income",
        "加计扣除比例…提高至75%",
    ),
    readings=(
        "Earlier ratio 50% (由50%提高至75%); the sources give no dates for it, so dates before "
        "2017-09-04 answer 'not in force'.",
    ),
)

INDIRECT_COST = Rule(
    id="QH-INDIRECT-COST",
    kind="condition",
    title_en="Cap on indirect costs of provincial plan projects (30%)",
    title_zh="科研项目间接费用比例",
    citation=INDIRECT,
    criteria=a.at_most(
        a.fact("project_indirect_costs"),
        a.times(
            a.param("qh.indirect_cost.max_share"),
            a.minus(a.fact("project_direct_costs"), a.fact("project_equipment_purchase")),
        ),
        label="indirect costs (CNY), at most 30% × (direct costs − equipment purchases)",
        wording="最高不超过13%提高到30%",
        article="一、(三)",
    ),
    readings=("Earlier cap 13%; dates before 2017-09-04 answer 'not in force'.",),
)

EQUITY_INCENTIVE = Rule(
    id="QH-EQUITY-INCENTIVE",
    kind="condition",
    title_en="Cap on equity incentives of state-owned enterprises (20%)",
    title_zh="国有企业股权奖励激励额",
    citation=EQUITY,
    criteria=a.all_of(
        a.is_true(
            "state_owned_enterprise",
            label="state-owned enterprise",
            wording="扩大至我省所有国有企业",
        ),
        a.at_most(
            a.fact("equity_incentive"),
            a.times(a.param("qh.equity_incentive.max_share"), a.fact("net_asset_increase_3y")),
            label="equity incentive (CNY), at most 20% × the 3-year net-asset increase",
            wording="激励额不超过近３年该科技成果转化税后利润累计形成的净资产增值额的…20%",
        ),
    ),
    readings=("Earlier cap 15%, for state-owned tech-based enterprises only.",),
)

IPO_REWARD = Rule(
    id="QH-IPO-REWARD",
    kind="incentive",
    title_en="Reward for a tech firm's initial listing",
    title_zh="科技型企业首发上市奖励",
    citation=IPO,
    criteria=a.all_of(
        a.is_true("registered_in_qinghai", label="a Qinghai firm", wording="我省"),
        a.is_true("is_tech_based_enterprise", label="tech-based enterprise", wording="科技型企业"),
        a.is_true(
            "ipo_listed", label="initial listing at home or abroad", wording="在境内外首发上市"
        ),
    ),
    amount=a.Discretionary(
        0,
        a.param("qh.ipo_reward.max"),
        "reward based on net proceeds, up to the ceiling",
        "按其扣除发行费后的融资额给予最高200万元奖励",
    ),
    readings=(
        "The rate applied to the net proceeds is not in the source: the answer is the range up to 2,000,000.",
        "'我省科技型企业' is read as a holder of the 科技型企业 title (is_tech_based_enterprise): the "
        "same report counts 科技型企业 as designated firms (认定…科技型企业50家). A technology firm "
        "without the title is not selectable: the sources give no other test of one.",
    ),
)

REWARD_SHARE = Rule(
    id="QH-REWARD-SHARE",
    kind="condition",
    title_en="Share of transformation income rewarded to main contributors (70%)",
    title_zh="科技成果转化主要贡献人员奖励比例",
    citation=REWARD,
    criteria=a.all_of(
        a.is_true(
            "university_or_institute",
            label="university or research institute",
            wording="高校、科研院所",
        ),
        a.at_least(
            a.ratio(a.fact("reward_to_main_contributors"), a.fact("transformation_net_income")),
            a.param("qh.reward_share.min"),
            label="reward to main contributors / net income",
            wording="提高至“不低于70%”",
        ),
    ),
    readings=(
        "National law requires 50%; Qinghai 70%. The 2022 plan (seed 000) restates 70% citing 青办发〔2021〕27号.",
    ),
)

RULES = (
    RD_SUBSIDY_2017,
    SUPER_DEDUCTION,
    INDIRECT_COST,
    EQUITY_INCENTIVE,
    IPO_REWARD,
    REWARD_SHARE,
)
