//! The analysis as files to download: JSON and Markdown, both citing the page they were made of,
//! and the file name they are offered under.

use super::{actor_entries, role_line, speaker_name, stance_text, Language, Message};
use crate::engine::{Analysis, Position, Quote, Reported};
use serde::Serialize;

/// The page an analysis was made of, cited by the exports.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Source {
    pub title: String,
    pub url: String,
    /// The site's name, as the page declares it.
    pub site: Option<String>,
    /// When the article was published, as the page gives it (usually ISO 8601).
    pub published: Option<String>,
}

/// The analysis as Markdown: actors, their quotes and reported positions, citing the source,
/// with its headings in `language`.
pub fn markdown(analysis: &Analysis, source: &Source, language: Language) -> String {
    let title = if source.title.trim().is_empty() {
        language.text(Message::UntitledPage)
    } else {
        source.title.trim()
    };
    let title = escape_markdown(title);
    let heading = language.fill(Message::ExportHeading, &[&title]);
    let cited = if source.url.is_empty() {
        title
    } else {
        format!("[{title}](<{}>)", source.url.replace('>', "%3E"))
    };
    let mut out = format!(
        "# {heading}\n\n{}\n\n",
        language.fill(Message::ExportSource, &[&cited])
    );
    let entries = actor_entries(analysis, language);
    let quotes: usize = entries.iter().map(|e| e.quotes).sum();
    let counts = language.fill(
        Message::And,
        &[
            &language.count(Message::Quotes, quotes, &[]),
            &language.count(Message::ReportedStatements, analysis.reported.len(), &[]),
        ],
    );
    out.push_str(&language.fill(Message::FoundByQuoteLens, &[&counts]));
    out.push('\n');
    for entry in &entries {
        out.push_str(&format!("\n## {}", escape_markdown(&entry.name)));
        if let Some(role) = &entry.role {
            out.push_str(&format!(" ({})", escape_markdown(role)));
        }
        out.push_str("\n\n");
        for position in &entry.positions {
            match *position {
                Position::Quote(i) => out.push_str(&quote_line(&analysis.quotes[i])),
                Position::Reported(i) => {
                    out.push_str(&reported_line(&analysis.reported[i], language))
                }
            }
        }
    }
    out
}

fn quote_line(quote: &Quote) -> String {
    let mut line = format!("- “{}”", escape_markdown(&quote.text));
    if let Some(cue) = &quote.cue {
        line.push_str(&format!(" — {}", escape_markdown(cue)));
    }
    line.push('\n');
    line
}

fn reported_line(statement: &Reported, language: Language) -> String {
    let stance = statement
        .stance
        .as_ref()
        .map(|stance| format!(" ({})", escape_markdown(&stance_text(stance, language))))
        .unwrap_or_default();
    format!(
        "- {}{stance}: {} — {}\n",
        language.text(Message::Reported),
        escape_markdown(&statement.text),
        escape_markdown(&statement.cue)
    )
}

/// Backslash-escapes what Markdown would read as markup, and keeps each item on one line.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// The formats the analysis can be downloaded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Json,
    Markdown,
}

impl ExportKind {
    pub const ALL: [ExportKind; 2] = [ExportKind::Json, ExportKind::Markdown];

    /// The name the interface's actions use for it.
    pub fn name(self) -> &'static str {
        match self {
            ExportKind::Json => "json",
            ExportKind::Markdown => "markdown",
        }
    }

    pub fn from_name(name: &str) -> Option<ExportKind> {
        Self::ALL.into_iter().find(|kind| kind.name() == name)
    }

    pub fn mime_type(self) -> &'static str {
        match self {
            ExportKind::Json => "application/json",
            ExportKind::Markdown => "text/markdown",
        }
    }

    /// "quotelens-<words of the title>.json"
    pub fn file_name(self, source: &Source) -> String {
        let extension = match self {
            ExportKind::Json => "json",
            ExportKind::Markdown => "md",
        };
        format!("quotelens-{}.{extension}", file_stem(&source.title))
    }
}

/// Quote `index` with its attribution, to paste elsewhere: “…” — Name, role (Site, date, URL).
/// What is unknown is left out; `None` for no such quote.
pub fn citation(analysis: &Analysis, index: usize, source: &Source) -> Option<String> {
    let quote = analysis.quotes.get(index)?;
    let mut line = format!("“{}”", quote.text.trim());
    let name = speaker_name(analysis, quote);
    if !name.is_empty() {
        line.push_str(" — ");
        line.push_str(name);
        let role = quote
            .actor
            .and_then(|a| analysis.actors.get(a))
            .and_then(role_line);
        if let Some(role) = role {
            line.push_str(", ");
            line.push_str(&role);
        }
    }
    let site = source.site.as_deref().unwrap_or(source.title.as_str());
    // The day of an ISO 8601 timestamp; other forms as the page gives them.
    let date = source
        .published
        .as_deref()
        .map(|d| d.split_once('T').map_or(d, |(day, _)| day));
    let cited: Vec<&str> = [Some(site), date, Some(source.url.as_str())]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    if !cited.is_empty() {
        line.push_str(&format!(" ({})", cited.join(", ")));
    }
    Some(line)
}

/// What the JSON export holds: the analysis as the command line prints it, with a `source`
/// giving the page's title and URL. (The browser writes it out with `JSON.stringify`: serde_json's
/// writer would add about 19 KB to the gzipped WebAssembly.)
#[derive(Serialize)]
pub struct Cited<'a> {
    #[serde(flatten)]
    pub analysis: &'a Analysis,
    pub source: &'a Source,
}

/// A file name from a page title: lower-case words joined by dashes, at most 60 characters.
fn file_stem(title: &str) -> String {
    let mut stem = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
    {
        if stem.len() + word.len() + 1 > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    if stem.is_empty() {
        "analysis".to_string()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Rule;

    fn source() -> Source {
        Source {
            title: "Mayor: ‘We will stay’ | The Daily".into(),
            url: "https://example.org/news?id=1".into(),
            site: Some("The Daily".into()),
            published: Some("2026-03-01T09:30:00Z".into()),
        }
    }

    #[test]
    fn a_citation_gives_the_quote_its_speaker_and_source() {
        let analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        assert_eq!(
            citation(&analysis, 0, &source()).unwrap(),
            "“We will stay” — Ann Lee, mayor (The Daily, 2026-03-01, https://example.org/news?id=1)"
        );
        let bare = Source {
            title: "Pasted text".into(),
            ..Source::default()
        };
        assert_eq!(
            citation(&analysis, 0, &bare).unwrap(),
            "“We will stay” — Ann Lee, mayor (Pasted text)"
        );
        assert_eq!(citation(&analysis, 1, &bare), None);
    }

    #[test]
    fn a_citation_without_speaker_or_source_leaves_them_out() {
        let mut analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        analysis.quotes[0].actor = None;
        analysis.quotes[0].speaker = None;
        assert_eq!(
            citation(&analysis, 0, &Source::default()).unwrap(),
            "“We will stay”"
        );
    }

    #[test]
    fn the_json_export_is_the_command_lines_analysis_citing_its_source() {
        let analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        let source = source();
        let cited = Cited {
            analysis: &analysis,
            source: &source,
        };
        let value: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&cited).unwrap()).unwrap();
        // Through text, as the command line writes it (an f32 read back as f64 would differ).
        let mut bare: serde_json::Value =
            serde_json::from_str(&serde_json::to_string(&analysis).unwrap()).unwrap();
        bare["source"] = serde_json::json!({
            "title": "Mayor: ‘We will stay’ | The Daily",
            "url": "https://example.org/news?id=1",
            "site": "The Daily",
            "published": "2026-03-01T09:30:00Z",
        });
        assert_eq!(value, bare);
    }

    #[test]
    fn the_markdown_export_has_its_headings_in_the_interface_language() {
        let analysis = super::super::tests::analysis_with(Rule::Focus, None, None);
        let german = markdown(&analysis, &source(), Language::German);
        assert!(
            german.starts_with(
                "# Wer sagte was: Mayor: ‘We will stay’ \\| The Daily\n\n\
                 Quelle: [Mayor: ‘We will stay’ \\| The Daily](<https://example.org/news?id=1>)\n\n\
                 1 Zitat und 0 indirekte Äußerungen, gefunden von QuoteLens.\n"
            ),
            "{german}"
        );
        let english = markdown(&analysis, &Source::default(), Language::English);
        assert!(
            english.starts_with("# Who said what: Untitled page\n\nSource: Untitled page\n\n"),
            "{english}"
        );
    }

    #[test]
    fn files_are_named_after_the_title() {
        assert_eq!(
            ExportKind::Json.file_name(&source()),
            "quotelens-mayor-we-will-stay-the-daily.json"
        );
        let untitled = Source::default();
        assert_eq!(
            ExportKind::Markdown.file_name(&untitled),
            "quotelens-analysis.md"
        );
        let long = Source {
            title: "word ".repeat(40),
            ..Source::default()
        };
        let name = ExportKind::Markdown.file_name(&long);
        assert!(name.len() <= "quotelens-.md".len() + 60, "{name}");
        assert!(name.ends_with("-word.md"), "{name}");
    }

    #[test]
    fn every_kind_has_a_name_that_reads_back() {
        for kind in ExportKind::ALL {
            assert_eq!(ExportKind::from_name(kind.name()), Some(kind));
        }
    }
}
