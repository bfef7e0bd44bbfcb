//! The site of several plans put together: the portal's pages, made (or,
//! in `serve`, taken from the last run), and every link between the plans
//! and from the portal checked against all the site's files.

use super::{check_between, portal, reuse, PortalPlan, SiteRun};
use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::pipeline::Options;
use crate::render::OutputFile;
use crate::theme::Theme;
use anyhow::Result;

impl SiteRun<'_> {
    /// The portal's files, and (when nothing was staged) every plan's,
    /// checked: the portal's links and the plans' links to each other
    /// resolve among all the site's files.
    pub(super) fn files(
        &mut self,
        ids: &[String],
        (config, theme): (&SiteConfig, &Theme),
        last: Option<(&mut Option<reuse::Portal>, &reuse::Stamp)>,
    ) -> Result<Vec<OutputFile>> {
        let Some(tera) = self.shared.as_ref().map(|s| s.tera.clone()) else {
            return Ok(vec![]);
        };
        // Built or served, the plans' files are not all in memory here.
        let staged = self.stage.is_some() || !self.out.parts.is_empty();
        let kept = std::mem::take(&mut self.built.files);
        let names: Vec<&str> = if staged {
            self.built.names.iter().map(String::as_str).collect()
        } else {
            kept.iter().map(|f| f.rel_path.as_str()).collect()
        };
        let listed: Vec<PortalPlan<'_>> = ids
            .iter()
            .filter_map(|id| {
                Some(PortalPlan {
                    id,
                    info: self.built.plans.get(id)?,
                })
            })
            .collect();
        let site = portal::Portal {
            plans: &listed,
            config,
            theme,
            tera: &tera,
            files: &names,
            read: &kept,
        };
        let pages = match last {
            Some((slot, stamp)) => {
                let names = &self.built.names;
                let pages = reuse::portal(&mut *slot, stamp, names, &site, |site| {
                    render_portal(site, self.opts, &mut self.d)
                });
                // Pages with errors are not kept: the next run shows them.
                if self.d.has_errors() {
                    *slot = None;
                }
                pages
            }
            None => render_portal(&site, self.opts, &mut self.d),
        };
        let made: Vec<&str> = pages.iter().map(|f| f.rel_path.as_str()).collect();
        let outside: Vec<&OutputFile> = kept
            .iter()
            .filter(|f| self.built.outside.contains(&f.rel_path))
            .collect();
        check_between(&outside, names.iter().chain(&made).copied(), &mut self.d);
        drop(names);
        let mut files = if staged {
            pages
        } else {
            kept.into_iter().chain(pages).collect()
        };
        files.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        Ok(files)
    }
}

/// The portal's pages, rendered (and minified with `--minify`).
fn render_portal(site: &portal::Portal<'_>, opts: Options, d: &mut Diagnostics) -> Vec<OutputFile> {
    let mut pages = portal::render(site, d);
    if opts.minify {
        for f in pages.iter_mut().filter(|f| f.rel_path.ends_with(".html")) {
            f.bytes = minify_html::minify(&f.bytes, crate::pipeline::minify_cfg());
        }
    }
    pages
}
