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
    NavOrganizationsShort => "组织", "Orgs";
    NavMatches => "匹配", "Matches";
    NavData => "数据", "Data";
    NavDashboard => "概览", "Overview";
    NavSettings => "设置", "Settings";
    MainNavigation => "主导航", "Main navigation";
    VillagesTitle => "村庄调研", "Village surveys";
    VillagesEmpty => "还没有村庄记录。村庄调研功能即将上线。", "No villages yet. Village surveys are coming next.";
    OrganizationsTitle => "协会与企业", "Associations and enterprises";
    OrganizationsEmpty => "还没有组织记录。组织调研功能即将上线。", "No organisations yet. Organisation surveys are coming next.";
    MatchesTitle => "需求匹配", "Matching";
    DataTitle => "导入与导出", "Import and export";
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
    ChangedElsewhere => "这条记录刚在另一个窗口中被修改，两边的修改已合并。", "This record was just changed in another window; the changes made in both were merged.";
    KeepMine => "改回本窗口的", "Keep this window's";
    ChangedElsewhereConflict => "这条记录刚在另一个窗口中被修改，有同一栏两边都改了：已保留较晚的修改，请核对。", "This record was just changed in another window, and both changed the same field: the later change was kept. Please check it.";
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
    ReasonCapacityLeft => "剩余名额 {n}", "Places left: {n}";
    ReasonHighPriority => "紧急需求", "Urgent need";
    ReasonWeakVillage => "薄弱村", "Weak village";
    ReasonWordsPointToCategory => "需求描述指向该领域", "The need's words point to this area";
    ReasonConcept => "意思相近：{a}≈{b}", "Same meaning: {a} ≈ {b}";
    ReasonHomophone => "疑为拼音输入误差：{a}→{b}", "Likely a pinyin slip: {a} → {b}";
    FieldContactPerson => "联系人姓名", "Contact name";
    FieldCreatedAt => "创建时间", "Created at";
    FieldUpdatedAt => "修改时间", "Updated at";
    FieldDeleted => "已删除标记", "Deleted flag";
    FieldNeedIds => "覆盖的需求", "Needs covered";
    FieldCapabilityIds => "使用的能力", "Capabilities used";
    FieldLocation => "位置", "Location";
    FieldExportedAt => "导出时间", "Exported at";
    DataHint => "把本机数据导出成文件上传或发给同事；也可以导入同事的文件合并到本机。导出不需要网络。", "Export this device's data as a file to upload or send to a colleague, or import a colleague's file into this device. Exporting needs no network.";
    ExportTitle => "导出上传文件", "Export for upload";
    LastExportNever => "还没有导出过。本机共有 {n} 条记录尚未交出。", "Nothing has been exported yet. {n} records on this device have not been handed on.";
    LastExportAt => "上次导出：{at}（{file}）。", "Last export: {at} ({file}).";
    ChangedSinceExport => "之后有 {n} 条记录有改动，尚未交出。", "{n} records have changed since and have not been handed on.";
    NothingChangedSinceExport => "之后没有改动，数据都已交出。", "Nothing has changed since; everything has been handed on.";
    ScopeLabel => "导出范围", "What to export";
    ScopeAll => "全部数据", "Everything";
    ScopeChanged => "上次导出后改动的", "Changes since the last export";
    ScopeVillages => "选定的村庄", "Chosen villages";
    ChooseVillages => "选择要导出的村庄", "Choose the villages to export";
    WithSuggestions => "附带当前的匹配建议", "Include the current match suggestions";
    ExportSummary => "文件将包含：{v} 个村庄、{o} 个组织、{p} 个结对项目。", "The file will hold {v} villages, {o} organisations and {p} pairings.";
    ExportNothing => "没有可导出的记录。", "There is nothing to export.";
    LeftOutTitle => "以下记录信息不完整，这次不导出（补全后即可导出）：", "These records are incomplete and are left out this time (complete them to export them):";
    LeftOutPartner => "所结对的村庄或组织不完整，一并暂缓导出", "its village or organisation is incomplete, so it waits too";
    DeletedRecord => "（已删除）", "(deleted)";
    RecordVillage => "村庄 {n}", "Village {n}";
    RecordOrganization => "组织 {n}", "Organisation {n}";
    RecordPairing => "结对 {n}", "Pairing {n}";
    RecordFileInfo => "文件信息", "File details";
    DownloadFile => "下载文件", "Download the file";
    ShareFile => "分享到其他应用", "Share to another app";
    Exported => "已导出 {file}。", "Exported {file}.";
    ExportNotRemembered => "文件已生成，但本机存储已满，没能记下这次导出。", "The file was made, but storage is full, so this export could not be remembered.";
    ShareFailed => "分享没有完成。可以改用“下载文件”。", "Sharing did not finish. Use \"Download the file\" instead.";
    SheetsTitle => "导出表格", "Spreadsheets";
    SheetsHint => "给办公室用的表格（表头为中文，已删除的记录不含在内）。CSV 每个表一个文件；Excel 工作簿一个文件含全部五个表。", "Tables for the office (Chinese headers; deleted records left out). CSV is one file per table; the Excel workbook holds all five tables.";
    SheetCsv => "{n}（CSV）", "{n} (CSV)";
    PreparingFile => "正在准备文件…", "Preparing the file…";
    ExportFailed => "没能生成文件：", "The file could not be made: ";
    SheetXlsx => "Excel 工作簿（.xlsx）", "Excel workbook (.xlsx)";
    ImportTitle => "导入同事的文件", "Import a colleague's file";
    ImportHint => "先检查整个文件，确认后才合并：按编号合并，较新的修改为准，文件没有提到的本机记录不会改动。导入后可以撤销。", "The whole file is checked first and merged only when you confirm: by ID, the later change wins, and records the file does not mention are left alone. You can undo the import.";
    ChooseFile => "选择文件（.json）", "Choose a file (.json)";
    Checking => "正在检查文件…", "Checking the file…";
    PreviewTitle => "文件来自 {who}，导出于 {at}。导入将会：", "The file is from {who}, exported {at}. Importing it will:";
    PreviewVillages => "村庄：新增 {new}，更新 {updated}，删除 {deleted}，保留本机较新的 {kept}，相同 {same}", "Villages: {new} new, {updated} updated, {deleted} deleted, {kept} kept because yours is newer, {same} the same";
    PreviewOrganizations => "组织：新增 {new}，更新 {updated}，删除 {deleted}，保留本机较新的 {kept}，相同 {same}", "Organisations: {new} new, {updated} updated, {deleted} deleted, {kept} kept because yours is newer, {same} the same";
    PreviewPairings => "结对：新增 {new}，更新 {updated}，删除 {deleted}，保留本机较新的 {kept}，相同 {same}", "Pairings: {new} new, {updated} updated, {deleted} deleted, {kept} kept because yours is newer, {same} the same";
    PreviewNothing => "这个文件里没有比本机更新的内容，导入不会改变任何数据。", "Nothing in this file is newer than what is here; importing changes nothing.";
    ConfirmImport => "确认导入", "Import";
    Importing => "正在导入…", "Importing…";
    Imported => "已导入：写入 {n} 条记录。", "Imported: {n} records written.";
    ImportFailedStorage => "导入没有完成，本机数据保持原样：", "The import did not finish and nothing was changed: ";
    UndoImportTitle => "撤销导入", "Undo the import";
    UndoImportHint => "{at} 导入了 {who} 的文件，写入 {n} 条记录。撤销会把这些记录恢复到导入前；导入后又修改过的记录会保留。", "At {at} a file from {who} was imported, writing {n} records. Undo puts them back as they were; records changed since are kept.";
    UndoImport => "撤销这次导入", "Undo this import";
    ConfirmUndoImport => "确定撤销这次导入吗？", "Undo this import?";
    ImportUndone => "已撤销导入：恢复 {n} 条记录。", "Import undone: {n} records put back.";
    ImportUndoneKept => "另有 {n} 条导入后修改过的记录保留未动。", "{n} records changed after the import were kept.";
    UnknownSurveyor => "未署名的调研人", "an unnamed surveyor";
    ImportRefused => "没有导入：", "Not imported: ";
    ImportTooLarge => "文件太大（{n} MB），不像调研数据文件。请确认选对了文件。", "The file is too large ({n} MB) to be survey data. Check that you picked the right file.";
    ImportEmpty => "文件是空的。", "The file is empty.";
    ImportNotText => "这不是文本文件。请选择牵手导出的 .json 文件。", "This is not a text file. Choose a .json file exported by Qianshou.";
    ImportNotJson => "文件内容不是有效的 JSON（第 {line} 行第 {col} 列附近出错），可能不完整或已损坏。", "The file is not valid JSON (error near line {line}, column {col}); it may be incomplete or damaged.";
    ImportTooDeep => "文件的层级嵌套过深，不是牵手的数据文件。", "The file is nested far too deeply to be a Qianshou data file.";
    ImportNotSurvey => "这是 JSON 文件，但不是牵手的调研数据文件。", "This is a JSON file, but not a Qianshou survey file.";
    ImportNewer => "这个文件由更新版本的牵手导出（格式版本 {n}），本机只能读取版本 1。请先更新牵手再导入。", "This file was exported by a newer Qianshou (format version {n}); this app reads version 1. Update Qianshou, then import it.";
    ImportInvalid => "文件中有 {n} 处问题，没有导入任何内容。请让对方修正后重新导出：", "The file has {n} problems, so nothing was imported. Ask the sender to fix them and export again:";
    ImportMore => "……另有 {n} 处问题", "…and {n} more";
    ProblemMissing => "缺少此项", "is missing";
    ProblemWrongValue => "“{v}”不是有效的值：", "\"{v}\" is not valid: ";
    ExpectDate => "应为 YYYY-MM-DD 格式的日期", "expected a date such as 2026-11-22";
    ExpectTimestamp => "应为带时区的时间，如 2026-11-22T09:30:00+08:00", "expected a time with its offset, such as 2026-11-22T09:30:00+08:00";
    ExpectCode => "不是可用的代码", "not one of the codes of the format";
    ExpectNumber => "应为数字", "expected a number";
    ExpectInteger => "应为整数", "expected a whole number";
    ExpectText => "应为文字", "expected text";
    ExpectList => "应为列表", "expected a list";
    ExpectObject => "应为对象", "expected an object";
    ExpectBool => "应为 true 或 false", "expected true or false";
    ExpectId => "应为 UUID 编号", "expected a UUID";
    ProblemDuplicateId => "编号与文件中另一条记录重复", "the ID is used by another record in the file";
    ProblemMissingVillage => "指向的村庄在文件和本机中都不存在", "names a village that is neither in the file nor on this device";
    ProblemMissingOrganization => "指向的组织在文件和本机中都不存在", "names an organisation that is neither in the file nor on this device";
    ProblemMissingNeed => "包含该村没有的需求", "names a need the village does not have";
    ProblemMissingCapability => "包含该组织没有的能力", "names a capability the organisation does not have";
    ProblemOutOfYears => "须在 2000 年至 2100 年之间", "must be between the years 2000 and 2100";
    ProblemLeapSecond => "秒数为 60 的时间只能是协调世界时 23:59:60（闰秒）", "has second 60, which is only valid as the leap second 23:59:60 UTC";
    ProblemTooMany => "一个结对最多覆盖 1000 项", "a pairing may name at most 1,000";
    ProblemIdOnDevice => "编号与本机另一条记录重复", "the ID is already used by another record on this device";
    CorrectionsTitle => "以下内容与格式不完全一致，导入时会这样更正：", "These values do not quite follow the format and will be corrected on import:";
    CorrectedTo => "“{from}”将按 {to} 导入", "\"{from}\" will be imported as {to}";
    ImportUndoDropped => "存储空间不足以保存撤销信息：导入已完成，但这次导入不能撤销。", "Storage is too full to keep undo information: the import is done, but it cannot be undone.";
    DashboardTitle => "工作概览", "Overview";
    FilterTownship => "乡镇（街道）", "Township";
    AllTownships => "全部乡镇", "All townships";
    FilterFrom => "起始日期", "From";
    FilterTo => "截止日期", "To";
    DateRangeHint => "日期按村庄的调研日期、结对的签约日期（未签约的按创建日期）筛选。", "Dates choose villages by survey date, and pairings by signing date (or, unsigned, the day they were made).";
    FigVillages => "调研村庄", "Villages surveyed";
    FigWeak => "其中薄弱村", "Weak villages";
    FigOrganizations => "参与组织", "Organisations";
    FigNeedsOpen => "待对接需求", "Open needs";
    FigNeedsMatched => "已对接需求", "Matched needs";
    FigNeedsMet => "已解决需求", "Needs met";
    FigAmount => "投入金额（万元）", "Committed (×10,000 yuan)";
    FigBeneficiaries => "受益人数", "People reached";
    FigAmountHint => "金额与受益人数只计已签约、实施中和已完成的结对。", "Money and people count only pairings signed, in progress or completed.";
    ChartPairings => "结对项目按状态", "Pairings by stage";
    ChartNeedsByCategory => "需求按类别", "Needs by area";
    ChartNeedsByGroup => "需求按五大行动", "Needs by action";
    ChartCoverageCounty => "各县（区）有结对的村庄占比", "Villages with a partner, by county";
    ChartCoverageTownship => "各乡镇有结对的村庄占比", "Villages with a partner, by township";
    CoverageValue => "{c}/{v} 村（{p}%）", "{c} of {v} ({p}%)";
    ChartFunnel => "结对进展", "Pairing progress";
    FunnelHint => "每一级包含已进入后续阶段的项目；已取消的 {n} 个不计入。", "Each stage includes the projects that went further; {n} cancelled are left out.";
    NoDataYet => "还没有数据。", "No data yet.";
    NotRecorded => "未填写", "Not recorded";
    AttentionTitle => "需要关注", "Needs attention";
    AttWeakUnpaired => "尚无结对的薄弱村（{n}）", "Weak villages with no partner ({n})";
    AttStale => "超过 30 天仍待对接的紧急需求（{n}）", "Urgent needs open for more than 30 days ({n})";
    AttSpare => "还有名额的组织（{n}）", "Organisations with places left ({n})";
    AttNotExported => "尚未导出的记录：{n} 条", "Records not exported yet: {n}";
    AttNone => "暂无", "None";
    DaysOpen => "已 {n} 天", "{n} days";
    GoExport => "去导出", "Export now";
    GroupIndustry => "产业振兴", "Industry";
    GroupEnvironment => "环境共治", "Environment";
    GroupTalent => "人才培养", "Talent";
    GroupRelief => "扶弱济困", "Relief";
    GroupGovernance => "乡村治理", "Governance";
    GroupOther => "其他", "Other";
    ReportLink => "村情报告（可打印）", "Village report (printable)";
    ReportTitle => "村情与需求 · 一村一策", "Village profile and needs";
    ReportSituation => "村情", "Situation";
    ReportSuggestions => "匹配建议", "Suggested partners";
    ReportNoSuggestions => "暂无匹配建议", "No suggestions";
    ReportNoNeeds => "暂无需求", "No needs";
    Print => "打印 / 存为 PDF", "Print / save as PDF";
    ReportMade => "{at} 由牵手生成", "Made {at} with Qianshou";
    BackToVillage => "返回村庄", "Back to the village";
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

/// A storage failure in words, as the banner and the import show it.
pub fn storage_error(lang: Lang, e: &crate::storage::StorageError) -> String {
    use crate::storage::StorageError::*;
    match e {
        QuotaExceeded => t(lang, Key::StorageFull).to_owned(),
        Unavailable(_) => t(lang, Key::StorageUnavailable).to_owned(),
        NewerSchema { .. } => t(lang, Key::StorageNewer).to_owned(),
        Corrupt { .. } => t(lang, Key::StorageCorrupt).to_owned(),
        Other(detail) => format!("{}{detail}", t(lang, Key::StorageOther)),
    }
}

/// The name of an action group, or "other" for `None`.
pub fn group(lang: Lang, g: Option<crate::records::ActionGroup>) -> &'static str {
    use crate::records::ActionGroup::*;
    t(
        lang,
        match g {
            Some(Industry) => Key::GroupIndustry,
            Some(Environment) => Key::GroupEnvironment,
            Some(Talent) => Key::GroupTalent,
            Some(Relief) => Key::GroupRelief,
            Some(Governance) => Key::GroupGovernance,
            None => Key::GroupOther,
        },
    )
}

/// A match reason in words, as the suggestion lists show it.
pub fn reason(lang: Lang, r: &crate::matching::score::Reason) -> String {
    use crate::matching::score::Reason::*;
    match r {
        SameCategory => t(lang, Key::ReasonSameCategory).into(),
        RelatedCategory => t(lang, Key::ReasonRelatedCategory).into(),
        WordsPointToCategory => t(lang, Key::ReasonWordsPointToCategory).into(),
        SharedTerm(term) => format!("{}{term}", t(lang, Key::ReasonSharedTerm)),
        Concept(a, b) => t(lang, Key::ReasonConcept)
            .replace("{a}", a)
            .replace("{b}", b),
        Homophone(a, b) => t(lang, Key::ReasonHomophone)
            .replace("{a}", a)
            .replace("{b}", b),
        SameTownship => t(lang, Key::ReasonSameTownship).into(),
        SameCounty => t(lang, Key::ReasonSameCounty).into(),
        SameCity => t(lang, Key::ReasonSameCity).into(),
        SameProvince => t(lang, Key::ReasonSameProvince).into(),
        CapacityLeft(n) => tn(lang, Key::ReasonCapacityLeft, n),
        HighPriority => t(lang, Key::ReasonHighPriority).into(),
        WeakVillage => t(lang, Key::ReasonWeakVillage).into(),
    }
}

/// All the reasons of a suggestion in words, as one line: the shared words are named together
/// ("共同关键词：中草药种植、指导"), the rest in order, " · " between them.
pub fn reasons(lang: Lang, reasons: &[crate::matching::score::Reason]) -> String {
    use crate::matching::score::Reason::SharedTerm;
    let terms: Vec<&str> = reasons
        .iter()
        .filter_map(|r| match r {
            SharedTerm(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let list_sep = if lang == Lang::Zh { "、" } else { ", " };
    let mut parts = Vec::new();
    let mut terms_named = false;
    for r in reasons {
        match r {
            SharedTerm(_) if terms_named => {}
            SharedTerm(_) => {
                terms_named = true;
                parts.push(format!(
                    "{}{}",
                    t(lang, Key::ReasonSharedTerm),
                    terms.join(list_sep)
                ));
            }
            other => parts.push(reason(lang, other)),
        }
    }
    parts.join(" · ")
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
        Field::Province => Key::FieldProvince,
        Field::City => Key::FieldCity,
        Field::County => Key::FieldCounty,
        Field::Township => Key::FieldTownship,
        Field::Location => Key::FieldLocation,
        Field::Industries => Key::FieldIndustries,
        Field::Resources => Key::FieldResources,
        Field::ContactName => Key::FieldContactPerson,
        Field::ContactRole => Key::FieldContactRole,
        Field::ContactPhone => Key::FieldContactPhone,
        Field::Needs => Key::SectionNeeds,
        Field::Capabilities => Key::SectionCapabilities,
        Field::Notes => Key::FieldNotes,
        Field::SurveyedOn => Key::FieldSurveyedOn,
        Field::CreatedAt => Key::FieldCreatedAt,
        Field::UpdatedAt => Key::FieldUpdatedAt,
        Field::Deleted => Key::FieldDeleted,
        Field::Kind => Key::FieldKind,
        Field::Category => Key::FieldCategory,
        Field::Priority => Key::FieldPriority,
        Field::Status => Key::FieldStatus,
        Field::Unit => Key::FieldUnit,
        Field::SignedOn => Key::FieldSignedOn,
        Field::NeedIds => Key::FieldNeedIds,
        Field::CapabilityIds => Key::FieldCapabilityIds,
        Field::Region => Key::SectionPlace,
        Field::Contact => Key::SectionContact,
        Field::ExportedAt => Key::FieldExportedAt,
        Field::DeviceId => Key::DeviceIdLabel,
        Field::Surveyor => Key::SurveyorLabel,
    };
    t(lang, key)
}

fn problem_key(kind: ProblemKind) -> Key {
    match kind {
        ProblemKind::Required => Key::ProblemRequired,
        ProblemKind::Negative => Key::ProblemNegative,
        ProblemKind::OutOfRange => Key::ProblemOutOfRange,
        ProblemKind::AtLeastOne => Key::ProblemAtLeastOne,
        ProblemKind::NotAnId => Key::ProblemNotAnId,
        ProblemKind::OutOfYears => Key::ProblemOutOfYears,
        ProblemKind::LeapSecond => Key::ProblemLeapSecond,
        ProblemKind::TooMany => Key::ProblemTooMany,
    }
}

/// A problem in words: "需求 2 · 描述：不能为空".
pub fn problem(lang: Lang, p: &Problem) -> String {
    let what = t(lang, problem_key(p.kind));
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let place = match p.part {
        Part::Record => String::new(),
        Part::Need(i) => tn(lang, Key::NeedNumber, i + 1) + " · ",
        Part::Capability(i) => tn(lang, Key::CapabilityNumber, i + 1) + " · ",
    };
    format!("{place}{}{sep}{what}", field(lang, p.field))
}

/// What kind of value a field holds, for telling what a file got wrong.
fn expectation(field: Option<Field>) -> Key {
    use Field::*;
    match field {
        Some(SurveyedOn | SignedOn) => Key::ExpectDate,
        Some(CreatedAt | UpdatedAt | ExportedAt) => Key::ExpectTimestamp,
        Some(Category | Priority | Status | Kind) => Key::ExpectCode,
        Some(Population | Households | Members | Capacity | Beneficiaries) => Key::ExpectInteger,
        Some(
            CollectiveIncome | ArableLand | ForestLand | Quantity | Amount | Latitude | Longitude,
        ) => Key::ExpectNumber,
        Some(Industries | Resources | Needs | Capabilities | NeedIds | CapabilityIds) => {
            Key::ExpectList
        }
        Some(Deleted) => Key::ExpectBool,
        Some(Region | Contact | Location) | None => Key::ExpectObject,
        Some(Id | Village | Organization | DeviceId) => Key::ExpectId,
        Some(
            Name | Description | Province | City | County | Township | ContactName | ContactRole
            | ContactPhone | Notes | Unit | Surveyor,
        ) => Key::ExpectText,
    }
}

/// Where in a file a problem is, in words: "村庄 3「马埂村」 · 需求 1 · 类别".
pub fn spot(lang: Lang, spot: &crate::import::Spot) -> String {
    use crate::interchange::RecordKind;
    let mut out = match &spot.record {
        None => t(lang, Key::RecordFileInfo).to_owned(),
        Some((kind, index, name)) => {
            let key = match kind {
                RecordKind::Village => Key::RecordVillage,
                RecordKind::Organization => Key::RecordOrganization,
                RecordKind::Pairing => Key::RecordPairing,
            };
            let mut s = tn(lang, key, index + 1);
            if !name.trim().is_empty() {
                s.push_str(&format!("「{name}」"));
            }
            s
        }
    };
    match spot.part {
        Part::Record => {}
        Part::Need(i) => out.push_str(&format!(" · {}", tn(lang, Key::NeedNumber, i + 1))),
        Part::Capability(i) => {
            out.push_str(&format!(" · {}", tn(lang, Key::CapabilityNumber, i + 1)))
        }
    }
    match spot.field {
        Some(f) => out.push_str(&format!(" · {}", field(lang, f))),
        None if spot.record.is_none() => out.push_str(&format!(" · {}", spot.path)),
        None => {}
    }
    out
}

/// A problem of an imported file in words: "村庄 3「马埂村」 · 需求 1 · 类别：“agri”不是有效的值：不是可用的代码".
pub fn file_problem(lang: Lang, p: &crate::import::FileProblem) -> String {
    use crate::import::FileProblemKind::*;
    let what = match &p.kind {
        Missing => t(lang, Key::ProblemMissing).to_owned(),
        WrongValue(v) => {
            t(lang, Key::ProblemWrongValue).replace("{v}", v) + t(lang, expectation(p.spot.field))
        }
        Rule(kind) => t(lang, problem_key(*kind)).to_owned(),
        DuplicateId => t(lang, Key::ProblemDuplicateId).to_owned(),
        MissingVillage => t(lang, Key::ProblemMissingVillage).to_owned(),
        MissingOrganization => t(lang, Key::ProblemMissingOrganization).to_owned(),
        MissingNeed => t(lang, Key::ProblemMissingNeed).to_owned(),
        MissingCapability => t(lang, Key::ProblemMissingCapability).to_owned(),
        IdOnDevice => t(lang, Key::ProblemIdOnDevice).to_owned(),
    };
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    format!("{}{sep}{what}", spot(lang, &p.spot))
}

/// A value a file writes otherwise than the format, in words, as the import's preview lists it:
/// "村庄 1「马埂村」 · 调研日期：“2024-2-3”将按 2024-02-03 导入".
pub fn correction(lang: Lang, c: &crate::import::Correction) -> String {
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    let what = t(lang, Key::CorrectedTo)
        .replace("{from}", &c.from)
        .replace("{to}", &c.to);
    format!("{}{sep}{what}", spot(lang, &c.spot))
}

/// Why a file cannot be imported, in words: the headline, then one line per problem.
pub fn import_error(lang: Lang, e: &crate::import::ImportError) -> (String, Vec<String>) {
    use crate::import::ImportError::*;
    let one = |key| (t(lang, key).to_owned(), Vec::new());
    match e {
        TooLarge { bytes } => (
            tn(lang, Key::ImportTooLarge, (bytes + (1 << 19)) >> 20),
            Vec::new(),
        ),
        Empty => one(Key::ImportEmpty),
        NotJson { line: 0, .. } => one(Key::ImportNotText),
        NotJson { line, column } => (
            t(lang, Key::ImportNotJson)
                .replace("{line}", &line.to_string())
                .replace("{col}", &column.to_string()),
            Vec::new(),
        ),
        TooDeep => one(Key::ImportTooDeep),
        NotSurveyFile => one(Key::ImportNotSurvey),
        NewerVersion(v) => (tn(lang, Key::ImportNewer, v), Vec::new()),
        Invalid { problems, more } => {
            let mut lines: Vec<String> = problems.iter().map(|p| file_problem(lang, p)).collect();
            if *more > 0 {
                lines.push(tn(lang, Key::ImportMore, more));
            }
            (tn(lang, Key::ImportInvalid, problems.len() + more), lines)
        }
    }
}

/// A record left out of an export, in words: "「（未命名）」：名称：不能为空；…".
pub fn left_out(lang: Lang, l: &crate::interchange::LeftOut) -> String {
    use crate::interchange::{LeftOutWhy, RecordKind};
    let kind = match l.kind {
        RecordKind::Village => Key::FieldVillage,
        RecordKind::Organization => Key::FieldOrganization,
        RecordKind::Pairing => Key::PairingsTitle,
    };
    let name = if l.name.trim().is_empty() {
        t(lang, Key::Unnamed)
    } else {
        &l.name
    };
    let deleted = if l.deleted {
        t(lang, Key::DeletedRecord)
    } else {
        ""
    };
    let why = match &l.why {
        LeftOutWhy::Problems(ps) => ps
            .iter()
            .map(|p| problem(lang, p))
            .collect::<Vec<_>>()
            .join(if lang == Lang::Zh { "；" } else { "; " }),
        LeftOutWhy::PartnerLeftOut => t(lang, Key::LeftOutPartner).to_owned(),
    };
    let sep = if lang == Lang::Zh { "：" } else { ": " };
    format!("{}「{name}」{deleted}{sep}{why}", t(lang, kind))
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
    fn shared_words_are_named_together_in_a_suggestions_reasons() {
        use crate::matching::score::Reason::*;
        let r = [
            SameCategory,
            SharedTerm("中草药种植".into()),
            SharedTerm("指导".into()),
            SameCounty,
            CapacityLeft(2),
        ];
        assert_eq!(
            reasons(Lang::Zh, &r),
            "同类需求 · 共同关键词：中草药种植、指导 · 同县 · 剩余名额 2"
        );
        assert_eq!(
            reasons(Lang::En, &r),
            "Same area · Shared words: 中草药种植, 指导 · Same county · Places left: 2"
        );
    }

    #[test]
    fn every_reason_of_the_matcher_is_said_in_both_languages() {
        use crate::matching::score::Reason::*;
        let all = [
            (SameCategory, "同类需求", "Same area"),
            (RelatedCategory, "相关领域", "Related area"),
            (
                WordsPointToCategory,
                "需求描述指向该领域",
                "The need's words point to this area",
            ),
            (
                SharedTerm("茶叶".into()),
                "共同关键词：茶叶",
                "Shared words: 茶叶",
            ),
            (
                Concept("香菇".into(), "食用菌".into()),
                "意思相近：香菇≈食用菌",
                "Same meaning: 香菇 ≈ 食用菌",
            ),
            (
                Homophone("电伤".into(), "电商".into()),
                "疑为拼音输入误差：电伤→电商",
                "Likely a pinyin slip: 电伤 → 电商",
            ),
            (SameTownship, "同乡镇", "Same township"),
            (SameCounty, "同县", "Same county"),
            (SameCity, "同市", "Same city"),
            (SameProvince, "同省", "Same province"),
            (CapacityLeft(2), "剩余名额 2", "Places left: 2"),
            (HighPriority, "紧急需求", "Urgent need"),
            (WeakVillage, "薄弱村", "Weak village"),
        ];
        for (r, zh, en) in all {
            assert_eq!(reason(Lang::Zh, &r), zh, "{}", r.code());
            assert_eq!(reason(Lang::En, &r), en, "{}", r.code());
        }
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
