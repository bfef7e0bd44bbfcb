//! Sets `PLANSITE_SOURCE_ID`, a hash of everything the binary is built
//! from that can change what it writes: `src/`, the default theme it
//! embeds (`themes/default/`), the manifest (dependency features) and the
//! lock (dependency versions: every crate now comes from crates.io, so the
//! lock names their exact sources), and this file. The render cache and
//! the search shard cache beside the output keep what a binary of the same
//! sources made only: any change to the code that renders, minifies or
//! indexes a page starts them afresh.
use std::hash::{Hash, Hasher};
use std::path::Path;

fn main() {
    let mut files = vec![];
    collect(Path::new("src"), &mut files);
    collect(Path::new("themes/default"), &mut files);
    files.sort();
    files.push("Cargo.toml".into());
    files.push("Cargo.lock".into());
    files.push("build.rs".into());
    // Two differently seeded 64-bit hashes: 128 bits of identity.
    let id: Vec<String> = ["plansite-a", "plansite-b"]
        .iter()
        .map(|seed| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            seed.hash(&mut h);
            for f in &files {
                f.hash(&mut h);
                std::fs::read(f).unwrap_or_default().hash(&mut h);
            }
            format!("{:016x}", h.finish())
        })
        .collect();
    println!("cargo:rustc-env=PLANSITE_SOURCE_ID={}", id.concat());
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=themes/default");
}

/// Every file below `dir`, as `/`-separated paths.
fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else {
            out.push(p.to_string_lossy().replace('\\', "/"));
        }
    }
}
