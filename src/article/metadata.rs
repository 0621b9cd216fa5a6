//! What the page says about the article: title, byline, site, date, canonical URL, language.
//!
//! Sources in order of trust: Open Graph and other `<meta>` tags, schema.org JSON-LD, `<link
//! rel=canonical>`, `<title>`, `<html lang>`; then what the page shows (bylines, the headline);
//! last, the language is told from the article's most common words.

use super::blocks::Extracted;
use super::tree::Sources;
use crate::engine::model::BlockKind;
use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// As the page gives it (usually ISO 8601).
    pub published: Option<String>,
    pub canonical_url: Option<String>,
    /// The page's summary of itself (Open Graph or meta description).
    pub description: Option<String>,
    /// Base language code, lower case ("en", "fr"): what picks the engine's lexicon.
    pub language: Option<String>,
}

/// The first non-empty `<meta>` value among `keys`.
fn meta(sources: &Sources, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        sources
            .meta
            .iter()
            .find(|(name, value)| name == key && !value.trim().is_empty())
            .map(|(_, v)| clean(v))
    })
}

fn clean(s: &str) -> String {
    super::text::normalize(s)
}

fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.is_empty())
}

/// The metadata the page's head (and JSON-LD) gives.
pub(crate) fn from_sources(sources: &Sources) -> Metadata {
    let ld = JsonLd::read(&sources.json_ld);
    let title = meta(
        sources,
        &["og:title", "twitter:title", "dc.title", "headline"],
    )
    .or(ld.headline.clone())
    .or_else(|| sources.title.as_deref().map(title_from_document_title))
    .and_then(non_empty);
    let site_name = meta(sources, &["og:site_name", "application-name", "publisher"])
        .or(ld.publisher.clone())
        .or_else(|| sources.title.as_deref().and_then(site_from_document_title))
        .map(|site| name_of_domain(&site))
        .and_then(non_empty);
    let person = |b: &String| names_a_person(b, site_name.as_deref());
    let byline = ld
        .authors
        .clone()
        .filter(person)
        .or_else(|| {
            meta(
                sources,
                &[
                    "author",
                    "dc.creator",
                    "parsely-author",
                    "sailthru.author",
                    "byl",
                ],
            )
            .filter(person)
        })
        .or_else(|| meta(sources, &["article:author"]).filter(|a| !a.contains("://")))
        .map(|b| strip_by(&b))
        .and_then(non_empty);
    let published = meta(
        sources,
        &[
            "article:published_time",
            "og:published_time",
            "datepublished",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "pubdate",
            "publish-date",
            "parsely-pub-date",
            "sailthru.date",
        ],
    )
    .or(ld.published.clone())
    .or_else(|| sources.times.first().map(|t| clean(t)))
    .and_then(non_empty);
    let canonical_url = sources
        .links
        .iter()
        .find(|(rel, href)| {
            rel.split_whitespace().any(|r| r == "canonical") && !href.trim().is_empty()
        })
        .map(|(_, href)| href.trim().to_string())
        .or_else(|| meta(sources, &["og:url", "twitter:url"]))
        .or(ld.url.clone());
    let description = meta(
        sources,
        &[
            "og:description",
            "description",
            "twitter:description",
            "dc.description",
        ],
    )
    .or(ld.description.clone())
    .and_then(non_empty);
    let title = title.map(|t| strip_title_suffix(&t, [site_name.as_deref(), byline.as_deref()]));
    let language = sources
        .html_lang
        .clone()
        .or_else(|| {
            meta(
                sources,
                &["content-language", "og:locale", "language", "dc.language"],
            )
        })
        .or(ld.language.clone())
        .and_then(|tag| base_language(&tag));
    Metadata {
        title,
        byline,
        site_name,
        published,
        canonical_url,
        description,
        language,
    }
}

impl Metadata {
    /// Fills what the head did not say from what the page shows.
    pub(crate) fn complete(&mut self, extracted: &Extracted) {
        if self.byline.is_none() {
            // The names linked in the byline are the authors without the labels around them.
            let site = self.site_name.as_deref();
            self.byline = extracted.linked_authors.clone().or_else(|| {
                extracted.bylines.iter().map(|b| strip_by(b)).find(|b| {
                    !b.is_empty()
                        && b.chars().any(char::is_alphabetic)
                        && !looks_like_date(b)
                        && names_a_person(b, site)
                })
            });
        }
        if self.published.is_none() {
            self.published = extracted
                .bylines
                .iter()
                .find(|b| looks_like_date(b))
                .map(|b| strip_date_label(b))
                .or_else(|| extracted.shown_date.clone());
        }
        // The headline as the page shows it over the story, unless it says something else than
        // the title the page gives (a section's name in an `<h1>`).
        let headline = extracted
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Headline);
        if let Some(headline) = headline {
            if self
                .title
                .as_deref()
                .is_none_or(|t| super::blocks::similarity(t, &headline.text) >= HEADLINE_AGREES)
            {
                self.title = Some(headline.text.clone());
            }
        }
        if self.language.is_none() {
            let sample = extracted
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            self.language = detect_language(&sample).map(str::to_string);
        }
    }
}

/// How much the shown headline must share with the page's title to stand for it.
const HEADLINE_AGREES: f64 = 0.5;

/// Whether a byline names people rather than the publication: not the site's name, not a web
/// address, no year in it (a date line).
fn names_a_person(byline: &str, site: Option<&str>) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (byline_words, site_words) = (words(byline), site.map(words).unwrap_or_default());
    let within = |a: &[String], b: &[String]| !a.is_empty() && a.iter().all(|w| b.contains(w));
    let names_site = within(&site_words, &byline_words) || within(&byline_words, &site_words);
    let has_address = byline.split_whitespace().any(looks_like_domain);
    let has_year = byline
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() == 4);
    !names_site && !has_address && !has_year
}

/// "www.example.com", "example.co.uk", "Example.de": a word with a dot before letters.
fn looks_like_domain(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.rsplit_once('.').is_some_and(|(name, tld)| {
        !name.is_empty() && (2..=6).contains(&tld.len()) && tld.chars().all(char::is_alphabetic)
    })
}

/// A publication named by its web address ("Example.co.uk", "www.example.com") named as a reader
/// says it ("Example").
fn name_of_domain(site: &str) -> String {
    if site.contains(' ') || !looks_like_domain(site) {
        return site.to_string();
    }
    let host = site.trim_start_matches("www.").trim_start_matches("WWW.");
    host.split('.').next().unwrap_or(host).to_string()
}

/// "Headline | Site" → "Site": the last part of a title made of several that reads as a name (a
/// few words, no digits: "Headline | Site | 10.06.2013" too), or else its first ("Site | Headline").
fn site_from_document_title(title: &str) -> Option<String> {
    let title = clean(title);
    let mut parts = vec![title.as_str()];
    for separator in TITLE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    let name = |part: &&str| {
        let words = part.split_whitespace().count();
        (1..=SITE_WORDS).contains(&words) && !part.chars().any(|c| c.is_ascii_digit())
    };
    let (first, rest) = parts.split_first()?;
    rest.iter()
        .rev()
        .find(|part| name(part))
        .or(Some(first).filter(|_| !rest.is_empty() && name(first)))
        .map(|part| part.trim().to_string())
}

/// Most words of a publication's name.
const SITE_WORDS: usize = 4;

const TITLE_SEPARATORS: [&str; 7] = [" | ", " - ", " – ", " — ", " :: ", " » ", " · "];

/// "Headline - Site" → "Headline" when what follows the last separator is the site's name or
/// the author's.
fn strip_title_suffix(title: &str, names: [Option<&str>; 2]) -> String {
    let cut = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max();
    if let Some((at, len)) = cut {
        let suffix = title[at + len..].trim().to_lowercase();
        let named = names.into_iter().flatten().any(|n| {
            let n = n.to_lowercase();
            !suffix.is_empty() && (n.contains(&suffix) || suffix.contains(&n))
        });
        if named && at > 0 {
            return title[..at].trim().to_string();
        }
    }
    title.to_string()
}

/// "Headline | Site" → "Headline": the longest part between the usual separators.
fn title_from_document_title(title: &str) -> String {
    let title = clean(title);
    let mut parts = vec![title.as_str()];
    for separator in TITLE_SEPARATORS {
        parts = parts.into_iter().flat_map(|p| p.split(separator)).collect();
    }
    if parts.len() < 2 {
        return title.clone();
    }
    parts
        .into_iter()
        .map(str::trim)
        .max_by_key(|p| p.split_whitespace().count())
        .unwrap_or_default()
        .to_string()
}

fn strip_by(byline: &str) -> String {
    let byline = clean(byline);
    // "By" in the languages of the lexicons.
    for prefix in [
        "By ", "by ", "BY ", "Von ", "von ", "Por ", "por ", "Par ", "par ",
    ] {
        if let Some(rest) = byline.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    byline
}

/// "Published Jun 17, 2014" → "Jun 17, 2014".
fn strip_date_label(dateline: &str) -> String {
    let words: Vec<&str> = dateline.split_whitespace().collect();
    let label = |w: &str| {
        matches!(
            w.trim_end_matches(':').to_lowercase().as_str(),
            "published" | "posted" | "updated" | "on" | "last"
        )
    };
    words
        .iter()
        .skip_while(|w| label(w))
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

fn looks_like_date(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 4 && (s.contains(':') || s.contains(',') || s.contains('-') || s.contains('/'))
}

/// "en-US", "pt_BR", "EN" → "en"; `None` for anything that is not a language tag.
pub(crate) fn base_language(tag: &str) -> Option<String> {
    let base = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3)
        .contains(&base.len())
        .then_some(())
        .filter(|_| base.chars().all(|c| c.is_ascii_lowercase()))
        .map(|_| base)
}

/// Frequent short words of some languages: enough to tell them apart on a paragraph or two.
const STOP_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "it", "was", "for", "on", "with", "he",
            "as", "said", "by", "at", "from", "this", "have",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "et", "des", "est", "une", "du", "que", "dans", "qui", "pour",
            "pas", "sur", "au", "avec", "il", "sont", "ce", "aux",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "den", "von", "mit", "sich", "des", "auf",
            "ein", "eine", "dem", "zu", "auch", "es", "wird", "für",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "en", "por", "una", "con", "para", "es", "se", "lo",
            "como", "más", "pero", "su", "al", "fue", "este",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "della", "per", "una", "sono", "del", "non", "con", "gli", "le",
            "nel", "alla", "è", "anche", "come", "si", "questo", "dei",
        ],
    ),
    (
        "pt",
        &[
            "de", "que", "não", "em", "uma", "os", "do", "da", "para", "com", "se", "por", "mais",
            "as", "dos", "como", "mas", "foi", "ao", "ele",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "van", "en", "niet", "dat", "is", "op", "te", "zijn", "voor",
            "met", "die", "ook", "als", "aan", "er", "maar", "wordt",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har",
            "inte", "om", "ett", "var", "jag", "men", "sig",
        ],
    ),
    (
        "pl",
        &[
            "nie", "się", "jest", "na", "że", "do", "to", "jak", "po", "co", "tak", "za", "od",
            "ale", "czy", "jego", "przez", "już", "dla", "może",
        ],
    ),
    (
        "cs",
        &[
            "a", "se", "na", "je", "že", "to", "v", "ve", "do", "jako", "pro", "ale", "by", "jsou",
            "z", "za", "také", "jeho", "podle", "který",
        ],
    ),
    (
        "ru",
        &[
            "и", "в", "не", "на", "что", "он", "с", "как", "по", "это", "она", "к", "но", "из",
            "у", "за", "от", "его", "так", "был",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "da", "de", "için", "ile", "çok", "daha", "olarak", "gibi", "ama",
            "olan", "en", "sonra", "kadar", "her", "ne", "mi", "değil",
        ],
    ),
];

/// Writing systems that name one language well enough to pick a lexicon.
fn language_of_script(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{3040}'..='\u{30FF}' => "ja", // kana
        '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' => "ko",
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => "zh",
        '\u{0600}'..='\u{06FF}' => "ar",
        '\u{0590}'..='\u{05FF}' => "he",
        '\u{0370}'..='\u{03FF}' => "el",
        '\u{0E00}'..='\u{0E7F}' => "th",
        '\u{0900}'..='\u{097F}' => "hi",
        _ => return None,
    })
}

/// The language of `text`: by its writing system when that names one, else by the stop words
/// it uses most, when it clearly uses some.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let (mut letters, mut counts) = (0usize, Vec::<(&str, usize)>::new());
    for c in text.chars().filter(|c| c.is_alphabetic()).take(5000) {
        letters += 1;
        let Some(language) = language_of_script(c) else {
            continue;
        };
        match counts.iter_mut().find(|(l, _)| *l == language) {
            Some((_, n)) => *n += 1,
            None => counts.push((language, 1)),
        }
    }
    // Japanese mixes kana with Chinese characters: any real share of kana makes it Japanese.
    let kana = counts
        .iter()
        .find(|(l, _)| *l == "ja")
        .map_or(0, |&(_, n)| n);
    if kana * 10 > letters {
        return Some("ja");
    }
    if let Some(&(language, n)) = counts.iter().max_by_key(|&&(_, n)| n) {
        if n * 3 > letters {
            return Some(language);
        }
    }
    detect_by_stop_words(text)
}

fn detect_by_stop_words(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2000)
        .map(str::to_lowercase)
        .collect();
    let (language, hits) = STOP_WORDS
        .iter()
        .map(|(language, stops)| {
            (
                *language,
                words.iter().filter(|w| stops.contains(&w.as_str())).count(),
            )
        })
        .max_by_key(|&(_, hits)| hits)?;
    (hits >= 3 && hits * 20 >= words.len()).then_some(language)
}

/// What schema.org JSON-LD says about the article.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    url: Option<String>,
    description: Option<String>,
    language: Option<String>,
}

/// JSON-LD nests graphs in graphs; looking deeper than this is looking at something else.
const JSON_LD_DEPTH: usize = 6;

impl JsonLd {
    fn read(scripts: &[String]) -> Self {
        let mut found = JsonLd::default();
        for script in scripts {
            let Ok(value) = serde_json::from_str::<Value>(script.trim()) else {
                continue;
            };
            if let Some(article) = find_article(&value, 0) {
                found = JsonLd::from_article(article);
                break;
            }
        }
        found
    }

    fn from_article(article: &Value) -> Self {
        let string = |key: &str| {
            article
                .get(key)
                .and_then(Value::as_str)
                .map(clean)
                .and_then(non_empty)
        };
        let authors = article
            .get("author")
            .map(names)
            .filter(|n| !n.is_empty())
            .map(|n| n.join(", "));
        let publisher = article
            .get("publisher")
            .and_then(|p| names(p).into_iter().next());
        let url = string("url").or_else(|| {
            article
                .get("mainEntityOfPage")
                .and_then(|m| m.as_str().or_else(|| m.get("@id").and_then(Value::as_str)))
                .map(str::to_string)
        });
        let language = article
            .get("inLanguage")
            .and_then(|l| l.as_str().or_else(|| l.get("name").and_then(Value::as_str)))
            .map(str::to_string);
        JsonLd {
            headline: string("headline").or_else(|| string("name")),
            authors,
            publisher,
            published: string("datePublished").or_else(|| string("dateCreated")),
            url,
            description: string("description"),
            language,
        }
    }
}

fn is_article_type(value: &Value) -> bool {
    let is_article = |t: &str| {
        t.ends_with("Article") || t.ends_with("BlogPosting") || t == "Report" || t == "Review"
    };
    match value.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > JSON_LD_DEPTH {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) if is_article_type(value) => Some(value).filter(|_| !map.is_empty()),
        Value::Object(map) => map.get("@graph").and_then(|g| find_article(g, depth + 1)),
        _ => None,
    }
}

/// Names in a schema.org person/organisation value: a string, an object with `name`, or a list.
fn names(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![clean(s)]
            .into_iter()
            .filter(|s| !s.is_empty() && !s.contains("://"))
            .collect(),
        Value::Object(map) => map.get("name").map(names).unwrap_or_default(),
        Value::Array(items) => items.iter().take(10).flat_map(names).collect(),
        _ => Vec::new(),
    }
}
