//! `plansite import SEED`: writes content/ from the seed (the plan's text
//! export, or its Word file), atomically, and
//! refuses to overwrite an existing content/ without `--force`. Files
//! staff wrote by hand are kept; images an earlier import copied from a
//! Word file (listed in plan.toml's `[source.images]`) go when the file no
//! longer has them.

use anyhow::{bail, Context, Result};
use plansite::seed::{self, emit::SeedInfo};
use plansite::{docx, fingerprint};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

/// Imports `seed_path` into `content/`, or with `plan` into the plan's
/// folder `content/plans/ID/` of a site of several plans.
pub(crate) fn run(
    root: &Path,
    seed_path: &Path,
    plan: Option<&str>,
    force: bool,
) -> Result<ExitCode> {
    let folder = folder_of(root, plan)?;
    let content = root.join(&folder);
    if content.exists() && !force {
        bail!(
            "{} 已存在；如需覆盖请加 --force / {} already exists; pass --force to overwrite it",
            content.display(),
            content.display()
        );
    }
    // A plan of several names its units by the registry they share.
    let registry_path = root.join(plansite::load::SHARED_UNITS);
    let registry = match plan {
        Some(_) => Some(seed::shared::read_registry(&registry_path)?),
        None => None,
    };
    let mut out = emit(root, seed_path, &content, registry.as_ref())?;
    let shared = registry
        .map(|r| seed::shared::share_units(&mut out, r))
        .transpose()?;
    // Beside the folder it replaces: `.content.import-staging` for
    // content/, `content/plans/.ID.import-staging` for a plan.
    let staging = beside(&content, "import-staging");
    let report = write_staging(&staging, &out)?;
    let removed = swap_in(&content, &staging, &out)?;
    if let Some(shared) = &shared {
        write_registry(&registry_path, shared)?;
    }
    print_summary(&out, &folder, &report, removed);
    Ok(ExitCode::SUCCESS)
}

/// The content folder an import writes, relative to the root.
fn folder_of(root: &Path, plan: Option<&str>) -> Result<String> {
    Ok(match plan {
        Some(id) if !plansite::load::valid_plan_id(id) => bail!(
            "规划编号 {id} 只能由小写字母、数字和 - 组成 / the plan id {id} may hold only a-z, 0-9 and -"
        ),
        Some(id) => format!("{}/{id}", plansite::load::PLANS),
        None if !plansite::load::plan_ids(root)?.is_empty() => bail!(
            "这个网站有多个规划（{}/）：请用 --plan <编号> 导入 / \
             this site holds several plans ({}/): import with --plan <id>",
            plansite::load::PLANS,
            plansite::load::PLANS
        ),
        None => plansite::load::CONTENT.to_string(),
    })
}

/// The files the seed gives, with the English and ids already in
/// `content` (and in the site's shared unit `registry`) kept.
fn emit(
    root: &Path,
    seed_path: &Path,
    content: &Path,
    registry: Option<&plansite::schema::SharedUnitsFile>,
) -> Result<seed::emit::Emitted> {
    let bytes =
        std::fs::read(seed_path).with_context(|| format!("reading {}", seed_path.display()))?;
    let (src, word) = read_seed(seed_path, &bytes)?;
    let seed_dir = seed_path.parent().unwrap_or(Path::new("."));
    let mut tr = seed::read_translations(seed_dir)?;
    // English already in the site wins: staff may have edited it there.
    tr.site = seed::read_site_english(content)?;
    tr.glossary.extend(std::mem::take(&mut tr.site.glossary));
    let mut ids = seed::read_ids(seed_dir, content)?;
    if let Some(r) = registry {
        seed::shared::confirm(&mut ids, r);
    }
    let rel = relative_to(seed_path, root);
    let info = SeedInfo {
        rel_path: &rel,
        sha256: &fingerprint::sha256_hex(&bytes),
    };
    let out = seed::import_word(&src, word, &info, &tr, &ids);
    if out.period.is_none() {
        bail!(
            "{}：标题和指标表都没有写明规划期（如“十五五”或“2026—2030年”），请在标题行写明后重新导入 / \
             {}: neither the title nor the indicator table gives the plan period \
             (such as 十五五 or 2026—2030年); add it to the title line and import again",
            seed_path.display(),
            seed_path.display()
        );
    }
    Ok(out)
}

fn print_summary(out: &seed::emit::Emitted, folder: &str, report: &str, removed: Vec<String>) {
    for (k, v) in seed::summary(out) {
        println!("{k:>12}: {v}");
    }
    println!(
        "{:>12}: {} entries, {} bytes ({folder}/import-report.md)",
        "report",
        out.report.len(),
        report.len()
    );
    for name in removed {
        println!(
            "{:>12}: {folder}/{name}（Word 文件中已没有这张图片 / no longer in the Word file）",
            "removed"
        );
    }
}

/// The seed's text as the text importer reads it, and what only a Word
/// file says of it (nothing, for a text seed).
fn read_seed(seed_path: &Path, bytes: &[u8]) -> Result<(String, docx::WordLayer)> {
    if docx::looks_like_word(bytes) {
        // A Word file: read as the text export the text importer reads,
        // with what only the Word file says of it.
        let doc = docx::read(bytes).map_err(|e| anyhow::anyhow!("{}: {e}", seed_path.display()))?;
        return Ok(doc.to_seed());
    }
    let text = String::from_utf8(bytes.to_vec()).with_context(|| {
        format!(
            "{} 不是 UTF-8 文本或 .docx 文件。请导入 Word 文件，或把文本另存为 UTF-8 / {} is neither UTF-8 text nor a .docx file; import the Word file, or save the text as UTF-8",
            seed_path.display(),
            seed_path.display()
        )
    })?;
    Ok((text, docx::WordLayer::default()))
}

/// Writes the emitted files and the import report into `staging`; returns
/// the report's text.
fn write_staging(staging: &Path, out: &seed::emit::Emitted) -> Result<String> {
    if staging.exists() {
        std::fs::remove_dir_all(staging)
            .with_context(|| format!("removing {}", staging.display()))?;
    }
    let files = out.files.iter().map(|(k, v)| (k, v.as_bytes()));
    let binary = out.binary.iter().map(|(k, v)| (k, v.as_slice()));
    for (rel, bytes) in files.chain(binary) {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    let mut report =
        String::from("# Import report\n\nWhat the importer could not classify or resolve.\n\n");
    for line in &out.report {
        report.push_str(&format!("- {line}\n"));
    }
    let path = staging.join("import-report.md");
    std::fs::write(&path, &report).with_context(|| format!("writing {}", path.display()))?;
    Ok(report)
}

/// Puts the staged content in place of `content/`, keeping the files staff
/// wrote by hand (disclosure.toml, changelog.toml, progress/, …). Images
/// an earlier import copied from a Word file that this one does not have
/// are dropped, unless staff changed them; their names are returned.
fn swap_in(content: &Path, staging: &Path, out: &seed::emit::Emitted) -> Result<Vec<String>> {
    if !content.exists() {
        if let Some(parent) = content.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::rename(staging, content)?;
        return Ok(vec![]);
    }
    let imported = imported_images(content);
    let removed = keep_hand_written(content, staging, out, &imported)?;
    let old = beside(content, "import-old");
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    std::fs::rename(content, &old)?;
    std::fs::rename(staging, content)?;
    std::fs::remove_dir_all(&old)?;
    Ok(removed)
}

/// The images the last import wrote (`images/NAME` → SHA-256), from
/// `content/plan.toml`; none when it cannot be read, so nothing is dropped.
fn imported_images(content: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(content.join("plan.toml")).unwrap_or_default();
    toml::from_str::<plansite::schema::PlanFile>(&text)
        .map(|p| p.source.images)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, sha)| (format!("images/{name}"), sha))
        .collect()
}

fn keep_hand_written(
    content: &Path,
    staging: &Path,
    out: &seed::emit::Emitted,
    imported: &BTreeMap<String, String>,
) -> Result<Vec<String>> {
    let mut removed = vec![];
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        let entry = entry.with_context(|| format!("reading {}", content.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(content).context("content path")?;
        let key = rel.to_string_lossy().replace('\\', "/");
        if out.files.contains_key(&key)
            || out.binary.contains_key(&key)
            || key == "import-report.md"
        {
            continue;
        }
        if let Some(sha) = imported.get(&key) {
            let bytes = std::fs::read(entry.path())
                .with_context(|| format!("reading {}", entry.path().display()))?;
            if fingerprint::sha256_hex(&bytes) == *sha {
                removed.push(key);
                continue;
            }
        }
        let to = staging.join(rel);
        if let Some(dir) = to.parent() {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        std::fs::copy(entry.path(), &to)
            .with_context(|| format!("keeping {}", entry.path().display()))?;
    }
    Ok(removed)
}

/// Writes the shared unit registry (a temporary file renamed into place)
/// and names the units the import added to it.
fn write_registry(path: &Path, shared: &seed::shared::Shared) -> Result<()> {
    let text = seed::shared::registry_text(&shared.registry)?;
    let tmp = beside(path, "import-staging");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    for id in &shared.added {
        println!(
            "{:>12}: {id} → {}（新单位已登记 / a new unit registered）",
            "unit",
            plansite::load::SHARED_UNITS
        );
    }
    Ok(())
}

/// A hidden folder beside `dir`, named after it: `.NAME.{what}`.
fn beside(dir: &Path, what: &str) -> std::path::PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    dir.with_file_name(format!(".{name}.{what}"))
}

fn relative_to(path: &Path, root: &Path) -> String {
    let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (p, r) = (abs(path), abs(root));
    p.strip_prefix(&r)
        .unwrap_or(&p)
        .to_string_lossy()
        .replace('\\', "/")
}
