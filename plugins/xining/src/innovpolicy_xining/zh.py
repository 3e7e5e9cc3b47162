"""Chinese of this layer's criterion labels, amount steps and readings (keyed by the
English text) and of its fact meanings (keyed by fact name)."""

from __future__ import annotations

LABELS: dict[str, str] = {
    # Criterion labels and amount steps
    "national platform co-built with a Xining-area enterprise": "与西宁地区企业共建的国家(省部)级研发平台",
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
    "the applicant is the buyer": "申请人为买方",
    "buyer of a registered contract": "已登记合同的买方",
    "the applicant is the intermediary or broker": "申请人为促成交易的科技服务中介机构或技术经纪人",
    "buyer in a successful major deal": "交易成功并取得显著成效的重大项目的买方",
    "Paid to the buyer only (对买方): the applicant whose deal_party is transferee, i.e. the transferee of a transfer contract or the commissioning party of a development contract; the seller (transferor) gets nothing under this rule.": "只补贴买方（对买方）：即deal_party为受让方（transferee）的申请人——技术转让合同的受让方或技术开发合同的委托方；卖方（转让方）不适用本规则。",
    "Paid to the buyer only (对买方): the applicant whose deal_party is transferee, i.e. the transferee of a transfer contract or the commissioning party of a development contract; the seller (transferor) gets nothing under this rule (给予买方).": "只支持买方（给予买方）：即deal_party为受让方（transferee）的申请人——技术转让合同的受让方或技术开发合同的委托方；卖方（转让方）不适用本规则。",
    "Paid to the intermediary or broker that brokered the deal only (applicant_is_broker); the buyer and the seller of a brokered deal get nothing under this rule.": "只补贴促成交易的科技服务中介机构或技术经纪人（applicant_is_broker）；经中介促成交易的买方和卖方不适用本规则。",
    "deal brokered by an intermediary or technology broker": "由科技服务中介机构或技术经纪人促成交易",
    "1% of the contract amount": "合同金额的1%",
    "cap per project": "单个项目上限",
    "case by case (一事一议)": "一事一议",
    "full years in operation": "运行满年数",
    "rated excellent": "考核评定为优秀",
    "joint-stock S&T firm of an enterprise with a university or institute": "企业与高校、科研院所联合成立的股份制科技型企业",
    "award for the milestone reached": "按成长阶段给予的奖励",
    "fund set up this year": "本年度已设立专项资金",
    "reward to researchers / net income": "奖励科研人员金额占净收入比例",
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
    # XN20-MAJOR-DEAL
    "successful major deal with marked effect": "交易成功并取得显著成效的重大项目",
    "No contract type or registration is stated for major deals, so none is required.": "原文未对重大项目规定合同类型或登记要求，因此不作要求。",
    # XN20-REWARD-SHARE
    "main contributors / 总额 (net income; or the researchers' reward if xn.reward_share.main_basis = 2)": "主要贡献人员奖励份额占总额比例（总额为净收入；如xn.reward_share.main_basis = 2，则为奖励科研人员的金额）",
    "'其中对作出主要贡献人员奖励份额不低于总额的70%': 总额 is the net income (or equity income), as in the first half of the sentence and in the province's 70% rule; override xn.reward_share.main_basis to 2 to read it as 70% of the reward paid to researchers.": "“其中对作出主要贡献人员奖励份额不低于总额的70%”：“总额”指成果转化净收入（或股权收益），与该句前半部分及省里70%的规定一致；如理解为奖励科研人员金额的70%，可将xn.reward_share.main_basis覆盖为2。",
    # XN20-HORIZONTAL
    "fiscal planning, research or service project managed as horizontal": "按横向项目管理的财政性规划类、专题调研类、科技服务类与管理类项目",
    "Covers only the fiscal projects managed as horizontal projects that paragraph 14 names; it does not supersede QH20-HORIZONTAL, which still applies to every horizontal project in Xining.": "仅适用于第14条所列按横向项目管理的财政性项目；不取代QH20-HORIZONTAL，后者仍适用于西宁的所有横向项目。",
    # XN20-MATCHING
    "new city incentive money, or local matching of a provincial policy": "本措施新增的引导奖励资金，或省级政策的地方配套资金",
    "amount co-funded": "配套金额",
    "'按不低于1:1比例': split exactly 1 : 1, the least the text requires (the weights xn.matching.city_weight / xn.matching.district_weight may be overridden by a district layer). The same split applies to every new city incentive of paragraphs 4–8 and to the prefecture's share of provincial incentives inside Xining.": "“按不低于1:1比例”：按原文要求的最低比例，恰好1:1分担（权重xn.matching.city_weight、xn.matching.district_weight可由县区层级覆盖）。同样的分担适用于第4–8条所有新增的市级奖励，以及省级奖励中在西宁境内由市州承担的部分。",
}

MEANINGS: dict[str, str] = {
    "co_built_national_platform": "高校、科研院所、企事业单位与西宁地区企业共建的国家(省部)重点实验室、技术创新中心等研发平台",
    "new_expert_workstation": "经省上新批准建立并投入使用的院士或专家工作站",
    "new_pilot_platform": "新建的中试熟化平台",
    "pilot_first_support_year": "中试熟化平台首个支持年度（自然年）",
    "newly_recognised_national_incubator": "新认定的国家级科技孵化器或星创天地",
    "major_deal_marked_effect": "重大项目交易成功并取得显著成效",
    "applicant_is_broker": "申请人为促成该交易的科技服务中介机构或技术经纪人（既非买方也非卖方）",
    "alliance_founded": "产学研技术创新联盟（协会）成立日期",
    "alliance_rated_excellent": "联盟工作成效显著、考核评定为优秀",
    "city_fund_allocated": "本年度已设立市级产学研合作和成果转化专项资金",
    "older_provision_date": "本市同一事项其他规定的发布日期",
    "older_provision_inconsistent": "该规定与本措施不一致",
    "horizontal_project_origin": "横向项目的来源：市场委托，或通过招投标、购买服务获取并按横向项目管理的财政性规划类、专题调研类、科技服务类与管理类项目",
    "matching_source": "配套资金的性质：本措施新增的市级引导奖励资金，或省级政策的地方配套资金",
    "matched_amount": "需配套的金额",
}
