//! The table: every visible string by [`Key`], and the names of the records' codes (categories,
//! priorities, statuses), each in simplified Chinese first and English second.

use crate::model::lang::Lang;
use crate::model::records::{Category, NeedStatus, OrganizationKind, PairingStatus, Priority};

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
    VillagesEmpty => "还没有村庄记录。点“新增村庄”开始调研。", "No villages yet. Tap “New village” to survey one.";
    OrganizationsTitle => "协会与企业", "Associations and enterprises";
    OrganizationsEmpty => "还没有组织记录。点“新增组织”录入协会或企业。", "No organisations yet. Tap “New organisation” to record an association or enterprise.";
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
    SearchVillages => "搜索村名、乡镇、县区（可用拼音）", "Search name, place, or pinyin";
    SearchOrganizations => "搜索名称、地区、能力（可用拼音）", "Search name, place, offer, pinyin";
    SortBy => "排序", "Sort by";
    OrderRecent => "最近修改", "Last changed";
    OrderName => "名称（拼音）", "Name (pinyin)";
    OrderTownship => "乡镇", "Township";
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
    PlaceChoose => "请选择", "Choose";
    PlaceOther => "其他（手动填写）", "Other (type it)";
    PlaceTyped => "（手动填写）", " (typed)";
    PlacesLoading => "正在载入全国行政区划列表；可先直接填写。", "Loading the list of places; you can type the names meanwhile.";
    PlacesFailed => "行政区划列表暂时无法载入（第一次使用需联网），请直接填写。", "The list of places cannot be loaded now (the first use needs a network): type the names.";
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
    SheetsHint => "给办公室用的表格（表头为中文，已删除的记录不含在内）。CSV 每个表一个文件；Excel 工作簿一个文件含汇总和全部五个表，每行注明调研员。", "Tables for the office (Chinese headers; deleted records left out). CSV is one file per table; the Excel workbook holds a summary and all five tables. Every row names the surveyor.";
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
    SameVillage => "同一乡镇（或县）已经记录过同名的村，可能是同一个村：", "A village of this name is already recorded in the same township (or county); it may be the same village:";
    OpenSameVillage => "打开已有的记录", "open the existing record";
    JumpTo => "跳到", "Jump to";
    JumpBasics => "基本", "Basics";
    JumpEconomy => "经济", "Economy";
    JumpNeeds => "需求", "Needs";
    JumpContact => "联系人", "Contact";
    WelcomeTitle => "欢迎使用牵手", "Welcome to Qianshou";
    WelcomeIntro => "帮村里找到能出力的协会、商会和企业。没有信号也能用，数据边写边存在这部手机上。", "Helps villages find the associations, chambers and enterprises that can help them. Works with no signal; what you type is kept on this phone as you type.";
    WelcomeSurvey => "调研：记下村情和需求，以及各单位能提供的帮助和能结对的村数。", "Survey: record each village and its needs, and what each organisation can offer and how many villages it can take.";
    WelcomeMatch => "匹配：每条需求都有推荐的结对单位和理由，可以当场接受。", "Match: each need shows suggested partners with reasons; accept one on the spot.";
    WelcomeHandOn => "交出：有信号时上传，或导出文件发给同事和上级。", "Hand on: upload when there is signal, or export a file for colleagues and the office.";
    WelcomeName => "你的姓名（写进导出的文件）", "Your name (written into exported files)";
    UnitLabel => "所在单位（可不填）", "Your unit (optional)";
    WelcomeStart => "开始使用", "Start";
    WelcomeSkip => "跳过", "Skip";
    // Upload (issue 14): the outbox, the server settings, persistent storage.
    UploadTitle => "上传到服务器", "Upload to the server";
    UploadButton => "上传", "Upload";
    UploadHint => "上传本机自上次成功上传以来的全部修改。没有信号时先留在队列里，有信号时自动发送；上传不会删除本机记录。", "Uploads every change on this device since the last acknowledged upload. Without signal it waits in the queue and is sent as soon as there is signal; uploading never deletes records on this device.";
    UploadUnsent => "{n} 条未上传", "{n} not uploaded";
    UploadLastAt => "上次上传 {at}", "last upload {at}";
    UploadNever => "尚未上传", "never uploaded";
    UploadQueued => "队列中有 {n} 个上传，有信号时自动发送。", "{n} uploads are queued; they are sent when there is signal.";
    UploadSending => "正在上传…", "Uploading…";
    UploadDone => "已上传，服务器已确认收到。", "Uploaded: the server acknowledged it.";
    UploadNothing => "自上次上传以来没有修改，无需上传。", "Nothing has changed since the last upload.";
    UploadNoServer => "还没有填写令牌：请到“设置”页填写协调人发给你的令牌。上传已留在队列里。", "No token yet: enter the token the coordinator sent you in Settings. The upload stays queued.";
    UploadUnreachable => "连不上服务器（没有信号，或服务器没有开）。上传留在队列里，稍后自动重试。", "The server cannot be reached (no signal, or it is not running). The upload stays queued and is retried automatically.";
    UploadTokenRejected => "服务器不认这个令牌（未知或已被撤销）。上传留在队列里；请向协调人索取新令牌，填到“设置”页。", "The server does not accept this token (unknown or revoked). The upload stays queued; ask the coordinator for a new token and enter it in Settings.";
    UploadForbidden => "这个令牌无权上传。上传留在队列里；请向协调人确认令牌。", "This token may not upload. The upload stays queued; check the token with the coordinator.";
    UploadTooLarge => "上传文件太大，服务器拒收（上限 32 MB）。上传留在队列里；请改用“导出”按村分批交出。", "The upload is too large for the server (32 MB at most). It stays queued; hand the data on with Export, a few villages at a time.";
    UploadRateLimited => "上传太频繁，服务器要求稍候。上传留在队列里，稍后自动重试。", "Too many uploads for now; the server asks to wait. The upload stays queued and is retried automatically.";
    UploadRefused => "服务器拒收这次上传，上传留在队列里。请改正以下问题后再点“上传”：", "The server refused this upload; it stays queued. Fix these problems, then tap Upload again:";
    UploadServerTrouble => "服务器暂时出错（{n}）。上传留在队列里，稍后自动重试。", "The server had a problem ({n}). The upload stays queued and is retried automatically.";
    UploadNotSaved => "上传没能放进队列：", "The upload could not be queued: ";
    UploadInMemory => "本机存储已满，这次上传放不进队列，只在本应用打开时直接发送。在看到“已上传”之前请不要关闭本应用，或先导出文件。", "Storage on this device is full, so this upload could not be queued; it is sent directly while the app stays open. Keep the app open until it says uploaded, or export a file first.";
    UploadLeftOut => "以下记录信息不完整，这次不上传（补全后即可上传）：", "These records are incomplete and are not uploaded this time (complete them to upload them):";
    ServerTitle => "上传服务器", "Upload server";
    ServerAddressLabel => "服务器地址", "Server address";
    ServerAddressHint => "从上传服务器打开本应用时自动填入。浏览器只允许连接打开本应用的地址。", "Filled in when the app is opened from the upload server. The browser only lets the app connect to the address it was opened from.";
    ServerDetected => "本地址有上传服务器应答。", "An upload server answers at this address.";
    ServerNotDetected => "本地址没有上传服务器应答（或现在没有信号）。", "No upload server answers at this address (or there is no signal now).";
    ServerOtherOrigin => "这个地址与打开本应用的地址不同，浏览器会阻止连接。请从服务器的地址打开本应用。", "This address differs from the one the app was opened from, so the browser will block it. Open the app from the server's address instead.";
    TokenLabel => "令牌", "Token";
    TokenHint => "协调人发给你的令牌：粘贴到这里，或直接打开协调人发来的链接。", "The token the coordinator sent you: paste it here, or open the link the coordinator sent.";
    TokenFromLink => "已保存链接中的令牌。", "The token from the link was saved.";
    PersistLabel => "持久存储", "Persistent storage";
    PersistGranted => "已获准：浏览器不会自行清除本机数据。", "Granted: the browser will not clear this device's data on its own.";
    PersistNotGranted => "未获准：存储紧张时浏览器可能清除本机数据，请经常上传或导出。", "Not granted: the browser may clear this device's data when space runs low, so upload or export often.";
    PersistUnknown => "这个浏览器无法查询。", "This browser cannot tell.";
    StorageRoomLabel => "剩余空间", "Room left";
    StorageRoom => "浏览器报告约剩 {n}", "The browser reports about {n} left";
    ClearDataWarning => "注意：清除浏览器数据（网站数据、缓存、历史记录）会删除本机所有尚未上传或导出的记录，无法恢复。", "Note: clearing the browser's data (site data, cache, history) deletes every record on this device that has not been uploaded or exported, for good.";
    AcceptAllQuestion => "接受全部 {n} 个结对？每个都会成为“意向”结对项目，之后可以撤销。", "Accept all {n} pairings? Each becomes a pairing at the intent stage; you can undo this.";
    AcceptCount => "接受 {n} 个", "Accept {n}";
    AcceptedAll => "已接受 {n} 个结对。", "{n} pairings accepted.";
    CapabilityUsed => "使用能力：", "Capability used: ";
    AskSigningDate => "签约日期是哪天？", "Which day was it signed?";
    ConfirmSigned => "确认签约", "Mark as signed";
    InWeChat => "你正在微信里打开牵手。微信内置的浏览器不能安装牵手，也不能离线使用：请点右上角的“…”，选“在浏览器打开”，用手机自带的浏览器打开这个页面。", "You opened Qianshou inside WeChat. WeChat's built-in browser cannot install Qianshou or keep it for offline use: tap “…” at the top right and choose “Open in browser” to open this page in your phone's browser.";
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
