#!/usr/bin/env python3
"""Builds the matcher's evaluation set (issue 12) from the hand-written tables below.

    python3 scripts/gen_eval.py          # writes core/eval/programme.json and core/eval/expectations.json

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
- Villages' and organisations' region fields are typed as people type them: 句容 / 句容市, 镇江 /
  镇江市, 武漢市 / 武汉市 (each village may override its area's spelling).
"""

import hashlib
import json
import pathlib
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
        ], region=dict(county="句容")),
        V("长青村", "茅山镇", 4.2, ["茶叶"], ["1200亩茶园", "紧邻茅山景区"], [
            N("茶叶压在仓库里走不动，去年的还有两千多斤", "col", "jr-tea.1", priority="high"),
            N("炒茶师傅年纪大了，年轻人不会做手工茶", "col", "jr-tea.2", filed="training"),
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
        ]),
        V("仓头村", "宝华镇", 25, ["蔬菜"], ["离南京城区20公里"], [
            N("村里五十岁上下的妇女想在家门口找点活干", "col", "jr-hr.1"),
            N("村口那段路坑坑洼洼，下雨天车都进不来", "col", "jr-build.1"),
            N("村里污水直接排到河里，夏天臭得很", "col", "jr-env.1"),
            N("老人多，村卫生室连个好用的血压计都没有", "col", "jr-hosp.1", filed="charity"),
        ]),
        V("伏热村", "后白镇", 2.8, ["水产养殖"], ["200亩鱼塘"], [
            N("有几户低保户和残疾人，过年想送点东西", "plain", "jr-char.1"),
            N("留守娃娃放学没人管，作业也没人辅导", "syn", "jr-edu.1", filed="charity"),
            N("土地丞包合同到期了有几户扯皮，想请律师看看", "typo", "jr-law.1"),
            N("村规民约十几年没改了", "plain", "jr-law.2"),
            N("鱼塘夏天老是缺氧死鱼，想找懂行的来指导", "col", "jr-agri.1"),
        ]),
    ],
))


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
            r = region(area, "county", v["region"])
            r["township"] = v["township"]
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


def main():
    programme, expectations, caps = build()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("programme.json", programme), ("expectations.json", expectations)):
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
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
