//! The list of real pages (`tests/corpus/pages/*/source.html` and the news pages of
//! `tests/corpus/extraction/pages/`), for the browser test that compares the live DOM's article
//! with the native path's on each (`src/web/dom_node.rs`): Rust cannot list a directory at
//! compile time, and the test must not miss a page added later.

use std::path::{Path, PathBuf};

/// (name, path from the crate's root) of every page file under `dir` that `page_of` finds.
fn pages(
    dir: &str,
    page_of: impl Fn(&Path) -> Option<(String, PathBuf)>,
) -> Vec<(String, PathBuf)> {
    println!("cargo:rerun-if-changed={dir}");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| page_of(&e.path()))
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

fn main() {
    let corpus = pages("tests/corpus/pages", |dir| {
        let source = dir.join("source.html");
        let name = dir.file_name()?.to_string_lossy().into_owned();
        source.is_file().then_some((name, source))
    });
    let news = pages("tests/corpus/extraction/pages", |file| {
        let name = file.file_stem()?.to_string_lossy().into_owned();
        (file.extension()? == "html").then(|| (name, file.to_path_buf()))
    });
    let list: String = corpus
        .iter()
        .chain(&news)
        .map(|(name, path)| {
            format!(
                "    ({name:?}, include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{}\"))),\n",
                path.display()
            )
        })
        .collect();
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("real_pages.rs");
    std::fs::write(
        out,
        format!("/// Every real page of the tests: its name and its source.\nconst REAL_PAGES: &[(&str, &[u8])] = &[\n{list}];\n"),
    )
    .expect("OUT_DIR is writable");
}
