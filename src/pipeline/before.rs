//! The stages before the pages: load (the source files read and parsed,
//! the templates compiling beside them), resolve (the site model) and
//! attach (progress and disclosure joined, the theme's strings filled).

use super::{free_later, Mode, Run};
use crate::diag::Diagnostics;
use crate::i18n::I18n;
use crate::render;
use crate::resolve;
use anyhow::Result;
use std::sync::Arc;

/// The compiled templates and the theme's strings, made on the other core
/// while the content loads.
pub(super) type Early = ((Option<tera::Tera>, Diagnostics), (I18n, Diagnostics));

/// The product of load: the parsed files, and the templates compiling.
pub(super) struct Loaded {
    pub(super) raw: crate::load::Raw,
    pub(super) early: Option<std::thread::JoinHandle<Early>>,
}

/// Load: every source file, read and parsed. The theme's templates start
/// compiling, and its UI strings loading, as soon as the theme is read, on
/// a thread of its own (not a rayon job, so that a blocked worker can never
/// hold up its parse), while the content loads and resolves (~10 ms at
/// N = 1, the longest step before rendering). Not for serve, which keeps
/// its compiled templates.
pub(super) fn load(r: &mut Run<'_>) -> Result<Option<Loaded>> {
    let mut early = None;
    // Serve keeps its compiled templates, and a site of several plans
    // compiles them once for all.
    let compiled = matches!(r.mode, Mode::Serve(_)) || r.shared.is_some();
    let start_early = |theme: &crate::theme::Theme| {
        if !compiled {
            let theme = theme.clone();
            early = Some(std::thread::spawn(move || {
                let (mut td, mut id) = (Diagnostics::default(), Diagnostics::default());
                let tera = render::templates(&theme, &mut td);
                let i18n = I18n::from_theme(&theme, &mut id);
                ((tera, td), (i18n, id))
            }));
        }
    };
    let parsed = r.kept().map(|s| &s.parsed);
    let (raw, d) = crate::load::load_plan(r.root, r.content, start_early, parsed)?;
    r.d = d;
    Ok(raw.map(|raw| Loaded { raw, early }))
}

/// Where the pages' templates come from.
pub(super) enum Templates {
    /// Kept by the serve session from its last run (the theme is the same).
    Kept(Arc<tera::Tera>),
    /// Compiled in this run, with the diagnostics of compiling them.
    Compiled(Option<Box<tera::Tera>>, Diagnostics),
}

/// The product of resolve.
pub(super) struct Resolved {
    pub(super) raw: crate::load::Raw,
    pub(super) resolved: resolve::Resolved,
    pub(super) templates: Templates,
    i18n: Option<(I18n, Diagnostics)>,
}

/// Resolve: the parsed files → the site model, while the templates compile
/// (on this stage's other core, unless they started early or the session
/// kept them).
pub(super) fn resolve(r: &mut Run<'_>, loaded: Loaded) -> Resolved {
    let Loaded { raw, early } = loaded;
    let flags = u64::from(r.opts.minify) | (u64::from(r.opts.search) << 1);
    let shared = r.shared.as_ref().map(|s| s.tera.clone());
    let kept = r
        .session()
        .and_then(|s| {
            s.pages.rekey(render::templates_key(&raw.theme) ^ flags);
            s.pages.templates()
        })
        .or(shared);
    let compile = || {
        let mut td = Diagnostics::default();
        (render::templates(&raw.theme, &mut td), td)
    };
    let chapters = match &r.mode {
        Mode::Serve(s) => Some(&s.chapters),
        _ => None,
    };
    let d = &mut r.d;
    let (resolved, compiled) = rayon::join(
        || resolve::resolve_with(&raw, chapters, d),
        || (kept.is_none() && early.is_none()).then(compile),
    );
    let (compiled, i18n) = match early.map(|thread| thread.join()) {
        Some(Ok((compiled, i18n))) => (Some(compiled), Some(i18n)),
        Some(Err(_)) => (Some(compile()), None),
        None => (compiled, None),
    };
    // The site's strings, whose diagnostics the site reported once.
    let i18n = i18n.or_else(|| {
        let s = r.shared.as_ref()?;
        Some((s.i18n.clone(), Diagnostics::default()))
    });
    let templates = match (kept, compiled) {
        (Some(tera), _) => Templates::Kept(tera),
        (None, Some((tera, td))) => Templates::Compiled(tera.map(Box::new), td),
        // Neither kept nor compiled cannot happen: compiled unless kept.
        (None, None) => Templates::Compiled(None, Diagnostics::default()),
    };
    Resolved {
        raw,
        resolved,
        templates,
        i18n,
    }
}

/// What the stages after resolve use of the loaded files.
pub(super) struct Kept {
    pub(super) config: crate::config::SiteConfig,
    pub(super) theme: crate::theme::Theme,
}

/// The product of attach: everything the pages are made from.
pub(super) struct Attached {
    pub(super) site: crate::model::Site,
    pub(super) i18n: I18n,
    pub(super) disclosure: crate::disclosure::Disclosure,
    pub(super) kept: Kept,
}

/// Attach: the progress reports and the disclosure record joined to the
/// site, and the theme's strings filled with the plan's own words.
pub(super) fn attach(r: &mut Run<'_>, resolved: Resolved) -> Result<Option<(Attached, Templates)>> {
    let Resolved {
        raw: mut parsed,
        resolved,
        templates,
        i18n,
    } = resolved;
    r.out.coverage = resolved.coverage;
    // The site holds what the pages need. The chapters' text, which points
    // broken links at their lines, is read again if a link is broken
    // (`load::reread_chapters`), not kept through the render.
    let kept = Kept {
        config: std::mem::take(&mut parsed.config),
        theme: std::mem::take(&mut parsed.theme),
    };
    // The rest is freed beside the render, whose pages then reuse the
    // memory (at N = 100 the parsed files take ~45 MB, and the chapters'
    // text 37 MB more; the peak RSS went from 392 to 342 MB in one run
    // each when the parsed files were first freed here).
    free_later(parsed);
    let mut i18n = match i18n {
        Some((i18n, id)) => {
            r.d.extend(id);
            i18n
        }
        None => I18n::from_theme(&kept.theme, &mut r.d),
    };
    let disclosure = crate::disclosure::load(r.root, r.content, &mut r.d)?;
    let site = resolved
        .site
        .map(|s| crate::progress::attach(r.root, r.content, s, &mut r.d));
    let mut site = match site.transpose()? {
        Some(s) if !r.d.has_errors() => s,
        _ => return Ok(None),
    };
    site.linked = std::mem::take(&mut r.linked);
    // The theme's strings speak of this plan: its years, period, title.
    i18n.fill(
        &crate::i18n::plan_vars(&site, &kept.config),
        kept.config.description.as_ref(),
    );
    let attached = Attached {
        site,
        i18n,
        disclosure,
        kept,
    };
    Ok(Some((attached, templates)))
}
