"""Chinese of this layer's criterion labels, amount steps and readings (keyed by the
English text) and of its fact meanings (keyed by fact name)."""

from __future__ import annotations

LABELS: dict[str, str] = {
    # Criterion labels and amount steps
    "co-built national platform in Xining": "在西宁地区共建国家(省部)级研发平台",
    "up to the ceiling": "不超过单项奖上限",
    "workstation newly approved by the province and in use": "经省上新批准建立并投入使用的工作站",
    "newly built pilot platform": "新建中试熟化平台",
    "support year": "支持年度",
    "within the two consecutive years": "在连续两年支持期内",
    "10% of prior-year R&D, cumulative cap": "上年度研发投入的10%，累计不超过上限",
    "newly recognised national incubator": "新认定的国家级科技孵化器或星创天地",
    "one-off award": "一次性奖励",
    "registered development or transfer contract": "经登记的技术开发或技术转让合同",
    "technology development or transfer contract": "技术开发或技术转让合同",
    "contract recognised by the registry": "合同经登记机构认定",
    "3% of the contract amount": "合同金额的3%",
    "cap": "上限",
    "brokered registered contract": "经中介促成的已登记合同",
    "deal brokered by an intermediary or technology broker": "由科技服务中介机构或技术经纪人促成交易",
    "1% of the contract amount": "合同金额的1%",
    "cap per project": "单个项目上限",
    "successful major deal": "交易成功的重大项目",
    "major deal with marked effect": "交易成功并取得显著成效的重大项目",
    "case by case (一事一议)": "一事一议",
    "full years in operation": "运行满年数",
    "rated excellent": "考核评定为优秀",
    "joint-stock S&T firm of an enterprise with a university or institute": "企业与高校、科研院所联合成立的股份制科技型企业",
    "award for the milestone reached": "按成长阶段给予的奖励",
    "fund set up this year": "本年度已设立专项资金",
    "reward to researchers / net income": "奖励科研人员金额占净收入比例",
    "main contributors / reward to researchers": "主要贡献人员所得占奖励总额比例",
    "reward share of the horizontal balance": "横向项目结余经费用于奖励的比例",
    "this measure prevails (以本措施为准)": "以本措施为准",
    "the other provision is older": "另一规定先于本措施发布",
    "it is inconsistent": "与本措施不一致",
    # Readings
    "Only the ceiling is in the source; the amount follows another city measure.": "原文只规定了上限，具体金额依照市里其他措施确定。",
    "Support year = calendar year of the evaluation date; the second year gets at most what the first left under the 4,000,000 cap.": "支持年度为评估日所在的自然年；第二年最多只能获得第一年支付后400万元累计上限的剩余部分。",
    "City and district co-fund 1 : 1 (paragraph 17, the least the text requires).": "市与区（园区）按1:1配套（第17条，取原文要求的最低比例）。",
    "Covers the same two contract types as the buyer subsidy (technology development, transfer).": "与买方补贴适用同样两类合同（技术开发、技术转让）。",
    "City and district co-fund 1 : 1 (paragraph 17).": "市与区（园区）按1:1配套（第17条）。",
    "'50100万元' read as 50–100万元 (500,000 – 1,000,000).": "将“50100万元”理解为50–100万元（500,000–1,000,000元）。",
    "One award per milestone reached; each milestone is a separate evaluation.": "每达到一个成长阶段奖励一次；每个阶段单独评估。",
    "'其中…不低于总额的70%' read as 70% of the reward to researchers.": "将“其中…不低于总额的70%”理解为占奖励科研人员总额的70%。",
}

MEANINGS: dict[str, str] = {
    "co_built_national_platform": "与西宁地区高校、科研院所共建的国家(省部)重点实验室或技术创新中心",
    "new_expert_workstation": "经省上新批准建立并投入使用的院士或专家工作站",
    "new_pilot_platform": "新建的中试熟化平台",
    "pilot_first_support_year": "中试熟化平台首个支持年度（自然年）",
    "newly_recognised_national_incubator": "新认定的国家级科技孵化器或星创天地",
    "major_deal_marked_effect": "重大项目交易成功并取得显著成效",
    "alliance_founded": "产学研技术创新联盟（协会）成立日期",
    "alliance_rated_excellent": "联盟工作成效显著、考核评定为优秀",
    "city_fund_allocated": "本年度已设立市级产学研合作和成果转化专项资金",
    "older_provision_date": "本市同一事项其他规定的发布日期",
    "older_provision_inconsistent": "该规定与本措施不一致",
}
