//! Links the `confsearch` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable (the default) is relocated by the dynamic loader at every
//! start: about 34,500 relative relocations, which copy-on-write 170 pages of tables (vtables,
//! string tables) before `main` runs. Linked at a fixed address, the binary maps those pages
//! straight from the file, only the ones a run touches: 135 page faults instead of 303 for
//! `confsearch --version`, about 0.5 ms off every command on the 2-core benchmark machine
//! (BENCHMARKS.md, issue 13). The libraries and every test and example stay as they are.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
