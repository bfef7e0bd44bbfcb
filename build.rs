//! Links the `plansite` binary as a fixed-address (non-PIE) executable on
//! Linux. Its tables (pagefind's dictionaries, the HTML entity trie) hold
//! ~64,000 pointers; as a PIE each is relocated at every start, which was
//! about half of the ~8 ms it took to start. Staff rebuild often and
//! `serve` is long-lived, so the few milliseconds matter only for builds,
//! but they are a tenth of the shipped site's build.
fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let x86 = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "x86_64");
    if linux && x86 {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
