//! The survey records of FORMAT.md, field for field: villages with their needs, organisations
//! with their capabilities, and pairings between them.
//!
//! Serde names are the contract's names; unknown fields are ignored on input. Records are plain
//! data: they are edited freely (a half-typed record is saved as it is) and [`crate::model::validate`]
//! says what is still wrong.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// A moment as FORMAT.md writes it: RFC 3339 with the device's offset.
pub type Timestamp = DateTime<FixedOffset>;

/// Where a village or an organisation is, from province down to township. Empty when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Region {
    /// 省
    pub province: String,
    /// 市
    pub city: String,
    /// 县/区
    pub county: String,
    /// 乡/镇/街道
    pub township: String,
}

/// A point in WGS 84 degrees, as the browser's geolocation gives it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Latitude, −90 to 90.
    pub lat: f64,
    /// Longitude, −180 to 180.
    pub lon: f64,
}

impl Location {
    /// A location from degrees, rounded to 6 decimals (about 0.1 m): finer than any phone can
    /// tell, and tidier in files and spreadsheets.
    pub fn from_degrees(lat: f64, lon: f64) -> Location {
        let round = |x: f64| (x * 1e6).round() / 1e6;
        Location {
            lat: round(lat),
            lon: round(lon),
        }
    }
}

/// A person to contact at a village or organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Role, such as 第一书记 or 秘书长.
    pub role: String,
    /// Phone number as typed.
    pub phone: String,
}

/// A value written in files as a fixed code (FORMAT.md): categories, kinds, priorities, statuses.
pub trait Code: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order FORMAT.md lists them.
    fn all() -> &'static [Self];
    /// The code written in files.
    fn to_code(self) -> &'static str;
    /// The value with code `code`, if there is one.
    fn parse_code(code: &str) -> Option<Self>;
}

macro_rules! code_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $code)] $variant,)*
        }

        impl $name {
            /// Every value, in the order FORMAT.md lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The code written in files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }

            /// The value with code `code`, if there is one.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)* _ => None }
            }
        }

        impl Code for $name {
            fn all() -> &'static [Self] {
                Self::ALL
            }
            fn to_code(self) -> &'static str {
                self.code()
            }
            fn parse_code(code: &str) -> Option<Self> {
                Self::from_code(code)
            }
        }
    };
}

code_enum! {
    /// The area a need or a capability belongs to (FORMAT.md, "Categories").
    Category {
        /// 产销对接
        Sales = "sales",
        /// 种养技术
        Agritech = "agritech",
        /// 产业项目
        Investment = "investment",
        /// 文旅康养
        Tourism = "tourism",
        /// 金融信贷
        Finance = "finance",
        /// 信息化
        Digital = "digital",
        /// 基础设施
        Infrastructure = "infrastructure",
        /// 人居环境
        Environment = "environment",
        /// 技能培训
        Training = "training",
        /// 就业岗位
        Employment = "employment",
        /// 教育助学
        Education = "education",
        /// 公益帮扶
        Charity = "charity",
        /// 医疗健康
        Health = "health",
        /// 法律服务
        Legal = "legal",
        /// 乡村治理
        Governance = "governance",
        /// 其他. New needs and capabilities start here until an area is picked.
        #[default]
        Other = "other",
    }
}

/// The five actions a programme groups its work into (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionGroup {
    /// 产业振兴
    Industry,
    /// 环境共治
    Environment,
    /// 人才培养
    Talent,
    /// 扶弱济困
    Relief,
    /// 乡村治理
    Governance,
}

impl Category {
    /// The action group of the category; `Other` belongs to none.
    pub fn group(self) -> Option<ActionGroup> {
        use Category::*;
        Some(match self {
            Sales | Agritech | Investment | Tourism | Finance | Digital => ActionGroup::Industry,
            Infrastructure | Environment => ActionGroup::Environment,
            Training | Employment | Education => ActionGroup::Talent,
            Charity | Health => ActionGroup::Relief,
            Legal | Governance => ActionGroup::Governance,
            Other => return None,
        })
    }
}

code_enum! {
    /// How urgent a need is.
    Priority {
        /// 紧急
        High = "high",
        /// 一般
        #[default]
        Medium = "medium",
        /// 不急
        Low = "low",
    }
}

code_enum! {
    /// Where a need stands.
    NeedStatus {
        /// Nobody has taken it on yet.
        #[default]
        Open = "open",
        /// An active pairing covers it.
        Matched = "matched",
        /// It has been met.
        Met = "met",
    }
}

code_enum! {
    /// What kind of body an organisation is.
    OrganizationKind {
        /// 行业协会
        #[default]
        IndustryAssociation = "industry_association",
        /// 商会
        ChamberOfCommerce = "chamber_of_commerce",
        /// 民营企业
        PrivateEnterprise = "private_enterprise",
        /// 国有企业
        StateOwnedEnterprise = "state_owned_enterprise",
        /// 金融机构
        FinancialInstitution = "financial_institution",
        /// 科研院所
        ResearchInstitution = "research_institution",
        /// 社会组织
        SocialOrganization = "social_organization",
        /// 其他
        Other = "other",
    }
}

code_enum! {
    /// The stage of a co-build project.
    PairingStatus {
        /// 意向
        #[default]
        Intent = "intent",
        /// 已签约
        Signed = "signed",
        /// 实施中
        InProgress = "in_progress",
        /// 已完成
        Completed = "completed",
        /// 已取消
        Cancelled = "cancelled",
    }
}

/// Something a village needs (需求).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Need {
    /// UUID made on the device that created it.
    pub id: String,
    /// Its area.
    pub category: Category,
    /// What is needed, in the surveyor's words.
    #[serde(default)]
    pub description: String,
    /// How urgent.
    pub priority: Priority,
    /// How much, with `unit`; `None` when not recorded.
    #[serde(default)]
    pub quantity: Option<f64>,
    /// The unit of `quantity`: 万元, 人, 亩…
    #[serde(default)]
    pub unit: String,
    /// Open, matched or met.
    pub status: NeedStatus,
}

/// A village and its situation (村情), as surveyed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Village {
    /// UUID made on the device that created it.
    pub id: String,
    /// The village's name; required.
    #[serde(default)]
    pub name: String,
    /// Where it is.
    #[serde(default)]
    pub region: Region,
    /// Where it is on the map, when captured.
    #[serde(default)]
    pub location: Option<Location>,
    /// Registered residents.
    #[serde(default)]
    pub population: Option<i64>,
    /// Households.
    #[serde(default)]
    pub households: Option<i64>,
    /// The collective economy's yearly income, in 万元.
    #[serde(default)]
    pub collective_income_wan: Option<f64>,
    /// Arable land, in 亩.
    #[serde(default)]
    pub arable_land_mu: Option<f64>,
    /// Forest land, in 亩.
    #[serde(default)]
    pub forest_land_mu: Option<f64>,
    /// Characteristic industries (特色产业).
    #[serde(default)]
    pub industries: Vec<String>,
    /// Resources: transport, scenery, idle land…
    #[serde(default)]
    pub resources: Vec<String>,
    /// Who to contact.
    #[serde(default)]
    pub contact: Contact,
    /// The needs list (需求清单).
    #[serde(default)]
    pub needs: Vec<Need>,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
    /// The day of the survey, `YYYY-MM-DD`; written as `""` when not recorded.
    #[serde(default, with = "date_or_empty")]
    pub surveyed_on: Option<NaiveDate>,
    /// When the record was made.
    #[serde(with = "rfc3339")]
    pub created_at: Timestamp,
    /// When it last changed; the later copy wins a merge.
    #[serde(with = "rfc3339")]
    pub updated_at: Timestamp,
    /// A tombstone: deleted on some device.
    #[serde(default)]
    pub deleted: bool,
}

/// Something an organisation can offer (能力).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Capability {
    /// UUID made on the device that created it.
    pub id: String,
    /// Its area.
    pub category: Category,
    /// What is offered, in the surveyor's words.
    #[serde(default)]
    pub description: String,
    /// How much, with `unit`; `None` when not recorded.
    #[serde(default)]
    pub quantity: Option<f64>,
    /// The unit of `quantity`.
    #[serde(default)]
    pub unit: String,
}

/// An association, chamber, enterprise or bank that can help villages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// UUID made on the device that created it.
    pub id: String,
    /// Its name; required.
    #[serde(default)]
    pub name: String,
    /// What kind of body it is.
    pub kind: OrganizationKind,
    /// Where it is.
    #[serde(default)]
    pub region: Region,
    /// Member units or staff.
    #[serde(default)]
    pub members: Option<i64>,
    /// How many villages it can pair with at once (at least 1).
    pub capacity: i64,
    /// Who to contact.
    #[serde(default)]
    pub contact: Contact,
    /// The capabilities list (能力清单).
    #[serde(default)]
    pub capabilities: Vec<Capability>,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
    /// When the record was made.
    #[serde(with = "rfc3339")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(with = "rfc3339")]
    pub updated_at: Timestamp,
    /// A tombstone.
    #[serde(default)]
    pub deleted: bool,
}

/// A co-build project between one organisation and one village (many-to-one is several).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pairing {
    /// UUID made on the device that created it.
    pub id: String,
    /// The village.
    pub village_id: String,
    /// The organisation.
    pub organization_id: String,
    /// The village's needs it covers.
    #[serde(default)]
    pub need_ids: Vec<String>,
    /// The organisation's capabilities it uses.
    #[serde(default)]
    pub capability_ids: Vec<String>,
    /// Its stage.
    pub status: PairingStatus,
    /// The day the agreement was signed.
    #[serde(default, with = "date_or_empty")]
    pub signed_on: Option<NaiveDate>,
    /// Money committed, in 万元.
    #[serde(default)]
    pub amount_wan: Option<f64>,
    /// People reached.
    #[serde(default)]
    pub beneficiaries: Option<i64>,
    /// Anything else.
    #[serde(default)]
    pub notes: String,
    /// When the record was made.
    #[serde(with = "rfc3339")]
    pub created_at: Timestamp,
    /// When it last changed.
    #[serde(with = "rfc3339")]
    pub updated_at: Timestamp,
    /// A tombstone.
    #[serde(default)]
    pub deleted: bool,
}

/// The collective income (万元 a year) below which a village counts as economically weak.
///
/// Provinces set their own line (commonly 5 to 20 万元); 10 is a middle value until the app lets
/// a programme set its own.
pub const WEAK_INCOME_WAN: f64 = 10.0;

impl Village {
    /// A new, empty village surveyed today.
    pub fn new(id: String, now: Timestamp) -> Village {
        Village {
            id,
            name: String::new(),
            region: Region::default(),
            location: None,
            population: None,
            households: None,
            collective_income_wan: None,
            arable_land_mu: None,
            forest_land_mu: None,
            industries: Vec::new(),
            resources: Vec::new(),
            contact: Contact::default(),
            needs: Vec::new(),
            notes: String::new(),
            surveyed_on: Some(now.date_naive()),
            created_at: now,
            updated_at: now,
            deleted: false,
        }
    }

    /// Whether the village's collective economy is weak (income known and below the line).
    pub fn is_weak(&self) -> bool {
        self.collective_income_wan
            .is_some_and(|i| i < WEAK_INCOME_WAN)
    }

    /// How many of its needs are still open.
    pub fn open_needs(&self) -> usize {
        self.needs
            .iter()
            .filter(|n| n.status == NeedStatus::Open)
            .count()
    }
}

impl Need {
    /// A new open need of medium priority.
    pub fn new(id: String, category: Category) -> Need {
        Need {
            id,
            category,
            description: String::new(),
            priority: Priority::Medium,
            quantity: None,
            unit: String::new(),
            status: NeedStatus::Open,
        }
    }
}

impl Organization {
    /// A new, empty organisation that can take one village.
    pub fn new(id: String, now: Timestamp) -> Organization {
        Organization {
            id,
            name: String::new(),
            kind: OrganizationKind::IndustryAssociation,
            region: Region::default(),
            members: None,
            capacity: 1,
            contact: Contact::default(),
            capabilities: Vec::new(),
            notes: String::new(),
            created_at: now,
            updated_at: now,
            deleted: false,
        }
    }
}

impl Pairing {
    /// A new pairing of status `intent` between a village and an organisation, covering nothing yet.
    pub fn new(id: String, village_id: String, organization_id: String, now: Timestamp) -> Pairing {
        Pairing {
            id,
            village_id,
            organization_id,
            need_ids: Vec::new(),
            capability_ids: Vec::new(),
            status: PairingStatus::Intent,
            signed_on: None,
            amount_wan: None,
            beneficiaries: None,
            notes: String::new(),
            created_at: now,
            updated_at: now,
            deleted: false,
        }
    }
}

impl Capability {
    /// A new capability.
    pub fn new(id: String, category: Category) -> Capability {
        Capability {
            id,
            category,
            description: String::new(),
            quantity: None,
            unit: String::new(),
        }
    }
}

/// Serde for a timestamp as FORMAT.md writes it: RFC 3339 with a numeric offset, always
/// (`+00:00`, never `Z`, so that every file has the one shape upstream parsers are written for).
pub mod rfc3339 {
    use super::Timestamp;
    use chrono::{DateTime, SecondsFormat};
    use serde::{Deserialize, Deserializer, Serializer};

    /// `2026-11-22T09:30:00+08:00`, with as many fractional digits as the time has.
    pub fn serialize<S: Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, false))
    }

    /// Any RFC 3339 timestamp, `Z` included.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map_err(|_| serde::de::Error::custom(format!("not an RFC 3339 timestamp: {text:?}")))
    }
}

/// Serde for an optional date written as `YYYY-MM-DD`, or `""` when not recorded.
pub mod date_or_empty {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// The date as `YYYY-MM-DD`, or `""`.
    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
            None => s.serialize_str(""),
        }
    }

    /// `""` or `null` as `None`; anything else must be a real `YYYY-MM-DD` date.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        match raw.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| serde::de::Error::custom(format!("not a YYYY-MM-DD date: {text:?}"))),
        }
    }
}

/// Typed text that is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotANumber;

/// Reads a number as a person typed it: full-width digits (１２．５) as from a Chinese keyboard,
/// thousands separators, and spaces are accepted. Empty text is `Ok(None)`: not recorded.
pub fn parse_number(text: &str) -> Result<Option<f64>, NotANumber> {
    let normal: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '—' => Some('-'),
            ',' | '，' | ' ' | '\u{3000}' => None,
            c => Some(c),
        })
        .collect();
    if normal.is_empty() {
        return Ok(None);
    }
    match normal.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(NotANumber),
    }
}

/// Splits a typed list (特色产业, 资源…) on the separators people use: 、，, ; ； and new lines.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(['、', '，', ',', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_example_village_parses() {
        let json = r#"{
          "id": "6f9619ff-8b86-4d01-b42d-00cf4fc964ff", "name": "马埂村",
          "region": {"province": "江苏省", "city": "镇江市", "county": "句容市", "township": "宝华镇"},
          "location": {"lat": 32.15, "lon": 119.10},
          "population": 2100, "households": 640,
          "collective_income_wan": 8.5,
          "arable_land_mu": 1200, "forest_land_mu": 450,
          "industries": ["中草药"], "resources": ["450亩闲置林地"],
          "contact": {"name": "", "role": "第一书记", "phone": ""},
          "needs": [
            {"id": "7f9619ff-8b86-4d01-b42d-00cf4fc964ff", "category": "agritech", "description": "需要中草药种植专家指导",
             "priority": "high", "quantity": null, "unit": "", "status": "open"}
          ],
          "notes": "", "surveyed_on": "2024-11-21",
          "created_at": "2024-11-21T09:30:00+08:00", "updated_at": "2024-11-21T09:30:00+08:00", "deleted": false,
          "a_future_field": 1
        }"#;
        let v: Village = serde_json::from_str(json).unwrap();
        assert_eq!(v.name, "马埂村");
        assert_eq!(v.needs[0].category, Category::Agritech);
        assert_eq!(v.surveyed_on, NaiveDate::from_ymd_opt(2024, 11, 21));
        assert!(v.is_weak());
        assert_eq!(v.open_needs(), 1);
        let back = serde_json::to_value(&v).unwrap();
        assert_eq!(back["surveyed_on"], "2024-11-21");
        assert_eq!(back["needs"][0]["quantity"], serde_json::Value::Null);
        assert_eq!(back["created_at"], "2024-11-21T09:30:00+08:00");
    }

    #[test]
    fn timestamps_always_carry_a_numeric_offset() {
        let utc = DateTime::parse_from_rfc3339("2026-11-22T01:30:00.250Z").unwrap();
        let mut v = Village::new("x".into(), utc);
        assert_eq!(
            serde_json::to_value(&v).unwrap()["created_at"],
            "2026-11-22T01:30:00.250+00:00"
        );
        v.updated_at = DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap();
        assert_eq!(
            serde_json::to_value(&v).unwrap()["updated_at"],
            "2026-11-22T09:30:00+08:00"
        );
    }

    #[test]
    fn an_unrecorded_date_is_an_empty_string() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T09:30:00+08:00").unwrap();
        let mut v = Village::new("x".into(), now);
        assert_eq!(v.surveyed_on, NaiveDate::from_ymd_opt(2026, 11, 22));
        v.surveyed_on = None;
        assert_eq!(serde_json::to_value(&v).unwrap()["surveyed_on"], "");
    }

    #[test]
    fn codes_round_trip_and_groups_follow_the_table() {
        assert_eq!(Category::ALL.len(), 16);
        for &c in Category::ALL {
            assert_eq!(Category::from_code(c.code()), Some(c));
        }
        assert_eq!(Category::Health.group(), Some(ActionGroup::Relief));
        assert_eq!(Category::Legal.group(), Some(ActionGroup::Governance));
        assert_eq!(Category::Other.group(), None);
        assert_eq!(OrganizationKind::ALL.len(), 8);
        assert_eq!(
            PairingStatus::from_code("in_progress"),
            Some(PairingStatus::InProgress)
        );
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("  "), Ok(None));
        assert_eq!(parse_number("1,200"), Ok(Some(1200.0)));
        assert_eq!(parse_number("１２．５"), Ok(Some(12.5)));
        assert_eq!(parse_number("-3"), Ok(Some(-3.0)));
        assert_eq!(parse_number("三百"), Err(NotANumber));
        assert_eq!(parse_number("inf"), Err(NotANumber));
    }

    #[test]
    fn lists_split_on_chinese_and_latin_separators() {
        assert_eq!(
            split_list("中草药、蜂蜜， 茶叶;;\n"),
            vec!["中草药", "蜂蜜", "茶叶"]
        );
        assert!(split_list(" 、 ").is_empty());
    }
}
