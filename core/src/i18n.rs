//! Every string a person sees, in simplified Chinese first and English second.
//!
//! Components never hold visible text: they ask [`t`] for a [`Key`] in the current [`Lang`].

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
    MatchesEmpty => "记录村庄需求和组织能力后，这里会给出匹配建议。", "Once villages' needs and organisations' capabilities are recorded, suggestions appear here.";
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
    UpdateNow => "立即更新", "Update now";
    UpdateLater => "稍后", "Later";
    OfflineReady => "已可离线使用", "Ready to work offline";
    Dismiss => "知道了", "OK";
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
    fn chinese_is_the_default_and_tags_round_trip() {
        assert_eq!(Lang::default(), Lang::Zh);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("fr"), None);
    }
}
