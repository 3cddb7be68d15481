#!/usr/bin/env python3
"""Builds the matcher's evaluation set (issue 12) from the hand-written tables below.

    python3 scripts/gen_eval.py          # writes core/eval/programme.json and core/eval/expectations.json
    python3 scripts/gen_eval.py --seed 7 --out /tmp/heldout   # a perturbed variant, for a held-out check

With --seed N (N > 0) the same tables are written typed another way, chosen at random from the seed:
some needs in traditional characters, some with one character slipped to a homophone (a character of
the same toneless pinyin from core/data/pinyin.txt), some filed under another category in a hurry,
place names with or without their suffix and in traditional characters, and every list shuffled. It
is the set the matcher is checked on without being tuned on it (what a change to the matcher learns
from the misses of the main set must also hold on it); its kinds are counted the same way.

No dependency beyond Python 3.8's standard library; the output is the same on every run (ids are
derived from each record's key, timestamps are fixed), so a change to a table shows as a small diff.

What it writes:
- core/eval/programme.json: a file of /work/shared/FORMAT.md (format "qianshou-survey", version 1),
  so it can be imported into the app or fed to the native matcher as it is;
- core/eval/expectations.json: for every need, the capability ids a knowledgeable coordinator would
  pick (any of them counts as a hit) and the kinds of difficulty its text shows.

How the tables are written:
- An area is a county (or district) with its villages and the organisations around it; an
  organisation is county-wide unless marked "city" (county left empty) or "prov" (city left empty).
- A need is (text, kinds, expected capability keys, filed category). Its category is the one the
  surveyor picked: `filed` when given, else the first expected capability's category. A need whose
  category is none of its expected capabilities' categories (picked in a hurry) is of kind
  `wrong_category`.
- Kinds, as written in the tables: col = colloquial (indirect, says the situation not the service),
  syn = synonym (another word for what the capability says), typo = pinyin homophone slip, trad =
  traditional characters, plain = the capability's own words. wrong_category is added by the script.
- MORE adds to each area organisations of one capability each: same place and category as an
  expected capability, another specialty (the distractors a matcher must beat).
- Villages' and organisations' region fields are typed as people type them: 句容 / 句容市, 镇江 /
  镇江市, 武漢市 / 武汉市 (each village may override its area's spelling).
"""

import argparse
import hashlib
import json
import pathlib
import random
import re
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "core" / "eval"
STAMP = "2026-11-20T09:00:00+08:00"
SURVEYED = "2026-11-18"

CATEGORIES = [
    "sales", "agritech", "investment", "tourism", "finance", "digital", "infrastructure",
    "environment", "training", "employment", "education", "charity", "health", "legal",
    "governance", "other",
]
KINDS = {"col": "colloquial", "syn": "synonym", "typo": "typo", "trad": "traditional", "plain": "plain"}


def uid(key):
    """A UUID (version 4 in form) derived from the record's key: the same on every run."""
    return str(uuid.UUID(bytes=hashlib.sha1(("qianshou-eval/" + key).encode()).digest()[:16], version=4))


def O(key, name, kind, capacity, caps, level="county", members=None, region=None):
    """An organisation: key, name, FORMAT.md kind, capacity, [(category, description)]."""
    return dict(key=key, name=name, kind=kind, capacity=capacity, caps=caps, level=level,
                members=members, region=region)


def V(name, township, income, industries, resources, needs, region=None):
    """A village: its needs are N(...)s; `region` overrides the area's spelling of some fields."""
    return dict(name=name, township=township, income=income, industries=industries,
                resources=resources, needs=needs, region=region)


def N(text, kinds, expected, filed=None, priority="medium"):
    """A need: text as typed, kinds (space-separated), expected capability keys (|-separated)."""
    return dict(text=text, kinds=kinds.split(), expected=expected.split("|"), filed=filed,
                priority=priority)


# ---------------------------------------------------------------------------------------------
# The areas. Organisation keys are short and unique; a capability's key is "org.N" (1-based).
# ---------------------------------------------------------------------------------------------

AREAS = []

# 江苏省镇江市句容市: tea, grapes, strawberries, organic rice, close to Nanjing.
AREAS.append(dict(
    key="jr", province="江苏省", city="镇江市", county="句容市",
    orgs=[
        O("jr-tea", "句容市茶叶流通协会", "industry_association", 3, [
            ("sales", "组织会员茶企收购茶农和村集体的茶叶，进茶博会和商超专柜销售"),
            ("agritech", "派制茶师傅指导茶园修剪、采摘和炒制工艺"),
        ]),
        O("jr-fruit", "句容市果品商会", "chamber_of_commerce", 3, [
            ("sales", "会员果品批发商包销葡萄、草莓、蓝莓，签订保底收购价"),
            ("agritech", "请果树专家指导葡萄、草莓栽培和品种更新"),
        ]),
        O("jr-ecom", "句容市电子商务协会", "industry_association", 2, [
            ("digital", "帮村里开网店，对接电商平台流量和快递物流"),
            ("training", "举办电商运营和直播带货技能培训班，每期30人"),
        ]),
        O("jr-agri", "句容市农学会", "social_organization", 4, [
            ("agritech", "组织农技专家下村指导水稻、蔬菜和水产养殖，推广稻虾共作"),
        ]),
        O("jr-vet", "句容市畜牧兽医学会", "social_organization", 2, [
            ("agritech", "兽医上门为养殖户做畜禽疫病诊疗和动物防疫"),
        ]),
        O("jr-bank", "江苏句容农村商业银行", "financial_institution", 5, [
            ("finance", "整村授信，为农户和家庭农场发放免抵押的信用贷款"),
        ]),
        O("jr-build", "句容市建筑业协会", "industry_association", 2, [
            ("infrastructure", "会员建筑企业让利承建村道硬化、桥涵和沟渠修缮"),
        ]),
        O("jr-travel", "句容市旅游协会", "industry_association", 2, [
            ("tourism", "帮村里策划乡村旅游线路和节庆活动，组织旅行社带团"),
        ]),
        O("jr-law", "句容市律师协会", "social_organization", 4, [
            ("legal", "律师定期到村坐班，提供法律咨询、合同审查和普法讲座"),
            ("governance", "参与修订村规民约，协助调解邻里和土地纠纷"),
        ]),
        O("jr-hosp", "句容市人民医院", "other", 3, [
            ("health", "组织医生下乡义诊，为村卫生室捐赠医疗设备、培训乡村医生"),
        ]),
        O("jr-edu", "句容市教育发展基金会", "social_organization", 3, [
            ("education", "资助困难家庭学生，组织大学生志愿者到村开展课后辅导"),
        ]),
        O("jr-char", "句容市慈善总会", "social_organization", 3, [
            ("charity", "为低保户、孤寡老人和残疾人送慰问金和生活物资"),
        ]),
        O("jr-hr", "句容市人力资源服务行业协会", "industry_association", 3, [
            ("employment", "会员企业提供保洁、包装、流水线等就业岗位，举办家门口招聘会"),
        ]),
        O("jr-env", "句容市环保产业商会", "chamber_of_commerce", 2, [
            ("environment", "承接农村生活污水治理和垃圾分类设施运维"),
        ]),
        O("jr-ic", "句容市工商业联合会", "chamber_of_commerce", 3, [
            ("investment", "引进企业投资乡村产业项目，盘活闲置厂房和土地合作建加工厂"),
        ]),
        O("jr-college", "江苏农林职业技术学院", "research_institution", 3, [
            ("training", "面向高素质农民开设茶叶、果树和电商培训班，提供实训基地"),
        ]),
        O("zj-shop", "镇江市商业联合会", "chamber_of_commerce", 4, [
            ("sales", "组织会员超市设立消费帮扶专柜，采购村里的农副产品"),
        ], level="city"),
        O("zj-ins", "中国人民财产保险股份有限公司镇江市分公司", "state_owned_enterprise", 5, [
            ("finance", "开办大棚设施和特色作物种植保险，灾后快速理赔"),
        ], level="city"),
    ],
    villages=[
        V("丁家边村", "茅山镇", 12, ["葡萄"], ["600亩葡萄园"], [
            N("葡萄一起上市，贩子把价格压得很低，想找个固定收货的", "col", "jr-fruit.1"),
            N("葡萄园霜霉病年年犯，想请人来看看", "col syn", "jr-fruit.2"),
            N("想搞个采摘节把城里人引过来", "syn", "jr-travel.1"),
            N("葡萄想做成葡萄酒，引个厂子来", "col", "jr-ic.1", filed="sales"),
        ], region=dict(county="句容")),
        V("长青村", "茅山镇", 4.2, ["茶叶"], ["1200亩茶园", "紧邻茅山景区"], [
            N("茶叶压在仓库里走不动，去年的还有两千多斤", "col", "jr-tea.1", priority="high"),
            N("炒茶师傅年纪大了，年轻人不会做手工茶", "col", "jr-tea.2|jr-college.1", filed="training"),
            N("想在景区边上开几家农家乐，没经验", "col syn", "jr-travel.1"),
        ]),
        V("戴家边村", "天王镇", 15, ["有机稻米"], ["2000亩水田"], [
            N("有机大米品质好但没牌子，想放到网上卖", "col syn", "jr-ecom.1|zj-shop.1", filed="sales"),
            N("稻田里想试着养小龙虾，不懂技术", "syn", "jr-agri.1"),
        ], region=dict(city="镇江", county="句容")),
        V("唐庄村", "天王镇", 3.5, ["生猪养殖", "苗木"], ["闲置厂房2处"], [
            N("猪场一到冬天就闹病，死了好几头，附近找不到看猪病的", "col syn", "jr-vet.1", priority="high"),
            N("闲置厂房想引个加工项目进来", "plain", "jr-ic.1"),
        ]),
        V("解塘村", "白兔镇", 9, ["草莓"], ["300个草莓大棚"], [
            N("想再扩几个草莓棚，手里没钱也没东西抵押", "col", "jr-bank.1"),
            N("去年大棚被雪压塌赔了十几万，怕再出事有没有兜底的办法", "col", "zj-ins.1", filed="charity"),
            N("草莓苗老化产量一年不如一年，想换新品种", "plain", "jr-fruit.2"),
            N("草莓大棚想带款扩建", "typo", "jr-bank.1"),
        ]),
        V("仓头村", "宝华镇", 25, ["蔬菜"], ["离南京城区20公里"], [
            N("村里五十岁上下的妇女想在家门口找点活干", "col", "jr-hr.1"),
            N("村口那段路坑坑洼洼，下雨天车都进不来", "col", "jr-build.1"),
            N("村里污水直接排到河里，夏天臭得很", "col", "jr-env.1"),
            N("老人多，村卫生室连个好用的血压计都没有", "col", "jr-hosp.1", filed="charity"),
            N("种的菜想进城里超市，没人牵线", "col", "zj-shop.1"),
        ]),
        V("伏热村", "后白镇", 2.8, ["水产养殖"], ["200亩鱼塘"], [
            N("有几户低保户和残疾人，过年想送点东西", "plain", "jr-char.1"),
            N("留守娃娃放学没人管，作业也没人辅导", "syn", "jr-edu.1", filed="charity"),
            N("土地丞包合同到期了有几户扯皮，想请律师看看", "typo", "jr-law.1"),
            N("村规民约十几年没改了", "plain", "jr-law.2"),
            N("鱼塘夏天老是缺氧死鱼，想找懂行的来指导", "col", "jr-agri.1"),
        ]),
        V("西冯村", "天王镇", 5, ["草莓", "葡萄"], [], [
            N("草莓熟了天天拉到路边摆摊", "col", "jr-fruit.1"),
            N("想学电商直播，不知道找谁", "plain", "jr-ecom.2"),
            N("葡萄想走高端，卖到南京的超市里去", "col", "zj-shop.1|jr-fruit.1"),
            N("包工头欠了村民工钱，想打官司", "col", "jr-law.1", filed="employment"),
            N("草莓想找人包消", "typo", "jr-fruit.1"),
        ], region=dict(city="镇江")),
        V("南镇村", "宝华镇", 1.5, [], ["村部旁空地3亩"], [
            N("村里几个孤寡老人冬天连电热毯都没有", "col", "jr-char.1"),
            N("村部旁边的空地想改成停车场接游客", "col", "jr-build.1", filed="tourism"),
            N("垃圾分类搞不起来，桶都摆着没人用", "plain", "jr-env.1"),
            N("想找人指导肥科怎么施", "typo", "jr-agri.1"),
        ]),
    ],
))


# 浙江省丽水市庆元县: mushrooms (香菇, the secretaries-general write 食用菌), bamboo, 甜桔柚, covered bridges.
AREAS.append(dict(
    key="qy", province="浙江省", city="丽水市", county="庆元县",
    orgs=[
        O("qy-fungi", "庆元县食用菌产业协会", "industry_association", 4, [
            ("sales", "会员企业按保护价收购村里的食用菌，统一品牌销往各地批发市场"),
            ("agritech", "派技术员指导食用菌栽培、菌棒制作和出菇管理"),
        ], members=230),
        O("qy-fruit", "庆元县甜桔柚产业联合会", "industry_association", 3, [
            ("sales", "统一收购、分级包装甜桔柚，对接上海、杭州水果批发商"),
        ]),
        O("qy-bamboo", "庆元县竹木产业商会", "chamber_of_commerce", 2, [
            ("investment", "会员竹木企业到村合作建竹制品初加工点"),
            ("employment", "竹筷、砧板加工厂招收村民计件上岗"),
        ]),
        O("qy-ecom", "庆元县网商协会", "industry_association", 3, [
            ("digital", "帮农户开网店、拍产品短视频，打通农村电商物流"),
        ]),
        O("qy-tel", "中国电信股份有限公司庆元分公司", "state_owned_enterprise", 3, [
            ("digital", "农村光纤宽带提速和5G基站覆盖，建数字乡村服务点"),
        ]),
        O("qy-forest", "丽水市林业科学研究院", "research_institution", 2, [
            ("agritech", "指导林下种植黄精、三叶青等中药材和毛竹林丰产管理"),
        ], level="city"),
        O("qy-bank", "浙江庆元农村商业银行", "financial_institution", 5, [
            ("finance", "为食用菌种植户发放林权抵押贷款和信用贷款"),
        ]),
        O("qy-travel", "庆元县廊桥文化旅游协会", "industry_association", 2, [
            ("tourism", "推介廊桥古村旅游，组织旅行社带团和游客接待"),
            ("training", "民宿管家和农家乐厨师培训"),
        ]),
        O("qy-build", "庆元县建筑业协会", "industry_association", 2, [
            ("infrastructure", "承建农村公路、机耕路和山塘水渠维修"),
        ]),
        O("qy-env", "丽水市环境保护产业协会", "industry_association", 2, [
            ("environment", "农村垃圾分类和污水终端改造，山区溪流清淤保洁"),
        ], level="city"),
        O("qy-hosp", "庆元县中医院", "other", 3, [
            ("health", "医生巡回义诊，开展慢性病随访和中医理疗进村"),
        ]),
        O("qy-edu", "庆元县关心下一代工作委员会", "social_organization", 3, [
            ("education", "组织退休教师为山区留守儿童开办暑期课堂和课业辅导"),
        ]),
        O("qy-vol", "庆元县青年志愿者协会", "social_organization", 3, [
            ("charity", "结对关爱独居老人，上门帮做家务、代购生活用品"),
        ]),
        O("qy-law", "浙江松源律师事务所", "private_enterprise", 2, [
            ("legal", "为村民提供法律援助，代理山林权属和承包合同纠纷"),
        ]),
        O("qy-xian", "庆元县乡贤联谊会", "social_organization", 3, [
            ("governance", "乡贤参与村务议事和矛盾调解，助力村级治理"),
            ("investment", "发动在外乡贤回乡投资兴业"),
        ]),
        O("qy-art", "庆元县文学艺术界联合会", "social_organization", 2, [
            ("other", "送文艺演出下乡，为村晚和文艺队提供排练辅导、服装道具"),
        ]),
        O("ls-brand", "丽水市农业投资发展有限公司", "state_owned_enterprise", 4, [
            ("sales", "以“丽水山耕”区域公用品牌统一收购、包装和销售山区农产品"),
        ], level="city"),
    ],
    villages=[
        V("黄坛村", "黄田镇", 6, ["香菇"], ["300亩林地"], [
            N("香菇烂在棚里，菇价一跌就没人收", "col syn", "qy-fungi.1", priority="high"),
            N("菌棒今年杂菌多，烂了三成", "col", "qy-fungi.2"),
            N("干菇想搞电伤，年轻人都不在村里", "typo", "qy-ecom.1", filed="sales"),
            N("想请技术员教下食用君出菇管理", "typo", "qy-fungi.2"),
            N("菌菇价格上不去，想找人统一收", "syn", "qy-fungi.1"),
        ], region=dict(county="庆元")),
        V("竹坑村", "竹口镇", 3, ["毛竹", "甜桔柚"], ["2万亩竹林"], [
            N("毛竹砍下来卖原料不值钱，想就地加工", "col", "qy-bamboo.1"),
            N("甜菊柚今年价钱太低了", "typo col", "qy-fruit.1"),
            N("村里闲着的劳动力多，想就近上班", "col", "qy-bamboo.2"),
            N("桔柚丰收了愁销路", "syn", "qy-fruit.1"),
        ]),
        V("月山村", "举水乡", 10, ["乡村旅游"], ["廊桥2座", "古民居"], [
            N("村里两座廊桥想开发旅游，游客来了没地方住", "col", "qy-travel.1"),
            N("每年春节自己办春晚，舞台灯光音响都是借的", "col syn", "qy-art.1", filed="other"),
            N("开了几家民宿，服务跟不上，客人有意见", "col", "qy-travel.2", filed="tourism"),
        ]),
        V("岭头村", "隆宫乡", 2, ["中药材"], ["高山冷水田", "3000亩山林"], [
            N("山上林地空着，听说底下能套种药材", "col syn", "qy-forest.1"),
            N("村里网速太慢，视频都卡", "col syn", "qy-tel.1"),
            N("独居老人多，平时没人照看", "plain", "qy-vol.1"),
            N("村里出去的老板不少，想请他们回来投资", "syn", "qy-xian.2"),
        ], region=dict(city="丽水")),
        V("后广村", "荷地镇", 4, ["高山蔬菜"], [], [
            N("山塘漏水好几年了，灌溉靠天", "col", "qy-build.1"),
            N("进村的土路一下雨全是烂泥，想硬化", "syn", "qy-build.1"),
            N("垃圾随便堆在溪边", "col", "qy-env.1"),
            N("高山蔬菜想找销路", "syn", "ls-brand.1"),
            N("两户人家为山林边界吵了好几年", "col", "qy-law.1|qy-xian.1", filed="governance"),
        ]),
        V("新窑村", "松源街道", 30, ["香菇", "竹木"], [], [
            N("种菌菇的想贷点款买烘干机", "syn", "qy-bank.1"),
            N("留守孩子暑假没地方去，天天玩手机", "syn col", "qy-edu.1", filed="charity"),
            N("老人高血压糖尿病的多，想请医生定期来", "syn", "qy-hosp.1"),
            N("想申请林权低押贷款", "typo", "qy-bank.1"),
            N("香菇想打个牌子卖到城里", "col syn", "ls-brand.1|qy-fungi.1"),
        ], region=dict(county="庆元")),
        V("举水村", "举水乡", 1.8, ["香菇", "茶叶"], ["古廊桥"], [
            N("承包林地的合同是老早签的，现在说不清", "col", "qy-law.1"),
            N("村干部开会老是吵，事情定不下来", "col", "qy-xian.1"),
            N("香菇产量不如前几年，菇农想学新技术", "syn", "qy-fungi.2", filed="training"),
        ]),
    ],
))


# 福建省南平市武夷山市: rock tea, white lotus, tourism, red-tourism sites.
AREAS.append(dict(
    key="wy", province="福建省", city="南平市", county="武夷山市",
    orgs=[
        O("wy-tea", "武夷山市茶业同业公会", "industry_association", 4, [
            ("sales", "会员茶企收购毛茶，帮茶农对接茶商和茶博会展销"),
            ("agritech", "岩茶制作工艺传承指导和茶园生态管理"),
        ], members=410),
        O("wy-lotus", "武夷山市五夫白莲协会", "industry_association", 2, [
            ("sales", "收购通心白莲，统一加工包装销售"),
        ]),
        O("wy-ecom", "武夷山市电子商务协会", "industry_association", 3, [
            ("digital", "建设村级电商服务站，帮农户直播卖茶和土特产"),
        ]),
        O("wy-stay", "武夷山市民宿协会", "industry_association", 3, [
            ("tourism", "指导民宿改造和经营，把景区客流引到乡村"),
        ]),
        O("np-tour", "南平市文化旅游投资集团", "state_owned_enterprise", 2, [
            ("tourism", "投资开发红色旅游和古村落景区"),
            ("investment", "与村集体合资开发闲置资源项目"),
        ], level="city"),
        O("wy-bank", "福建武夷山农村商业银行", "financial_institution", 5, [
            ("finance", "茶农小额信用贷款、茶园经营权抵押贷款"),
        ]),
        O("np-ins", "中国人寿财产保险南平中心支公司", "financial_institution", 3, [
            ("finance", "茶叶低温气象指数保险，霜冻按气温理赔"),
        ], level="city"),
        O("wy-build", "武夷山市建筑业协会", "industry_association", 2, [
            ("infrastructure", "承建村道拓宽、桥梁加固和农田水利"),
        ]),
        O("wy-env", "武夷山市生态环境保护协会", "social_organization", 2, [
            ("environment", "九曲溪上游村庄污水垃圾治理、违规茶山生态修复"),
        ]),
        O("wy-uni", "武夷学院", "research_institution", 3, [
            ("training", "茶学专业老师为茶农开设制茶和茶艺培训班"),
            ("education", "大学生暑期支教和乡村少年宫志愿服务"),
        ]),
        O("wy-group", "武夷山旅游集团有限公司", "state_owned_enterprise", 3, [
            ("employment", "景区招聘保洁、竹筏工、讲解员，优先录用周边村民"),
        ]),
        O("wy-hosp", "武夷山市立医院", "other", 3, [
            ("health", "家庭医生签约服务和下乡巡诊"),
        ]),
        O("wy-red", "武夷山市红十字会", "social_organization", 3, [
            ("charity", "为困难家庭和重病患者提供救助金和应急物资"),
        ]),
        O("wy-law", "福建武夷律师事务所", "private_enterprise", 2, [
            ("legal", "为茶农和合作社提供商标注册、合同纠纷等法律服务"),
        ]),
        O("wy-new", "武夷山市新的社会阶层人士联合会", "social_organization", 2, [
            ("governance", "开展支部结对共建，协助村两委完善议事规则"),
        ]),
    ],
    villages=[
        V("桐木村", "星村镇", 20, ["红茶"], ["国家级自然保护区"], [
            N("红茶做出来找不到好买家，都是贩子上门压价", "col", "wy-tea.1"),
            N("想申请个商标，怕被别人仿冒", "plain", "wy-law.1"),
            N("红茶想做电伤直播", "typo", "wy-ecom.1"),
            N("茶山上想装个监控看虫情", "syn", "wy-tel.1"),
        ]),
        V("黄柏村", "星村镇", 5, ["岩茶", "竹筏"], [], [
            N("茶季一过村里就没活干，年轻人都外出", "col", "wy-group.1"),
            N("今年倒春寒茶芽冻坏了一大片，损失没人赔", "col", "np-ins.1", filed="agritech"),
            N("想直播卖茶，手机拍得不好看", "plain", "wy-ecom.1"),
        ], region=dict(county="武夷山")),
        V("南源岭村", "兴田镇", 3, ["茶叶", "养蜂"], ["闲置老茶厂"], [
            N("老茶厂空了好几年，想找人合伙盘活", "col", "np-tour.2"),
            N("老茶园产量低，想学学生态茶园怎么管", "plain", "wy-tea.2"),
            N("茶青采回来做不好，焙火不会", "col", "wy-tea.2|wy-uni.1"),
            N("蜂蜜和茶叶都是零散卖，想统一卖到网上", "col syn", "wy-ecom.1", filed="sales"),
        ]),
        V("五夫村", "五夫镇", 8, ["白莲"], ["朱子故里"], [
            N("白莲收获了价格一年比一年低", "col", "wy-lotus.1"),
            N("白莲想往上卖，没人会弄", "typo", "wy-ecom.1"),
            N("名气大但游客来了转一圈就走，留不住", "col", "wy-stay.1|np-tour.1"),
            N("村道太窄，旅游大巴进不来", "plain", "wy-build.1", filed="tourism"),
        ]),
        V("大安村", "洋庄乡", 2.5, ["毛竹"], ["红军标语旧址"], [
            N("村里有红军标语旧址，想开发红色旅游", "plain", "np-tour.1"),
            N("贫困户家里有人得了大病，看不起", "col", "wy-red.1", filed="health"),
            N("村医年纪大了，老人慢性病没人管", "col", "wy-hosp.1"),
        ], region=dict(city="南平", county="武夷山")),
        V("吴屯村", "吴屯乡", 6, ["烟叶", "茶叶"], [], [
            N("村里的生活垃圾没人收，沟里都是塑料袋", "col", "wy-env.1"),
            N("两委班子年轻人少，开会议事老是扯皮", "col", "wy-new.1"),
            N("茶农想贷款扩茶园", "plain", "wy-bank.1"),
            N("想代款买台揉捻机", "typo", "wy-bank.1"),
            N("娃娃暑假没人管", "syn col", "wy-uni.2", filed="charity"),
            N("几个姑娘想学茶艺，将来到景区上班", "plain", "wy-uni.1", filed="employment"),
        ]),
        V("曹墩村", "星村镇", 14, ["岩茶"], ["九曲溪竹筏码头"], [
            N("茶山乱开垦，水土流失严重", "col", "wy-env.1"),
            N("茶厂的工人要懂机械制茶，想培训一批", "plain", "wy-uni.1"),
            N("茶叶卖给谁都是一锤子买卖，想找长期的茶商", "col", "wy-tea.1"),
        ]),
        V("莲花村", "五夫镇", 3.3, ["白莲", "茶叶"], [], [
            N("莲子想搞点深加工，做莲子羹礼盒", "syn", "wy-lotus.1"),
            N("村里老人看病报销不懂，签个家庭医生也好", "plain", "wy-hosp.1"),
            N("茶园想搞点贷款，利息高不高", "plain", "wy-bank.1"),
        ]),
    ],
))


# 湖南省湘西土家族苗族自治州保靖县: 黄金茶, 椪柑, goats and black pigs. Many records typed in
# traditional characters, place names too (保靖縣, 呂洞山鎮).
AREAS.append(dict(
    key="bj", province="湖南省", city="湘西土家族苗族自治州", county="保靖县",
    orgs=[
        O("bj-tea", "保靖县黄金茶产业协会", "industry_association", 4, [
            ("sales", "会员茶企订单收购黄金茶鲜叶和干茶"),
            ("agritech", "茶叶专家指导黄金茶育苗、扦插和茶园管理"),
        ], members=86),
        O("bj-citrus", "保靖县柑橘协会", "industry_association", 3, [
            ("sales", "组织客商收购椪柑、脐橙，提供冷库储藏"),
        ]),
        O("bj-vet", "保靖县畜牧兽医学会", "social_organization", 3, [
            ("agritech", "为养羊、养猪户提供防疫、驱虫和疾病诊治"),
        ]),
        O("bj-meat", "保靖县湘西黄牛黑猪产销协会", "industry_association", 2, [
            ("sales", "收购湘西黑猪、黄牛和山羊，对接长沙肉食企业"),
        ]),
        O("bj-ecom", "保靖县电子商务公共服务中心", "other", 3, [
            ("digital", "帮村里开通网店，直播销售土家腊肉、黄金茶等土特产"),
        ]),
        O("bj-bank", "湖南保靖农村商业银行", "financial_institution", 5, [
            ("finance", "产业扶贫小额信贷，5万元以下免抵押免担保"),
        ]),
        O("bj-road", "保靖县交通建设投资有限公司", "state_owned_enterprise", 2, [
            ("infrastructure", "实施自然村通水泥路和危桥改造"),
        ]),
        O("xx-env", "湘西州环境保护产业协会", "industry_association", 2, [
            ("environment", "农村改厕和生活垃圾收运体系建设"),
        ], level="city"),
        O("xx-travel", "湘西州旅游协会", "industry_association", 3, [
            ("tourism", "包装推介苗寨、土家古寨旅游，组织旅行社踩线"),
        ], level="city"),
        O("bj-hr", "保靖县人力资源服务中心", "other", 4, [
            ("employment", "组织劳务输出到广东、浙江的工厂，包车送岗"),
        ]),
        O("hn-normal", "湖南师范大学", "research_institution", 3, [
            ("education", "研究生支教团到村小任教，开设英语、音乐、美术课"),
        ], level="prov"),
        O("bj-char", "保靖县慈善会", "social_organization", 3, [
            ("charity", "为困难学生发放助学金、为留守儿童送书包文具"),
        ]),
        O("bj-hosp", "保靖县人民医院", "other", 3, [
            ("health", "组织专家下乡巡诊，培训村医"),
        ]),
        O("bj-lawsoc", "保靖县法学会", "social_organization", 2, [
            ("legal", "法律明白人培训和普法宣传进村"),
            ("governance", "指导村级人民调解委员会化解矛盾纠纷"),
        ]),
        O("cs-xx", "长沙市湘西商会", "chamber_of_commerce", 3, [
            ("investment", "组织在长沙的湘西籍企业家回乡投资农产品加工项目"),
            ("sales", "会员单位食堂和超市定向采购湘西农产品"),
        ], region=dict(province="湖南省", city="长沙市", county="")),
    ],
    villages=[
        V("黃金村", "呂洞山鎮", 11, ["黃金茶"], ["千年古茶樹"], [
            N("茶葉壓在倉庫裡走不動", "trad col", "bj-tea.1", priority="high"),
            N("新茶園的苗子老是死，扦插成活率低", "trad plain", "bj-tea.2"),
            N("想把古茶樹搞成旅遊點，讓外地人來看", "trad col", "xx-travel.1"),
            N("黃金茶想賣到網上，年輕人不會弄", "trad syn", "bj-ecom.1", filed="sales"),
        ], region=dict(county="保靖縣")),
        V("排吾村", "葫芦镇", 2, ["椪柑"], ["柑橘园800亩"], [
            N("椪柑烂在树上，一块钱一斤都没人要", "col", "bj-citrus.1", priority="high"),
            N("村小学就两个老师，英语没人教", "col", "hn-normal.1", filed="charity"),
            N("橘子想卖到长沙的单位食堂去", "syn", "cs-xx.2|bj-citrus.1"),
        ]),
        V("那鐵村", "清水坪鎮", 3, ["山羊養殖"], [], [
            N("羊老是拉稀，獸醫要跑到縣裡請", "trad col", "bj-vet.1", priority="high"),
            N("養的黑山羊想賣到長沙去", "trad", "bj-meat.1"),
            N("村裡青壯年想出去打工，不知道哪裡招人", "trad col", "bj-hr.1"),
            N("豬瘟過後不敢再養，想請人來講講防疫", "trad syn", "bj-vet.1", filed="training"),
        ], region=dict(province="湖南省", city="湘西州", county="保靖縣")),
        V("陡滩村", "碗米坡镇", 1.5, ["腊肉", "蜂蜜"], [], [
            N("土家腊肉做得好，就是只能卖给过路的", "col", "bj-ecom.1", filed="sales"),
            N("想养蜂扩大规模，缺本钱", "col", "bj-bank.1"),
            N("组里到村部还是泥巴路", "col syn", "bj-road.1"),
            N("旱厕太多，夏天苍蝇成群", "col", "xx-env.1"),
            N("想开个网店，电伤怎么搞不会", "typo", "bj-ecom.1"),
        ], region=dict(county="保靖")),
        V("和平村", "遷陵鎮", 5, ["柑橘"], [], [
            N("老人看病要走兩個小時山路", "trad col", "bj-hosp.1"),
            N("村民法律意識淡薄，遇事不懂怎麼維權", "trad syn", "bj-lawsoc.1"),
            N("家裡困難的學生想申請助學金", "trad plain", "bj-char.1", filed="education"),
            N("鄰里為宅基地吵架，村裡調解不下來", "trad", "bj-lawsoc.2"),
        ], region=dict(county="保靖縣")),
        V("夯吉村", "吕洞山镇", 4, ["黄金茶", "猕猴桃"], ["苗寨古建筑"], [
            N("想引个老板来村里建茶叶加工厂", "col", "cs-xx.1", filed="sales"),
            N("想借钱扩茶园，没东西抵押", "col", "bj-bank.1"),
            N("苗寨想搞旅游，没人来", "plain", "xx-travel.1"),
            N("桥是木头搭的，涨水就冲走", "col", "bj-road.1"),
        ]),
    ],
))


# 湖北省武汉市黄陂区: 木兰 tourism, vegetables for the city, crayfish. Some records typed in
# traditional characters (武漢市, 黃陂區), some with the place names cut short (黄陂, 武汉).
AREAS.append(dict(
    key="hp", province="湖北省", city="武汉市", county="黄陂区",
    orgs=[
        O("wh-veg", "武汉市蔬菜行业协会", "industry_association", 3, [
            ("sales", "会员批发商订单收购蔬菜，进白沙洲批发市场和社区团购"),
        ], level="city"),
        O("hp-fish", "黄陂区水产养殖协会", "industry_association", 3, [
            ("agritech", "指导小龙虾、鳜鱼养殖和水质调控"),
            ("sales", "会员企业收购小龙虾，冷链运到餐饮企业"),
        ]),
        O("hp-travel", "黄陂区木兰文化旅游协会", "industry_association", 3, [
            ("tourism", "帮村里发展民宿和农家乐，借木兰花乡节庆引客"),
        ]),
        O("wh-ecom", "武汉市电子商务协会", "industry_association", 3, [
            ("digital", "搭建农产品直播基地，为村里培养带货主播"),
        ], level="city"),
        O("hp-bank", "武汉农村商业银行黄陂支行", "financial_institution", 5, [
            ("finance", "新型农业经营主体贷款、农户小额信贷"),
        ]),
        O("hp-build", "黄陂区建筑业协会", "industry_association", 2, [
            ("infrastructure", "村湾道路硬化、塘堰清淤整修"),
        ]),
        O("wh-env", "武汉市环境卫生协会", "social_organization", 2, [
            ("environment", "村湾垃圾清运和公厕改造"),
        ], level="city"),
        O("hp-ent", "黄陂区企业家协会", "industry_association", 4, [
            ("employment", "会员企业招收村里劳动力，提供普工和技工岗位"),
            ("charity", "企业家结对资助困难户，逢年过节走访慰问"),
        ]),
        O("wh-voc", "武汉职业技术学院", "research_institution", 3, [
            ("training", "面向农民的电工、焊工、育婴师职业技能培训，考证有补贴"),
        ], level="city"),
        O("wh-youth", "武汉市青少年发展基金会", "social_organization", 3, [
            ("education", "为乡村学校捐建图书室，开设周末兴趣课堂"),
        ], level="city"),
        O("hp-hosp", "黄陂区人民医院", "other", 3, [
            ("health", "巡回义诊、两癌筛查和健康讲座"),
        ]),
        O("hp-law", "黄陂区律师协会", "social_organization", 3, [
            ("legal", "律师担任村法律顾问，代理农民工讨薪"),
        ]),
        O("hp-char", "黄陂区慈善会", "social_organization", 3, [
            ("charity", "困难群众临时救助，冬季送棉被、取暖器"),
        ]),
        O("hzau", "华中农业大学", "research_institution", 3, [
            ("agritech", "专家团队指导蔬菜、水稻种植，病虫害绿色防控和土壤改良"),
        ], level="city"),
    ],
    villages=[
        V("大余灣村", "木蘭鄉", 20, ["鄉村旅遊"], ["明清古民居"], [
            N("古民居很多，遊客來了沒地方吃住", "trad col", "hp-travel.1"),
            N("灣子裡的路太窄，會車都難", "trad col", "hp-build.1"),
            N("村裡想請人來拍個短視頻宣傳一下", "trad syn", "wh-ecom.1", filed="tourism"),
        ], region=dict(city="武漢市", county="黃陂區")),
        V("胜天村", "姚家集街道", 4, ["蔬菜"], [], [
            N("菜种出来了卖不掉，烂在地里", "col", "wh-veg.1", priority="high"),
            N("大棚菜老是生虫，打药也不管用", "col syn", "hzau.1"),
            N("想搞直播带货卖菜", "plain", "wh-ecom.1"),
            N("村湾里垃圾没人清云", "typo", "wh-env.1"),
            N("想找人测测土，看缺啥肥", "syn", "hzau.1"),
            N("想搞直拨带货", "typo", "wh-ecom.1"),
        ]),
        V("泡桐村", "蔡店街道", 2, ["小龍蝦"], ["300畝蝦稻田"], [
            N("小龍蝦養了兩年，死得多，水質不行", "trad plain", "hp-fish.1"),
            N("村裡年輕人想學門手藝考個證", "trad col", "wh-voc.1|hp-voc2.1"),
            N("困難戶冬天棉被都不夠", "trad plain", "hp-char.1"),
            N("龍蝦出塘的時候價格被壓得很低", "trad col", "hp-fish.2"),
            N("蝦苗老是死，想請專家來看看水", "trad col", "hp-fish.1"),
        ], region=dict(city="武漢市", county="黃陂區", township="蔡店街道")),
        V("长岭村", "长轩岭街道", 9, ["水稻"], [], [
            N("村小的图书室就一个破书架", "col", "wh-youth.1", filed="infrastructure"),
            N("在外打工的工资被拖欠了，想要个说法", "col", "hp-law.1", filed="employment"),
            N("妇女查病要跑到城里", "col", "hp-hosp.1"),
            N("塘堰淤了，抗旱没水", "plain", "hp-build.1"),
            N("想贷款盘个鱼塘", "plain", "hp-bank.1"),
        ], region=dict(city="武汉", county="黄陂")),
        V("王家河村", "王家河街道", 3, ["蔬菜", "西瓜"], [], [
            N("找个地方学电汗，出去好找活", "typo", "wh-voc.1"),
            N("家门口有厂招人就好了，孩子小走不开", "col", "hp-ent.1"),
            N("几户困难户过年想有人去看看", "col", "hp-ent.2|hp-char.1"),
            N("西瓜和菜都是自己拉到集上卖", "col", "wh-veg.1"),
            N("土壤板结，种啥都长不好", "col", "hzau.1"),
            N("西瓜地里病虫多，想要专家来", "plain", "hzau.1"),
        ]),
        V("罗家岗村", "木兰乡", 1.9, ["油茶"], ["木兰山脚下"], [
            N("農家樂開起來了，想貸點款裝修", "trad", "hp-bank.1", filed="tourism"),
            N("公廁又髒又破，遊客都嫌棄", "trad col", "wh-env.1", filed="tourism"),
            N("老人多，想請醫生來講講高血壓怎麼吃藥", "trad syn", "hp-hosp.1"),
        ], region=dict(city="武漢市", county="黃陂區", township="木蘭鄉")),
        V("塔耳村", "塔耳街道", 6, ["葡萄", "蔬菜"], [], [
            N("葡萄地里的菜想直接送到武漢的超市", "trad syn", "wh-veg.1"),
            N("村裡想請個法律顧問", "trad plain", "hp-law.1"),
            N("年輕人想學電工證", "trad syn", "wh-voc.1"),
            N("村灣裡的自來水老停", "trad col", "hp-water.1"),
        ], region=dict(city="武漢市", county="黃陂區", township="塔耳街道")),
    ],
))


# 湖北省恩施土家族苗族自治州利川市: 莼菜, 利川红 tea, high-mountain vegetables, herbs, summer resorts.
# The prefecture is often typed 恩施州, and some records in traditional characters.
AREAS.append(dict(
    key="lc", province="湖北省", city="恩施土家族苗族自治州", county="利川市",
    orgs=[
        O("lc-tea", "利川市茶叶协会", "industry_association", 3, [
            ("sales", "会员茶企与茶农签订单，保底收购“利川红”鲜叶"),
            ("agritech", "茶园提质改造和有机茶认证指导"),
        ]),
        O("lc-veg", "利川市高山蔬菜协会", "industry_association", 3, [
            ("sales", "组织收购白菜、萝卜、甘蓝，冷链直供武汉、重庆"),
        ]),
        O("lc-chun", "利川市莼菜产业协会", "industry_association", 2, [
            ("sales", "保底价收购莼菜，加工后出口"),
            ("agritech", "莼菜田水位管理和除草技术指导"),
        ]),
        O("es-herb", "恩施州中药材产业协会", "industry_association", 3, [
            ("agritech", "指导黄连、党参等中药材种植和采收加工"),
            ("sales", "会员药企订单收购道地药材"),
        ], level="city"),
        O("lc-bank", "湖北利川农村商业银行", "financial_institution", 5, [
            ("finance", "茶农和菜农小额信用贷款，随借随还"),
        ]),
        O("lc-travel", "利川市旅游协会", "industry_association", 3, [
            ("tourism", "依托腾龙洞、苏马荡开发乡村民宿和避暑康养"),
        ]),
        O("lc-build", "利川市建筑业协会", "industry_association", 2, [
            ("infrastructure", "组级公路硬化和产业路修建"),
        ]),
        O("es-env", "恩施州生态环境保护协会", "social_organization", 2, [
            ("environment", "农村人居环境整治，清理河道垃圾和畜禽粪污"),
        ], level="city"),
        O("lc-out", "利川市在外创业商会", "chamber_of_commerce", 3, [
            ("employment", "在外企业提供岗位，组织村民到沿海务工"),
            ("investment", "引导在外老板回乡投资创办加工厂"),
        ]),
        O("lc-hosp", "利川市民族中医院", "other", 3, [
            ("health", "中医专家下乡坐诊，为村卫生室配送常用药品"),
        ]),
        O("hb-youth", "湖北省青少年发展基金会", "social_organization", 3, [
            ("education", "希望工程助学，捐建乡村学校食堂和宿舍"),
        ], level="prov"),
        O("lc-law", "利川市律师协会", "social_organization", 2, [
            ("legal", "一村一法律顾问，免费代写诉状和调解协议"),
        ]),
        O("lc-tel", "中国移动通信集团湖北有限公司利川分公司", "state_owned_enterprise", 2, [
            ("digital", "偏远村组移动信号覆盖和宽带入户"),
        ]),
        O("lc-women", "利川市妇女联合会", "social_organization", 3, [
            ("training", "巾帼家政、月嫂和手工编织技能培训"),
            ("charity", "关爱困境儿童和单亲母亲，发放爱心包"),
        ]),
    ],
    villages=[
        V("石板村", "團堡鎮", 3, ["蓴菜"], [], [
            N("蓴菜今年收得多，收購商不來了", "trad col", "lc-chun.1"),
            N("蓴菜田裡長了好多雜草，產量下來了", "trad", "lc-chun.2"),
            N("村裡婦女想學做月嫂，出去掙錢", "trad plain", "lc-women.1", filed="employment"),
        ], region=dict(city="恩施州", county="利川市")),
        V("毛坝村", "毛坝镇", 7, ["茶叶"], [], [
            N("利川红鲜叶卖不上价", "col", "lc-tea.1"),
            N("老茶园要改造，想搞有机认证", "plain", "lc-tea.2"),
            N("茶叶想申请有机证，不知道找谁", "plain", "lc-tea.2"),
            N("山里手机没信号，打电话要爬到坡上", "col", "lc-tel.1"),
        ], region=dict(city="恩施州")),
        V("箭竹村", "忠路鎮", 2, ["黃連", "党參"], [], [
            N("黃連種了五年不知道怎麼採收加工", "trad plain", "es-herb.1"),
            N("中藥材賣給誰都不知道", "trad col", "es-herb.2"),
            N("公路還沒通到組裡", "trad", "lc-build.1"),
            N("想学习中要材种植", "typo", "es-herb.1"),
        ], region=dict(province="湖北", city="恩施州", county="利川")),
        V("齐跃桥村", "汪营镇", 12, ["高山蔬菜"], ["海拔1200米"], [
            N("白菜萝卜一车车拉出去，价格全凭老板一句话", "col", "lc-veg.1"),
            N("夏天来避暑的人多，想开民宿", "plain", "lc-travel.1"),
            N("在外面做生意的老乡想回村办厂", "syn", "lc-out.2", filed="employment"),
            N("猪粪牛粪到处流", "col", "es-env.1"),
        ]),
        V("谋道村", "谋道镇", 5, ["山药", "烟叶"], ["苏马荡景区旁"], [
            N("娃娃的学校食糖漏雨", "typo", "hb-youth.1", filed="infrastructure"),
            N("单亲妈妈家里的孩子没人疼", "col syn", "lc-women.2"),
            N("种山药想贷点钱", "plain", "lc-bank.1"),
            N("土地流转的合同不会写，怕吃亏", "col", "lc-law.1"),
            N("村里想修个山坪塘蓄水", "plain", "lc-water.1"),
            N("想找个律师当法律顾文", "typo", "lc-law.1"),
        ]),
        V("海洋村", "忠路镇", 1.6, ["黄连"], [], [
            N("村卫生室缺药，感冒药都要去镇上买", "col", "lc-hosp.1"),
            N("年轻人想到沿海进厂，没门路", "col", "lc-out.1"),
            N("黄连地里烂根多", "col", "es-herb.1"),
            N("上网太慢，娃娃上网课老断", "col syn", "lc-tel.1", filed="education"),
        ]),
        V("蘇馬蕩村", "謀道鎮", 15, ["避暑康養"], ["海拔1500米", "森林覆蓋率90%"], [
            N("武漢重慶來避暑的人多，想把閒置農房改成民宿", "trad syn", "lc-travel.1"),
            N("高山白菜蘿蔔找不到穩定的買家", "trad col", "lc-veg.1"),
            N("老人多，想有中醫定期來看看", "trad syn", "lc-hosp.1"),
            N("茶葉想搞有機認證", "trad plain", "lc-tea.2"),
        ], region=dict(city="恩施州", county="利川市")),
    ],
))


# 甘肃省定西市渭源县: potatoes (洋芋 to the villagers, 马铃薯 to the associations), herbs (党参,
# 黄芪), dry hills, labour going out; east-west cooperation with Tianjin.
AREAS.append(dict(
    key="wyx", province="甘肃省", city="定西市", county="渭源县",
    orgs=[
        O("dx-potato", "定西市马铃薯产业协会", "industry_association", 3, [
            ("sales", "订单收购马铃薯，对接淀粉加工厂"),
            ("agritech", "推广脱毒种薯和全膜覆盖种植"),
        ], level="city"),
        O("wyx-herb", "渭源县中药材产业协会", "industry_association", 3, [
            ("sales", "会员药企按保护价收购党参、黄芪"),
            ("agritech", "道地药材标准化种植和产地初加工技术"),
        ]),
        O("wyx-ecom", "渭源县电子商务协会", "industry_association", 2, [
            ("digital", "建村级电商服务点，帮农户把土特产卖到网上"),
        ]),
        O("wyx-bank", "甘肃渭源农村商业银行", "financial_institution", 5, [
            ("finance", "富民产业贷，药材种植户信用贷款"),
        ]),
        O("dx-ins", "中华联合财产保险定西中心支公司", "financial_institution", 3, [
            ("finance", "马铃薯、中药材目标价格保险"),
        ], level="city"),
        O("dx-water", "定西市水务投资有限责任公司", "state_owned_enterprise", 2, [
            ("infrastructure", "农村安全饮水工程和集雨水窖建设"),
        ], level="city"),
        O("wyx-build", "渭源县建筑业协会", "industry_association", 2, [
            ("infrastructure", "通村道路和产业路建设"),
        ]),
        O("wyx-labour", "渭源县劳务输转服务中心", "other", 4, [
            ("employment", "组织劳务输转到新疆采棉、福建工厂，统一包车"),
        ]),
        O("gs-agrivoc", "甘肃农业职业技术学院", "research_institution", 3, [
            ("training", "职业技能培训：挖掘机、电焊、家政服务"),
        ], level="prov"),
        O("tj-bh", "天津市滨海新区工商业联合会", "chamber_of_commerce", 3, [
            ("investment", "东西部协作，引进天津企业到村建帮扶车间"),
            ("sales", "组织天津的超市和食堂消费帮扶，采购甘肃农产品"),
        ], region=dict(province="天津市", city="天津市", county="滨海新区")),
        O("wyx-hosp", "渭源县人民医院", "other", 3, [
            ("health", "医疗队下乡巡诊，帮扶村卫生室"),
        ]),
        O("lzu", "兰州大学", "research_institution", 2, [
            ("education", "研究生支教团驻校任教，乡村学校远程同步课堂"),
        ], level="prov"),
        O("wyx-char", "渭源县慈善协会", "social_organization", 3, [
            ("charity", "为五保户、残疾人送米面油和冬季取暖煤"),
        ]),
        O("dx-green", "定西市绿化产业协会", "industry_association", 2, [
            ("environment", "荒山造林、村庄绿化和水土保持"),
        ], level="city"),
        O("wyx-mediate", "渭源县人民调解协会", "social_organization", 2, [
            ("governance", "培训村调解员，化解婚姻家庭和邻里矛盾"),
        ]),
        O("dx-law", "甘肃陇中律师事务所", "private_enterprise", 2, [
            ("legal", "为外出务工人员提供劳动合同、工伤赔偿法律援助"),
        ], level="city"),
    ],
    villages=[
        V("元古堆村", "田家河乡", 6, ["马铃薯", "中药材"], [], [
            N("洋芋堆在窖里，淀粉厂压价", "syn col", "dx-potato.1", priority="high"),
            N("洋芋种子退化，产量上不去", "syn", "dx-potato.2"),
            N("吃水要到沟里去挑", "col", "dx-water.1"),
            N("脱毒种树哪里能买到，怎么种", "typo", "dx-potato.2"),
            N("洋芋卖不上价，想引个粉条厂", "col syn", "wyx-inv.1", filed="sales"),
        ], region=dict(province="甘肃", city="定西", county="渭源")),
        V("本庙村", "会川镇", 3, ["党参"], [], [
            N("党参价钱跌得厉害，药贩子不来收", "col", "wyx-herb.1"),
            N("黄芪种得不规范，品相差卖不上价", "syn", "wyx-herb.2"),
            N("党参苗子出得不齐", "col", "wyx-herb.2"),
            N("家里男人都出去打工了，妇女也想出去，不知道门路", "col", "wyx-labour.1"),
            N("党参怕价格大起大落，想有个保底", "col", "dx-ins.1", filed="sales"),
        ]),
        V("峡城村", "峡城乡", 1.2, [], ["高寒阴湿山区"], [
            N("娃娃上学要走十几里山路，学校老师留不住", "col", "lzu.1", filed="infrastructure"),
            N("老人孤零零在家，冬天烧炕的煤都买不起", "col", "wyx-char.1"),
            N("婆媳矛盾、邻里纠纷多，村干部调解不过来", "plain", "wyx-mediate.1"),
            N("村里想请人来教教人民条解", "typo", "wyx-mediate.1"),
            N("想学开挖掘机，去外地干活挣得多", "plain", "gs-agrivoc.1", filed="employment"),
            N("荒山光秃秃的，一刮风全是土", "col", "dx-green.1"),
        ]),
        V("五竹村", "五竹镇", 4.5, ["中药材", "蚕豆"], ["闲置小学校舍"], [
            N("种药材想贷点款", "plain", "wyx-bank.1"),
            N("药材收够价太低", "typo", "wyx-herb.1"),
            N("家政陪训有没有", "typo", "gs-agrivoc.1"),
            N("闲置的小学校舍想办个车间，让妇女在家门口上班", "col", "tj-bh.1", filed="employment"),
        ], region=dict(county="渭源")),
        V("锹峪村", "锹峪镇", 2.2, ["马铃薯"], [], [
            N("山路一下雨就走不成，洋芋拉不出去", "col syn", "wyx-build.1", filed="sales"),
            N("在工地上摔伤了，老板不给赔", "col", "dx-law.1"),
            N("土豆粉条想在网上卖", "syn", "wyx-ecom.1", filed="sales"),
            N("村卫生室没医生坐诊", "col", "wyx-hosp.1"),
            N("马铃薯想卖到天津去", "plain", "tj-bh.2|dx-potato.1"),
        ]),
        V("莲峰村", "莲峰镇", 5, ["中药材", "马铃薯"], [], [
            N("当归黄芪收了堆在家里，价钱一天一个样", "col syn", "wyx-herb.1"),
            N("地膜覆盖种洋芋想学一下", "syn", "dx-potato.2"),
            N("村里的水窖裂了，存不住雨水", "col", "dx-water.1"),
            N("外出打工的人签合同吃亏的多，想请律师讲讲", "syn", "dx-law.1"),
        ], region=dict(county="渭源")),
    ],
))


# 贵州省黔东南苗族侗族自治州雷山县: 银球茶, 天麻, Miao villages and embroidery; east-west
# cooperation with Hangzhou.
AREAS.append(dict(
    key="ls", province="贵州省", city="黔东南苗族侗族自治州", county="雷山县",
    orgs=[
        O("ls-tea", "雷山县茶叶协会", "industry_association", 3, [
            ("sales", "组织茶企收购银球茶、绿茶，进东西部协作展销会"),
            ("agritech", "茶园机采、修剪和病虫害绿色防控"),
        ]),
        O("ls-tianma", "雷山县乌杆天麻协会", "industry_association", 2, [
            ("agritech", "天麻有性繁殖和林下仿野生种植技术"),
            ("sales", "收购鲜天麻，统一烘干销售"),
        ]),
        O("ls-emb", "雷山县苗绣银饰协会", "industry_association", 2, [
            ("employment", "把苗绣订单发到村里，妇女在家刺绣计件"),
            ("training", "苗绣技艺传承培训"),
        ]),
        O("qdn-tour", "黔东南州文化旅游产业协会", "industry_association", 3, [
            ("tourism", "苗寨旅游规划，组织民族节庆活动引客"),
        ], level="city"),
        O("ls-stay", "雷山县民宿协会", "industry_association", 2, [
            ("tourism", "民宿装修设计和运营托管"),
        ]),
        O("ls-bank", "贵州雷山农村商业银行", "financial_institution", 5, [
            ("finance", "特惠贷等小额贷款，支持茶叶、天麻产业"),
        ]),
        O("ls-road", "雷山县公路建设有限公司", "state_owned_enterprise", 2, [
            ("infrastructure", "通组公路、连户路和串户路硬化"),
        ]),
        O("qdn-eco", "黔东南州生态保护协会", "social_organization", 2, [
            ("environment", "传统村落消防改造、垃圾污水治理和风貌整治"),
        ], level="city"),
        O("gz-ecom", "贵州省电子商务协会", "industry_association", 3, [
            ("digital", "黔货出山：帮农户在电商平台开店、直播卖货"),
        ], level="prov"),
        O("ls-hosp", "雷山县人民医院", "other", 3, [
            ("health", "远程会诊接入村卫生室，组织巡回医疗"),
        ]),
        O("gz-normal", "贵州师范大学", "research_institution", 3, [
            ("education", "师范生顶岗支教、乡村教师培训"),
        ], level="prov"),
        O("hz-xs", "杭州市萧山区工商业联合会", "chamber_of_commerce", 3, [
            ("sales", "消费帮扶：组织会员企业采购黔东南茶叶、稻米等农产品"),
            ("charity", "结对帮扶黔东南困难家庭，捐资助学"),
        ], region=dict(province="浙江省", city="杭州市", county="萧山区")),
        O("ls-law", "贵州苗岭律师事务所", "private_enterprise", 2, [
            ("legal", "民族村寨法律宣传，婚姻继承和土地纠纷咨询"),
        ]),
        O("qdn-sport", "黔东南州体育产业协会", "industry_association", 2, [
            ("other", "赞助乡村篮球赛（村BA）、斗牛等民族体育活动"),
        ], level="city"),
    ],
    villages=[
        V("羊排村", "西江镇", 25, ["乡村旅游", "苗绣"], ["千户苗寨景区"], [
            N("游客都在景区里转，寨子上面没人上来", "col", "qdn-tour.1|ls-stay.1"),
            N("老房子想改成民宿，不会弄", "plain", "ls-stay.1"),
            N("银饰手艺人想带徒弟，传下去", "plain", "ls-voc.1|ls-emb.2"),
            N("妇女都会绣花，就是没活路", "col syn", "ls-emb.1", filed="training"),
        ], region=dict(city="黔东南州")),
        V("乌东村", "丹江镇", 3, ["茶叶", "天麻"], [], [
            N("银球茶采下来只能卖鲜叶，价钱低", "col", "ls-tea.1"),
            N("天麻种下去烂得多，收不了几斤", "col", "ls-tianma.1"),
            N("天麻卖给贩子价钱太低", "col", "ls-tianma.2"),
            N("茶叶想贷款买个杀青机", "plain", "ls-bank.1"),
            N("茶园里虫子多，又不敢乱打药", "col syn", "ls-tea.2"),
        ]),
        V("郎德上寨", "郎德镇", 8, ["乡村旅游"], ["苗族木结构古建筑群"], [
            N("寨子全是木房子，就怕失火", "col", "qdn-eco.1", filed="infrastructure"),
            N("想办个村BA篮球赛，缺灯光和奖品", "plain", "qdn-sport.1", filed="tourism"),
        ], region=dict(city="黔东南州", county="雷山")),
        V("掌批村", "望丰乡", 1.5, ["茶叶"], [], [
            N("通组路还是毛路，茶叶背出来要两个小时", "col", "ls-road.1"),
            N("娃娃们的老师都是代课的，流动太快", "col", "gz-normal.1"),
            N("想贷款建个小茶厂", "plain", "ls-bank.1"),
            N("连户路还没硬化", "plain", "ls-road.1"),
            N("杭州那边能不能帮着卖点茶", "col", "hz-xs.1|ls-tea.1"),
        ]),
        V("大塘村", "大塘镇", 4, ["稻田养鱼"], [], [
            N("稻花鱼和香禾糯都是自家吃，想卖出去换钱", "col", "hz-xs.1|gz-ecom.1", filed="sales"),
            N("看病要去凯里，路上三个小时", "col", "ls-hosp.1"),
            N("稻田养鱼想上个保险", "plain", "ls-ins.1"),
            N("想搞个远程惠诊，看病不用跑凯里", "typo", "ls-hosp.1"),
            N("离婚分地的事闹到村里来了", "col", "ls-law.1|ls-gov.1", filed="governance"),
            N("家里有人残疾，日子过不下去", "col", "hz-xs.2|ls-char.1"),
        ]),
        V("方祥村", "方祥乡", 0.8, ["天麻", "茶叶"], ["原始森林"], [
            N("寨子里垃圾乱扔，河沟都堵了", "col", "qdn-eco.1"),
            N("吃水靠竹管子从山上引", "col", "ls-water.1"),
            N("天麻想搞网上卖", "syn", "gz-ecom.1", filed="sales"),
            N("年轻姑娘想学苗秀", "typo", "ls-emb.2"),
            N("茶叶想找个收够的老板", "typo", "ls-tea.1"),
            N("天麻种值技术没人教", "typo", "ls-tianma.1"),
        ], region=dict(county="雷山")),
    ],
))


# ---------------------------------------------------------------------------------------------
# More organisations of each area, one capability each: the same area (category) as an expected
# capability nearby but another specialty, so that the category and the place alone do not pick
# the answer. (A county has more than one of each; these must be beaten, not avoided.)
# ---------------------------------------------------------------------------------------------

MORE = {
    "jr": [
        ("jr-green", "句容市园林绿化协会", "industry_association", 2, "environment", "村庄绿化、道路两侧植树和游园养护"),
        ("jr-notary", "江苏省句容市公证处", "other", 3, "legal", "办理遗嘱、赠与和房产继承公证"),
        ("jr-water", "句容市水利工程协会", "industry_association", 2, "infrastructure", "农田灌溉泵站和小型水库除险加固"),
        ("jr-mch", "句容市妇幼保健院", "other", 3, "health", "孕产妇和儿童健康体检、两癌筛查"),
        ("jr-unicom", "中国联合网络通信有限公司句容市分公司", "state_owned_enterprise", 3, "digital", "千兆宽带进村和村务监控平台建设"),
        ("jr-red", "句容市红十字会", "social_organization", 3, "charity", "大病救助和应急救护培训"),
        ("jr-home", "句容市家政服务协会", "industry_association", 3, "employment", "招募家政员、月嫂到南京上岗"),
        ("jr-alumni", "江苏省句容高级中学校友会", "social_organization", 2, "education", "设立奖学金，奖励考上大学的学生"),
        ("zj-sasac", "镇江市国有资产投资控股集团", "state_owned_enterprise", 3, "investment", "投资建设光伏电站、冷链仓储等村集体增收项目", "city"),
        ("jr-npo", "句容市社会组织促进会", "social_organization", 2, "governance", "培育村级社会组织，指导村务公开和网格化管理"),
        ("jr-mount", "茅山风景区旅游发展有限公司", "state_owned_enterprise", 2, "tourism", "景区联票带动周边村，在游客中心设农产品展销摊位"),
    ],
    "qy": [
        ("qy-green", "庆元县林业产业协会", "industry_association", 2, "environment", "荒山补植和生态公益林管护"),
        ("qy-notary", "浙江省庆元县公证处", "other", 2, "legal", "遗嘱、继承和婚前财产公证"),
        ("qy-water", "庆元县水利水电建设公司", "state_owned_enterprise", 2, "infrastructure", "农村饮用水工程和小水电站改造"),
        ("qy-mch", "庆元县妇幼保健院", "other", 3, "health", "儿童预防接种和孕产妇保健进村"),
        ("qy-mobile", "中国移动庆元分公司", "state_owned_enterprise", 2, "digital", "村级应急广播和视频监控联网"),
        ("qy-red", "庆元县红十字会", "social_organization", 3, "charity", "大病和意外困难家庭应急救助"),
        ("qy-hr", "庆元县人力资源市场", "other", 3, "employment", "组织村民到丽水经济开发区工厂务工"),
        ("qy-school", "庆元县教育基金会", "social_organization", 3, "education", "奖励考上重点大学的学生"),
        ("qy-train", "庆元县职业技术学校", "research_institution", 3, "training", "开设电工、挖机驾驶和汽修短期班"),
        ("qy-farmtour", "庆元县百山祖国家公园旅游服务公司", "state_owned_enterprise", 2, "tourism", "国家公园生态研学和徒步线路开发"),
        ("qy-fin2", "中国人民财产保险庆元支公司", "financial_institution", 3, "finance", "茶叶、甜桔柚等特色农业保险"),
    ],
    "wy": [
        ("wy-green", "武夷山市园林协会", "industry_association", 2, "environment", "村庄道路绿化和庭院美化"),
        ("wy-notary", "福建省武夷山市公证处", "other", 2, "legal", "遗嘱继承和土地流转合同公证"),
        ("wy-water", "武夷山市水利建设有限公司", "state_owned_enterprise", 2, "infrastructure", "山区安全饮水和防洪堤建设"),
        ("wy-mch", "武夷山市妇幼保健院", "other", 3, "health", "妇女两癌筛查和儿童保健"),
        ("wy-tel", "中国电信武夷山分公司", "state_owned_enterprise", 3, "digital", "光纤宽带进村和茶山物联网监测"),
        ("wy-char2", "武夷山市慈善总会", "social_organization", 3, "charity", "春节走访慰问低保户、孤寡老人"),
        ("wy-hr", "武夷山市人力资源服务有限公司", "private_enterprise", 3, "employment", "组织村民到泉州、厦门的鞋服工厂务工"),
        ("wy-edu", "武夷山市教育发展基金会", "social_organization", 3, "education", "资助贫困家庭大学新生入学"),
        ("wy-voc", "武夷山职业中专学校", "research_institution", 3, "training", "导游、酒店服务和烹饪短期培训"),
        ("wy-inv", "武夷山市城市建设投资集团", "state_owned_enterprise", 2, "investment", "投资村级光伏和标准厂房项目"),
        ("wy-gov2", "武夷山市乡村振兴促进会", "social_organization", 2, "governance", "指导村集体经济组织财务管理和村务公开"),
    ],
    "bj": [
        ("bj-green", "保靖县林业协会", "industry_association", 2, "environment", "石漠化治理和退耕还林"),
        ("bj-notary", "湖南省保靖县公证处", "other", 2, "legal", "遗嘱继承公证和公证遗产分割"),
        ("bj-water", "保靖县水利水电勘测设计院", "state_owned_enterprise", 2, "infrastructure", "山塘水库和农村安全饮水工程"),
        ("bj-mch", "保靖县妇幼保健计划生育服务中心", "other", 3, "health", "孕产妇和儿童保健、出生缺陷筛查"),
        ("bj-tel", "中国电信保靖分公司", "state_owned_enterprise", 3, "digital", "光纤宽带和4G信号进村"),
        ("bj-hr2", "保靖县家政服务协会", "industry_association", 3, "employment", "培训后推荐月嫂、保姆到长沙上岗"),
        ("bj-edu2", "保靖县教育基金会", "social_organization", 3, "education", "奖励优秀教师和考上大学的学生"),
        ("bj-train", "保靖县职业中专", "research_institution", 3, "training", "电工、焊工和汽车维修短期技能培训"),
        ("bj-ins", "中国人民财产保险保靖支公司", "financial_institution", 3, "finance", "柑橘、茶叶种植保险和能繁母猪保险"),
        ("bj-inv", "保靖县城乡建设投资有限公司", "state_owned_enterprise", 2, "investment", "投资建设村级光伏电站和标准厂房"),
        ("xx-tour2", "湘西州民宿协会", "industry_association", 2, "tourism", "民宿设计装修和线上订房平台运营", "city"),
    ],
    "hp": [
        ("hp-green", "黄陂区园林绿化协会", "industry_association", 2, "environment", "村湾绿化美化和游园建设"),
        ("hp-notary", "湖北省武汉市黄陂公证处", "other", 2, "legal", "房屋继承、赠与和遗嘱公证"),
        ("hp-water", "黄陂区水务建设有限公司", "state_owned_enterprise", 2, "infrastructure", "农村供水管网改造和泵站建设"),
        ("hp-mch", "黄陂区中医医院", "other", 3, "health", "中医针灸推拿和康复理疗进村"),
        ("hp-tel", "中国电信武汉黄陂分公司", "state_owned_enterprise", 3, "digital", "村湾光纤宽带和智慧安防监控"),
        ("hp-red", "黄陂区红十字会", "social_organization", 3, "charity", "造血干细胞捐献宣传和大病救助"),
        ("hp-hr", "武汉市家庭服务业协会", "industry_association", 3, "employment", "招收家政、保洁和养老护理员进城上岗", "city"),
        ("hp-edu2", "黄陂区教育发展基金会", "social_organization", 3, "education", "奖励乡村优秀教师，资助大学新生"),
        ("hp-voc2", "武汉市黄陂区职业技术学校", "research_institution", 3, "training", "汽修、烹饪和电商客服短期培训"),
        ("hp-inv", "武汉市黄陂区城市建设投资开发集团", "state_owned_enterprise", 2, "investment", "投资建设冷链仓储和农产品加工园"),
        ("hp-fin2", "中国人寿财产保险黄陂支公司", "financial_institution", 3, "finance", "水稻、小龙虾养殖保险"),
        ("hp-tour2", "木兰山风景区管理处", "other", 2, "tourism", "景区研学和登山线路运营"),
    ],
    "lc": [
        ("lc-green", "利川市林业产业协会", "industry_association", 2, "environment", "水杉古树保护和荒山造林"),
        ("lc-notary", "湖北省利川市公证处", "other", 2, "legal", "遗嘱、继承和赠与公证"),
        ("lc-water", "利川市水利水电开发公司", "state_owned_enterprise", 2, "infrastructure", "人饮工程和山坪塘整治"),
        ("lc-mch", "利川市妇幼保健院", "other", 3, "health", "儿童体检和孕产妇保健"),
        ("lc-tel2", "中国电信利川分公司", "state_owned_enterprise", 2, "digital", "乡镇政务网和村级监控联网"),
        ("lc-red", "利川市红十字会", "social_organization", 3, "charity", "救灾物资发放和大病救助"),
        ("lc-hr2", "利川市就业服务中心", "other", 3, "employment", "县内工业园区企业招工，家门口就业"),
        ("lc-edu2", "利川市教育发展基金会", "social_organization", 3, "education", "奖励考上大学的学生和优秀教师"),
        ("lc-voc", "利川市职业技术教育中心", "research_institution", 3, "training", "电工、挖掘机和中式烹调培训"),
        ("lc-ins", "中国人民财产保险利川支公司", "financial_institution", 3, "finance", "茶叶、烟叶种植保险"),
        ("lc-tour2", "腾龙洞景区旅游开发公司", "state_owned_enterprise", 2, "tourism", "溶洞景区运营和旅游演艺"),
        ("lc-gov", "利川市村级治理研究会", "social_organization", 2, "governance", "指导村级议事协商和积分制管理"),
    ],
    "wyx": [
        ("wyx-env2", "渭源县环境卫生服务公司", "state_owned_enterprise", 2, "environment", "农村垃圾清运和改厕"),
        ("wyx-notary", "甘肃省渭源县公证处", "other", 2, "legal", "遗嘱继承、赠与公证"),
        ("wyx-mch", "渭源县妇幼保健院", "other", 3, "health", "孕产妇和儿童保健、免费婚检"),
        ("wyx-tel", "中国移动渭源分公司", "state_owned_enterprise", 2, "digital", "4G基站和宽带进村"),
        ("wyx-red", "渭源县红十字会", "social_organization", 3, "charity", "大病医疗救助和应急救灾"),
        ("wyx-hr2", "渭源县就业服务局人力资源市场", "other", 3, "employment", "县城扶贫车间和公益性岗位招聘"),
        ("wyx-edu2", "渭源县教育基金会", "social_organization", 3, "education", "资助考上大学的贫困学生"),
        ("wyx-voc", "渭源县职业中等专业学校", "research_institution", 3, "training", "中式烹调、面点和汽车驾驶培训"),
        ("wyx-inv", "定西市国有投资集团", "state_owned_enterprise", 2, "investment", "投资马铃薯淀粉厂和中药材加工园区", "city"),
        ("wyx-tour", "渭源县文化旅游协会", "industry_association", 2, "tourism", "渭河源景区旅游和农家乐推介"),
    ],
    "ls": [
        ("ls-green", "雷山县林业协会", "industry_association", 2, "environment", "雷公山保护区森林防火和护林员培训"),
        ("ls-notary", "贵州省雷山县公证处", "other", 2, "legal", "遗嘱继承和房屋赠与公证"),
        ("ls-water", "雷山县水务投资有限公司", "state_owned_enterprise", 2, "infrastructure", "农村饮水安全巩固提升工程"),
        ("ls-mch", "雷山县妇幼保健院", "other", 3, "health", "孕产妇和儿童健康管理"),
        ("ls-tel", "中国移动雷山分公司", "state_owned_enterprise", 2, "digital", "苗寨4G、5G信号覆盖和宽带入户"),
        ("ls-char", "雷山县慈善总会", "social_organization", 3, "charity", "春节慰问五保户，发放御寒衣物"),
        ("ls-hr", "雷山县劳务公司", "private_enterprise", 3, "employment", "组织劳务输出到浙江、广东工厂"),
        ("ls-edu2", "雷山县教育基金会", "social_organization", 3, "education", "奖励考上大学的苗族学生"),
        ("ls-voc", "雷山县中等职业学校", "research_institution", 3, "training", "旅游服务、银饰加工技能培训"),
        ("ls-ins", "中国人民财产保险雷山支公司", "financial_institution", 3, "finance", "茶叶、稻田养鱼保险"),
        ("ls-inv", "雷山县城市建设投资公司", "state_owned_enterprise", 2, "investment", "投资茶叶加工厂和冷链仓储"),
        ("ls-gov", "雷山县寨老协会", "social_organization", 2, "governance", "寨老参与议榔、调解寨内纠纷"),
    ],
}

for area in AREAS:
    for key, name, kind, capacity, category, text, *level in MORE.get(area["key"], []):
        area["orgs"].append(O(key, name, kind, capacity, [(category, text)],
                              level=level[0] if level else "county"))


# ---------------------------------------------------------------------------------------------

def region(area, level, override=None):
    r = dict(province=area["province"], city=area["city"], county=area["county"], township="")
    if level == "city":
        r["county"] = ""
    elif level == "prov":
        r["city"] = r["county"] = ""
    r.update(override or {})
    return r


def build():
    villages, orgs, expectations = [], [], []
    caps = {}  # capability key -> (id, category)
    for area in AREAS:
        for o in area["orgs"]:
            capabilities = []
            for i, (cat, text) in enumerate(o["caps"], 1):
                assert cat in CATEGORIES, cat
                key = f"{o['key']}.{i}"
                assert key not in caps, key
                caps[key] = (uid("cap/" + key), cat)
                capabilities.append(dict(id=caps[key][0], category=cat, description=text,
                                         quantity=None, unit=""))
            orgs.append(dict(
                id=uid("org/" + o["key"]), name=o["name"], kind=o["kind"],
                region=region(area, o["level"], o["region"]), members=o["members"],
                capacity=o["capacity"], contact=dict(name="", role="秘书长", phone=""),
                capabilities=capabilities, notes="", created_at=STAMP, updated_at=STAMP,
                deleted=False))
    for area in AREAS:
        for vi, v in enumerate(area["villages"], 1):
            vkey = f"{area['key']}/{v['name']}"
            r = region(area, "county")
            r["township"] = v["township"]
            r.update(v["region"] or {})
            needs = []
            for ni, n in enumerate(v["needs"], 1):
                nkey = f"{vkey}/{ni}"
                for k in n["kinds"]:
                    assert k in KINDS, (nkey, k)
                expected = []
                for e in n["expected"]:
                    assert e in caps, (nkey, e)
                    expected.append(caps[e])
                cats = [c for _, c in expected]
                category = n["filed"] or cats[0]
                assert category in CATEGORIES, (nkey, category)
                kinds = [KINDS[k] for k in n["kinds"]]
                if category not in cats:
                    kinds.append("wrong_category")
                need_id = uid("need/" + nkey)
                needs.append(dict(id=need_id, category=category, description=n["text"],
                                  priority=n["priority"], quantity=None, unit="", status="open"))
                expectations.append(dict(need_id=need_id, key=nkey, kinds=kinds,
                                         expected=[i for i, _ in expected],
                                         expected_keys=n["expected"]))
            villages.append(dict(
                id=uid("village/" + vkey), name=v["name"], region=r, location=None,
                population=None, households=None, collective_income_wan=v["income"],
                arable_land_mu=None, forest_land_mu=None, industries=v["industries"],
                resources=v["resources"], contact=dict(name="", role="第一书记", phone=""),
                needs=needs, notes="", surveyed_on=SURVEYED, created_at=STAMP, updated_at=STAMP,
                deleted=False))
    programme = dict(format="qianshou-survey", version=1, exported_at=STAMP,
                     device_id=uid("device"), surveyor="评测集", villages=villages,
                     organizations=orgs, pairings=[], suggestions=[])
    return programme, dict(format="qianshou-eval-expectations", version=1, needs=expectations), caps


def tables():
    """Simplified → traditional (characters with one traditional form only, from the app's own
    OpenCC table) and character → its homophones (core/data/pinyin.txt)."""
    t2s = re.findall(r"\((\d+),(\d+)\)", (ROOT / "core/src/t2s_table.rs").read_text(encoding="utf-8"))
    s2t = {}
    for t, simp in t2s:
        s2t.setdefault(chr(int(simp)), []).append(chr(int(t)))
    s2t = {k: v[0] for k, v in s2t.items() if len(v) == 1}
    homophones = {}
    for line in (ROOT / "core/data/pinyin.txt").read_text(encoding="utf-8").splitlines():
        _, _, chars = line.partition(" ")
        for c in chars:
            homophones.setdefault(c, []).extend(x for x in chars if x != c)
    return s2t, homophones


def perturb(programme, expectations, seed):
    """The same set typed another way (see the module's doc): what the held-out check reads."""
    rng = random.Random(seed)
    s2t, homophones = tables()
    trad = lambda text: "".join(s2t.get(c, c) for c in text)
    by_need = {e["need_id"]: e for e in expectations["needs"]}
    cap_cat = {c["id"]: c["category"] for o in programme["organizations"] for c in o["capabilities"]}

    def place(r):
        for f in ("province", "city", "county"):
            if r[f] and rng.random() < 0.3 and len(r[f]) > 2 and r[f][-1] in "省市县区州":
                r[f] = r[f][:-1]
            if r[f] and rng.random() < 0.2:
                r[f] = trad(r[f])

    for v in programme["villages"]:
        place(v["region"])
        for n in v["needs"]:
            e = by_need[n["id"]]
            kinds = set(e["kinds"])
            if "traditional" not in kinds and rng.random() < 0.2:
                n["description"] = trad(n["description"])
                kinds.add("traditional")
            if "typo" not in kinds and rng.random() < 0.15:
                spots = [i for i, c in enumerate(n["description"]) if homophones.get(c)]
                if spots:
                    i = rng.choice(spots)
                    text = n["description"]
                    n["description"] = text[:i] + rng.choice(homophones[text[i]]) + text[i + 1:]
                    kinds.add("typo")
            if rng.random() < 1 / 6:
                n["category"] = rng.choice([c for c in CATEGORIES if c != n["category"]])
            kinds.discard("wrong_category")
            if n["category"] not in {cap_cat[i] for i in e["expected"]}:
                kinds.add("wrong_category")
            e["kinds"] = sorted(kinds, key=lambda k: list(KINDS.values()).index(k)
                                if k in KINDS.values() else len(KINDS))
        rng.shuffle(v["needs"])
    for o in programme["organizations"]:
        place(o["region"])
        rng.shuffle(o["capabilities"])
    rng.shuffle(programme["villages"])
    rng.shuffle(programme["organizations"])
    rng.shuffle(expectations["needs"])


def main():
    args = argparse.ArgumentParser(description="Builds the matcher's evaluation set.")
    args.add_argument("--seed", type=int, default=0, help="0: the set as written; N: typed another way")
    args.add_argument("--out", default=str(OUT), help="the folder to write both files to")
    args = args.parse_args()
    programme, expectations, caps = build()
    if args.seed:
        perturb(programme, expectations, args.seed)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in (("programme.json", programme), ("expectations.json", expectations)):
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (out / name).write_text(text, encoding="utf-8")
    needs = expectations["needs"]
    count = {}
    for n in needs:
        for k in n["kinds"]:
            count[k] = count.get(k, 0) + 1
    cats = {n["category"] for v in programme["villages"] for n in v["needs"]}
    cap_cats = {c for _, c in caps.values()}
    provinces = {v["region"]["province"] for v in programme["villages"]}
    print(f"{len(programme['villages'])} villages, {len(needs)} needs, "
          f"{len(programme['organizations'])} organisations, {len(caps)} capabilities, "
          f"{len(provinces)} provinces; need categories {len(cats)}/16, capability categories "
          f"{len(cap_cats)}/16; kinds {count}")


if __name__ == "__main__":
    main()
