//! Sets `PLANSITE_SOURCE_ID`, a hash of the sources (`src/`, the
//! dependency lock, this file). The render cache beside the output keeps
//! pages made by a binary of the same sources only: any change to the code
//! that renders or minifies a page starts it afresh.
use std::hash::{Hash, Hasher};
use std::path::Path;

fn main() {
    let mut files = vec![];
    collect(Path::new("src"), &mut files);
    files.sort();
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
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=src");
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
