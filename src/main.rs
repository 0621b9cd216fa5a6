//! `quotelens`: the engine on the command line.
//!
//! quotelens analyze FILE… [--out DIR]   who-said-what as JSON (HTML pages or .txt files)
//! quotelens text FILE.html              the article text that was kept, blocks separated by blank lines
//! quotelens meta FILE.html              the page's metadata (title, byline, site, date, URL, language) as JSON

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args().skip(1).collect())
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use quotelens::article::{self, html::HtmlNode};
    use quotelens::engine::{self, Block};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "usage: quotelens analyze FILE... [--out DIR] | quotelens text FILE.html | quotelens meta FILE.html";

    pub fn run(args: Vec<String>) -> ExitCode {
        match dispatch(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("quotelens: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn dispatch(args: &[String]) -> Result<(), String> {
        match args.split_first() {
            Some((command, rest)) if command == "analyze" => analyze(rest),
            Some((command, [file])) if command == "text" => {
                let (blocks, _) = read_blocks(Path::new(file))?;
                let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
                print(&texts.join("\n\n"))
            }
            Some((command, [file])) if command == "meta" => {
                let source = read_source(Path::new(file))?;
                let document = scraper::Html::parse_document(&source);
                let metadata = article::extract(&HtmlNode::root(&document)).metadata;
                print(&serde_json::to_string_pretty(&metadata).map_err(|e| e.to_string())?)
            }
            _ => Err(USAGE.to_string()),
        }
    }

    fn analyze(args: &[String]) -> Result<(), String> {
        let mut files = Vec::new();
        let mut out_dir: Option<PathBuf> = None;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if arg == "--out" {
                out_dir = Some(args.next().ok_or("--out needs a directory")?.into());
            } else {
                files.push(PathBuf::from(arg));
            }
        }
        if files.is_empty() {
            return Err(USAGE.to_string());
        }
        if let Some(dir) = &out_dir {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        for file in &files {
            let (blocks, language) = read_blocks(file)?;
            let analysis = engine::analyze(&blocks, &language);
            let json = serde_json::to_string_pretty(&analysis).map_err(|e| e.to_string())?;
            match &out_dir {
                Some(dir) => {
                    let target = dir.join(format!("{}.json", output_name(file, &files)));
                    std::fs::write(&target, json)
                        .map_err(|e| format!("{}: {e}", target.display()))?;
                }
                None => print(&json)?,
            }
        }
        Ok(())
    }

    /// The name of `file`'s output: its stem, or its folder's name when several inputs share
    /// the stem (`pages/<name>/source.html`).
    fn output_name(file: &Path, files: &[PathBuf]) -> String {
        let stem = |f: &Path| {
            f.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        };
        let shared = files.iter().filter(|f| stem(f) == stem(file)).count() > 1;
        match file.parent().and_then(Path::file_name) {
            Some(folder) if shared => folder.to_string_lossy().into_owned(),
            _ => stem(file),
        }
    }

    /// Writes `text` and a newline to stdout; a reader that stops early (`| head`) is no error.
    fn print(text: &str) -> Result<(), String> {
        use std::io::Write;
        match writeln!(std::io::stdout().lock(), "{text}") {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
            _ => Ok(()),
        }
    }

    /// A file's text; bytes that are not UTF-8 become U+FFFD rather than an error.
    fn read_source(path: &Path) -> Result<String, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The language assumed when a page neither declares nor shows one.
    const DEFAULT_LANGUAGE: &str = "en";

    /// Reads an HTML page through the article finder, or a text file as blank-line-separated
    /// blocks; with the text's base language code.
    fn read_blocks(path: &Path) -> Result<(Vec<Block>, String), String> {
        let source = read_source(path)?;
        let is_html = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("html" | "htm")
        );
        if is_html {
            let document = scraper::Html::parse_document(&source);
            let found = article::extract(&HtmlNode::root(&document));
            let language = found
                .metadata
                .language
                .unwrap_or_else(|| DEFAULT_LANGUAGE.to_string());
            Ok((found.blocks, language))
        } else {
            let blocks = engine::blocks_from_text(&source);
            let sample: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
            let language = article::detect_language(&sample.join(" "))
                .unwrap_or(DEFAULT_LANGUAGE)
                .to_string();
            Ok((blocks, language))
        }
    }
}
