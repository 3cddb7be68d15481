//! Every string a person sees, in simplified Chinese first and English second.
//!
//! Components never hold visible text: they ask [`t`] for a [`Key`] in the current [`Lang`].

use crate::records::{Category, NeedStatus, OrganizationKind, PairingStatus, Priority};
use crate::validate::{Field, Part, Problem, ProblemKind};
use serde::{Deserialize, Serialize};

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language, in the order the language picker shows them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The BCP 47 tag, for the `lang` attribute of the document.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language's own name, as the picker shows it whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Zh => "简体中文",
            Lang::En => "English",
        }
    }

    /// The language with tag `tag`, if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.tag() == tag)
    }
}

macro_rules! texts {
    ($($key:ident => $zh:expr, $en:expr;)*) => {
        /// A visible string of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $(#[allow(missing_docs)] $key,)* }

        impl Key {
            /// Every key, for the completeness test.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];
        }

        /// The text of `key` in `lang`.
        pub fn t(lang: Lang, key: Key) -> &'static str {
            match (key, lang) {
                $((Key::$key, Lang::Zh) => $zh, (Key::$key, Lang::En) => $en,)*
            }
        }
    };
}

texts! {
    AppName => "牵手", "Qianshou";
    AppTagline => "乡村振兴结对调研", "Village pairing survey";
    NavVillages => "村庄", "Villages";
    NavOrganizations => "组织", "Organisations";
    NavMatches => "匹配", "Matches";
    NavData => "数据", "Data";
    NavSettings => "设置", "Settings";
    MainNavigation => "主导航", "Main navigation";
    VillagesTitle => "村庄调研", "Village surveys";
    VillagesEmpty => "还没有村庄记录。村庄调研功能即将上线。", "No villages yet. Village surveys are coming next.";
    OrganizationsTitle => "协会与企业", "Associations and enterprises";
    OrganizationsEmpty => "还没有组织记录。组织调研功能即将上线。", "No organisations yet. Organisation surveys are coming next.";
    MatchesTitle => "需求匹配", "Matching";
    DataTitle => "导入与导出", "Import and export";
    DataEmpty => "导出上传文件与导入同事文件的功能即将上线。", "Exporting for upload and importing colleagues' files are coming next.";
    SettingsTitle => "设置", "Settings";
    LanguageLabel => "界面语言", "Interface language";
    SurveyorLabel => "调研人姓名", "Surveyor's name";
    SurveyorHint => "写入导出文件，方便上级知道数据来自谁。", "Written into exported files so the office knows who collected the data.";
    DeviceIdLabel => "本机编号", "Device ID";
    SavedLocally => "已保存在本机", "Saved on this device";
    NotFoundTitle => "找不到这个页面", "Page not found";
    NotFoundBack => "返回村庄列表", "Back to villages";
    StorageUnavailable => "本机存储不可用：数据无法保存。请关闭无痕/隐私模式，或换用其他浏览器后再录入。", "Storage on this device cannot be used, so nothing can be saved. Turn off private browsing or use another browser before entering data.";
    StorageFull => "本机存储已满：新的修改无法保存。请先到“数据”页导出文件，再清理旧记录。", "Storage on this device is full: new changes cannot be saved. Export your data from the Data screen first, then remove old records.";
    StorageNewer => "本机数据由更新版本的牵手写入。请刷新以使用最新版本；在此之前不会改动数据。", "The data on this device was written by a newer version of Qianshou. Reload to get the latest version; nothing will be changed until then.";
    StorageCorrupt => "有一项本机数据无法读取，已原样保留。", "One stored entry could not be read; it has been kept as it is.";
    StorageOther => "保存数据时出错：", "Saving failed: ";
    UpdateReady => "新版本已就绪。", "A new version is ready.";
    OfflineUnavailable => "这个浏览器无法把牵手保存下来离线使用：没有网络时可能打不开。请用 Chrome 等浏览器通过 https 地址打开一次。", "This browser cannot keep Qianshou for offline use: it may not open without a network. Open it once over https in a browser such as Chrome.";
    UpdateNow => "立即更新", "Update now";
    UpdateLater => "稍后", "Later";
    Dismiss => "知道了", "OK";
    NewVillage => "新增村庄", "New village";
    NewOrganization => "新增组织", "New organisation";
    SearchVillages => "搜索村名、乡镇、县区", "Search by village, township, county";
    SearchOrganizations => "搜索名称、地区、能力", "Search by name, place, capability";
    FilterCounty => "县区", "County";
    AllCounties => "全部县区", "All counties";
    OnlyWeak => "只看薄弱村", "Weak villages only";
    WeakBadge => "薄弱村", "Weak";
    OpenNeedsCount => "{n} 项待对接需求", "{n} open needs";
    CapacityCount => "可结对 {n} 个村", "Can take {n} villages";
    CapabilitiesCount => "{n} 项能力", "{n} capabilities";
    NoMatchingVillages => "没有符合条件的村庄。", "No village matches.";
    NoMatchingOrganizations => "没有符合条件的组织。", "No organisation matches.";
    Unnamed => "（未命名）", "(no name)";
    BackToVillages => "返回村庄列表", "Back to villages";
    BackToOrganizations => "返回组织列表", "Back to organisations";
    RecordNotFound => "找不到这条记录，可能已被删除。", "This record was not found; it may have been deleted.";
    SectionBasics => "基本情况", "Basics";
    SectionPlace => "所在地", "Location";
    SectionEconomy => "人口、土地与集体经济", "People, land and collective economy";
    SectionIndustries => "产业与资源", "Industries and resources";
    SectionContact => "联系人", "Contact";
    SectionNeeds => "需求清单", "Needs";
    SectionCapabilities => "能力清单", "Capabilities";
    FieldName => "名称", "Name";
    FieldVillageName => "村名", "Village name";
    FieldProvince => "省", "Province";
    FieldCity => "市", "City";
    FieldCounty => "县（区）", "County / district";
    FieldTownship => "乡镇（街道）", "Township";
    FieldLatitude => "纬度", "Latitude";
    FieldLongitude => "经度", "Longitude";
    FieldPopulation => "户籍人口", "Population";
    FieldHouseholds => "户数", "Households";
    FieldIncome => "村集体经济年收入", "Collective income per year";
    FieldArable => "耕地", "Arable land";
    FieldForest => "林地", "Forest land";
    FieldIndustries => "特色产业", "Characteristic industries";
    FieldResources => "资源", "Resources";
    ListHint => "多项用顿号“、”或逗号分隔", "Separate several with commas";
    FieldContactName => "姓名", "Name";
    FieldContactRole => "职务", "Role";
    FieldContactPhone => "电话", "Phone";
    FieldNotes => "备注", "Notes";
    FieldSurveyedOn => "调研日期", "Survey date";
    FieldKind => "组织类型", "Kind of organisation";
    FieldMembers => "会员/员工数", "Members or staff";
    FieldCapacity => "可结对村数", "Villages it can take";
    FieldCategory => "类别", "Category";
    FieldDescription => "描述", "Description";
    FieldPriority => "紧急程度", "Priority";
    FieldQuantity => "数量", "Quantity";
    FieldUnit => "单位", "Unit";
    FieldStatus => "状态", "Status";
    FieldAmount => "金额", "Amount";
    FieldBeneficiaries => "受益人数", "Beneficiaries";
    FieldId => "编号", "ID";
    FieldVillage => "村庄", "Village";
    FieldOrganization => "组织", "Organisation";
    UnitPeople => "人", "people";
    UnitHouseholds => "户", "households";
    UnitWan => "万元", "×10,000 yuan";
    UnitMu => "亩", "mu";
    UnitVillages => "个", "villages";
    UseMyLocation => "使用当前位置", "Use my location";
    Locating => "正在定位…", "Finding your location…";
    LocationAccuracy => "精度约 {n} 米", "Accurate to about {n} m";
    LocationDenied => "未获得定位权限。可在浏览器设置中允许，或手动填写经纬度。", "Location permission was refused. Allow it in the browser settings, or type the coordinates.";
    LocationUnavailable => "暂时无法定位（可能没有卫星信号）。可稍后再试，或手动填写经纬度。", "Your location is not available right now (perhaps no satellite signal). Try again later, or type the coordinates.";
    LocationTimeout => "定位超时。请到室外再试，或手动填写经纬度。", "Finding your location took too long. Try again outdoors, or type the coordinates.";
    LocationUnsupported => "这个浏览器不支持定位。请手动填写经纬度。", "This browser cannot find your location. Please type the coordinates.";
    ClearLocation => "清除位置", "Clear location";
    AddNeed => "添加需求", "Add a need";
    AddCapability => "添加能力", "Add a capability";
    NeedNumber => "需求 {n}", "Need {n}";
    CapabilityNumber => "能力 {n}", "Capability {n}";
    NoNeeds => "还没有记录需求。", "No needs recorded yet.";
    NoCapabilities => "还没有记录能力。", "No capabilities recorded yet.";
    SuggestedCategory => "建议类别：", "Suggested category: ";
    AcceptSuggestion => "采用", "Use it";
    Remove => "移除", "Remove";
    Delete => "删除", "Delete";
    DeleteVillage => "删除这个村庄", "Delete this village";
    DeleteOrganization => "删除这个组织", "Delete this organisation";
    ConfirmDelete => "确定删除吗？删除后可以撤销。", "Delete it? You can undo this.";
    ConfirmRemoveNeed => "确定移除这项需求吗？", "Remove this need?";
    ConfirmRemoveCapability => "确定移除这项能力吗？", "Remove this capability?";
    Cancel => "取消", "Cancel";
    Deleted => "已删除", "Deleted";
    Removed => "已移除", "Removed";
    Undo => "撤销", "Undo";
    AutosaveNote => "每次修改都会自动保存在本机。", "Every change is saved on this device as you type.";
    SaveFailedKept => "这次修改没能保存，但仍显示在屏幕上。请先导出数据腾出空间。", "This change could not be saved, but it is still on screen. Export your data to make room first.";
    ChangedElsewhere => "这条记录刚在另一个窗口中被修改，已显示最新内容。", "This record was just changed in another window; the latest version is shown.";
    ProblemsTitle => "还需补充或更正：", "Still to complete or correct:";
    ProblemRequired => "不能为空", "must not be empty";
    ProblemNegative => "不能为负数", "must not be negative";
    ProblemOutOfRange => "超出有效范围（纬度 -90～90，经度 -180～180）", "is out of range (latitude −90 to 90, longitude −180 to 180)";
    ProblemAtLeastOne => "至少为 1", "must be at least 1";
    ProblemNotAnId => "不是有效的编号", "is not a valid ID";
    NotANumber => "请输入数字，例如 12 或 3.5", "Enter a number, such as 12 or 3.5";
    NotAnInteger => "请输入整数", "Enter a whole number";
    StorageUseLabel => "本机存储已用", "Storage used on this device";
    StorageUse => "{n}%（约 5 MB 上限；满了就无法保存，请定期导出）", "{n}% (of about 5 MB; when it is full nothing more can be saved, so export regularly)";
    StorageNearlyFull => "本机存储已用 {n}%，快满了。请尽快到“数据”页导出文件。", "Storage on this device is {n}% full. Export your data from the Data screen soon.";
    ShowMore => "显示更多（还有 {n} 个）", "Show more ({n} left)";
    VillageCount => "共 {n} 个村庄", "{n} villages";
    OrganizationCount => "共 {n} 个组织", "{n} organisations";
    NewVillageTitle => "新村庄", "New village";
    NewOrganizationTitle => "新组织", "New organisation";
    ShowMatches => "查看匹配建议", "Show matches";
    RefreshMatches => "重新匹配", "Match again";
    NoMatches => "暂时没有合适的组织。可以补充需求描述，或先录入更多组织的能力。", "No suitable organisation yet. Add detail to the need, or record more organisations' capabilities.";
    MatchesFor => "匹配建议（按匹配度排序）", "Suggestions, best first";
    MatchScore => "匹配度 {n}%", "Match {n}%";
    Accept => "接受", "Accept";
    Accepted => "已加入结对意向", "Added to a pairing intent";
    PlanTitle => "结对方案", "Pairing plan";
    PlanHint => "为所有待对接需求一次性安排结对：不超过各组织名额，优先照顾有紧急需求、尚无结对的村。", "Pairs organisations with villages for all open needs at once: within every organisation's places, villages with urgent needs and no partner first.";
    MakePlan => "生成方案", "Make a plan";
    Planning => "正在计算方案…", "Working out the plan…";
    PlanEmpty => "没有可安排的结对：需要有待对接的需求和尚有名额的组织。", "Nothing to pair: the plan needs open needs and organisations with places left.";
    PlanTotals => "覆盖 {v} 个村（其中薄弱村 {w} 个）、{n} 项需求", "Covers {v} villages ({w} weak) and {n} needs";
    AcceptAll => "全部接受", "Accept all";
    NeedsCovered => "覆盖需求：", "Needs covered: ";
    PairingsTitle => "结对项目", "Pairings";
    NoPairings => "还没有结对项目。接受匹配建议或结对方案后会出现在这里。", "No pairings yet. They appear here once a suggestion or a plan is accepted.";
    FieldSignedOn => "签约日期", "Signed on";
    UnitPeopleReached => "人", "people";
    ReasonSameCategory => "同类需求", "Same area";
    ReasonRelatedCategory => "相关领域", "Related area";
    ReasonSharedTerm => "共同关键词：", "Shared words: ";
    ReasonSameTownship => "同乡镇", "Same township";
    ReasonSameCounty => "同县", "Same county";
    ReasonSameCity => "同市", "Same city";
    ReasonSameProvince => "同省", "Same province";
    ReasonCapacityLeft => "剩余名额 {n}", "{n} places left";
    ReasonHighPriority => "紧急需求", "Urgent need";
    ReasonWeakVillage => "薄弱村", "Weak village";
    QuarantinedEntries => "有 {n} 项本机数据无法读取，已原样另存，其余数据正常。", "{n} stored entries could not be read; they were set aside as they were, and everything else loaded.";
}

/// The text of `key` with `{n}` replaced by `n`.
pub fn tn(lang: Lang, key: Key, n: impl std::fmt::Display) -> String {
    t(lang, key).replace("{n}", &n.to_string())
}

macro_rules! labels {
    ($(#[$doc:meta])* $fn:ident($ty:ty) { $($variant:ident => $zh:expr, $en:expr;)* }) => {
        $(#[$doc])*
        pub fn $fn(lang: Lang, value: $ty) -> &'static str {
            match (value, lang) {
                $((<$ty>::$variant, Lang::Zh) => $zh, (<$ty>::$variant, Lang::En) => $en,)*
            }
        }
    };
}

labels! {
    /// The name of a category (FORMAT.md's table, in Chinese first).
    category(Category) {
        Sales => "产销对接", "Sales";
        Agritech => "种养技术", "Farming know-how";
        Investment => "产业项目", "Investment projects";
        Tourism => "文旅康养", "Tourism and wellness";
        Finance => "金融信贷", "Finance and credit";
        Digital => "信息化", "Digital services";
        Infrastructure => "基础设施", "Infrastructure";
        Environment => "人居环境", "Living environment";
        Training => "技能培训", "Skills training";
        Employment => "就业岗位", "Jobs";
        Education => "教育助学", "Education";
        Charity => "公益帮扶", "Charity";
        Health => "医疗健康", "Health";
        Legal => "法律服务", "Legal services";
        Governance => "乡村治理", "Village governance";
        Other => "其他", "Other";
    }
}

labels! {
    /// The name of a kind of organisation.
    organization_kind(OrganizationKind) {
        IndustryAssociation => "行业协会", "Industry association";
        ChamberOfCommerce => "商会", "Chamber of commerce";
        PrivateEnterprise => "民营企业", "Private enterprise";
        StateOwnedEnterprise => "国有企业", "State-owned enterprise";
        FinancialInstitution => "金融机构", "Financial institution";
        ResearchInstitution => "科研院所", "Research institution";
        SocialOrganization => "社会组织", "Social organisation";
        Other => "其他", "Other";
    }
}

labels! {
    /// The name of a priority.
    priority(Priority) {
        High => "紧急", "High";
        Medium => "一般", "Medium";
        Low => "不急", "Low";
    }
}

labels! {
    /// The name of a need's status.
    need_status(NeedStatus) {
        Open => "待对接", "Open";
        Matched => "已对接", "Matched";
        Met => "已解决", "Met";
    }
}

labels! {
    /// The name of a pairing's status.
    pairing_status(PairingStatus) {
        Intent => "意向", "Intent";
        Signed => "已签约", "Signed";
        InProgress => "实施中", "In progress";
        Completed => "已完成", "Completed";
        Cancelled => "已取消", "Cancelled";
    }
}

/// A match reason in words, as the suggestion lists show it.
pub fn reason(lang: Lang, r: &crate::matcher::Reason) -> String {
    use crate::matcher::Reason::*;
    match r {
        SameCategory => t(lang, Key::ReasonSameCategory).into(),
        RelatedCategory => t(lang, Key::ReasonRelatedCategory).into(),
        SharedTerm(term) => format!("{}{term}", t(lang, Key::ReasonSharedTerm)),
        SameTownship => t(lang, Key::ReasonSameTownship).into(),
        SameCounty => t(lang, Key::ReasonSameCounty).into(),
        SameCity => t(lang, Key::ReasonSameCity).into(),
        SameProvince => t(lang, Key::ReasonSameProvince).into(),
        CapacityLeft(n) => tn(lang, Key::ReasonCapacityLeft, n),
        HighPriority => t(lang, Key::ReasonHighPriority).into(),
        WeakVillage => t(lang, Key::ReasonWeakVillage).into(),
    }
}

/// The label of a field, as the form shows it and as problems name it.
pub fn field(lang: Lang, field: Field) -> &'static str {
    let key = match field {
        Field::Id => Key::FieldId,
        Field::Name => Key::FieldName,
        Field::Population => Key::FieldPopulation,
        Field::Households => Key::FieldHouseholds,
        Field::CollectiveIncome => Key::FieldIncome,
        Field::ArableLand => Key::FieldArable,
        Field::ForestLand => Key::FieldForest,
        Field::Latitude => Key::FieldLatitude,
        Field::Longitude => Key::FieldLongitude,
        Field::Description => Key::FieldDescription,
        Field::Quantity => Key::FieldQuantity,
        Field::Members => Key::FieldMembers,
        Field::Capacity => Key::FieldCapacity,
        Field::Amount => Key::FieldAmount,
        Field::Beneficiaries => Key::FieldBeneficiaries,
        Field::Village => Key::FieldVillage,
        Field::Organization => Key::FieldOrganization,
    };
    t(lang, key)
}

/// A problem in words: "需求 2 · 描述：不能为空".
pub fn problem(lang: Lang, p: &Problem) -> String {
    let what = t(
        lang,
        match p.kind {
            ProblemKind::Required => Key::ProblemRequired,
            ProblemKind::Negative => Key::ProblemNegative,
            ProblemKind::OutOfRange => Key::ProblemOutOfRange,
            ProblemKind::AtLeastOne => Key::ProblemAtLeastOne,
            ProblemKind::NotAnId => Key::ProblemNotAnId,
        },
    );
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let place = match p.part {
        Part::Record => String::new(),
        Part::Need(i) => tn(lang, Key::NeedNumber, i + 1) + " · ",
        Part::Capability(i) => tn(lang, Key::CapabilityNumber, i + 1) + " · ",
    };
    format!("{place}{}{sep}{what}", field(lang, p.field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_text_in_every_language() {
        for &key in Key::ALL {
            for lang in Lang::ALL {
                assert!(
                    !t(lang, key).trim().is_empty(),
                    "{key:?} is empty in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn every_code_has_a_label_in_every_language() {
        for lang in Lang::ALL {
            assert!(Category::ALL.iter().all(|&c| !category(lang, c).is_empty()));
            assert!(OrganizationKind::ALL
                .iter()
                .all(|&k| !organization_kind(lang, k).is_empty()));
        }
        assert_eq!(category(Lang::Zh, Category::Sales), "产销对接");
        assert_eq!(category(Lang::Zh, Category::Governance), "乡村治理");
    }

    #[test]
    fn problems_read_as_sentences() {
        let p = Problem {
            part: Part::Need(1),
            field: Field::Description,
            kind: ProblemKind::Required,
        };
        assert_eq!(problem(Lang::Zh, &p), "需求 2 · 描述：不能为空");
        assert_eq!(
            problem(Lang::En, &p),
            "Need 2 · Description: must not be empty"
        );
        let p = Problem {
            part: Part::Record,
            field: Field::Population,
            kind: ProblemKind::Negative,
        };
        assert_eq!(problem(Lang::Zh, &p), "户籍人口：不能为负数");
    }

    #[test]
    fn chinese_is_the_default_and_tags_round_trip() {
        assert_eq!(Lang::default(), Lang::Zh);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
