//! `site.toml`: how and where the site is published.

use serde::{Deserialize, Serialize};

fn default_theme() -> String {
    "default".into()
}

/// The site's configuration, read from `site.toml` at the root.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Absolute URL the site is published at, with its subpath, e.g.
    /// `https://www.example.gov.cn/plan/`. Used only in feeds and the
    /// sitemap; pages link relatively. Empty: no absolute URLs anywhere.
    #[serde(default)]
    pub base_url: String,
    /// Theme folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Marks every page with a SAMPLE banner: for demonstration data only.
    #[serde(default)]
    pub sample: bool,
    /// The site's short name in the page header; default: the plan's title.
    #[serde(default)]
    pub brand: Option<crate::schema::LocText>,
    /// The pages' `<meta name="description">`; default: the theme's, which
    /// names the plan's title.
    #[serde(default)]
    pub description: Option<crate::schema::LocText>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            base_url: String::new(),
            theme: default_theme(),
            sample: false,
            brand: None,
            description: None,
        }
    }
}

impl SiteConfig {
    /// `base_url` with exactly one trailing slash, or empty.
    pub fn base(&self) -> String {
        let b = self.base_url.trim();
        if b.is_empty() {
            String::new()
        } else {
            format!("{}/", b.trim_end_matches('/'))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_gets_one_slash() {
        let mut c = SiteConfig::default();
        assert_eq!(c.base(), "");
        c.base_url = "https://x.gov.cn/plan".into();
        assert_eq!(c.base(), "https://x.gov.cn/plan/");
        c.base_url = "https://x.gov.cn/plan//".into();
        assert_eq!(c.base(), "https://x.gov.cn/plan/");
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<SiteConfig>("base_ur = \"x\"").is_err());
    }
}
