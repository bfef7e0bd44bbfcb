//! The words of the model that everything else is made of: the two
//! languages, a value in each, and the ids that link records.

use serde::{Deserialize, Serialize};

/// A site language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// Short code used in file names and data: `zh`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// BCP 47 tag for `<html lang>` and `hreflang`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Output folder prefix: Chinese at the root, English under `en/`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Zh => "",
            Lang::En => "en/",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// A value in each language. After `resolve`, every text is one of these.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Localized<T> {
    pub zh: T,
    pub en: T,
}

impl<T> Localized<T> {
    pub fn new(zh: T, en: T) -> Self {
        Localized { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

macro_rules! id_type {
    ($name:ident) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(UnitId);
id_type!(TaskId);
id_type!(ParaId);

/// What a printed value counts: a level in its year (the default), or a
/// total over a plan's five years (the plan prints it in `[ ]`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    #[default]
    Level,
    Cumulative,
}

impl ValueKind {
    pub fn is_level(&self) -> bool {
        *self == ValueKind::Level
    }
}
