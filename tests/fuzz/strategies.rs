//! Input generators: text that walks the engine's quote, name and cue paths, and garbled HTML that
//! walks the article finder's.

use proptest::prelude::*;
use quotelens::engine::{Block, BlockKind};

/// Every quotation-mark style the engine must handle, their look-alikes, and apostrophe shapes.
pub const MARKS: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "‹", "›", "„", "‚", "「", "」", "『", "』", "‟", "‛",
    "″", "〝", "〞", "＂", "« ", " »", "`", "´", "''", "``",
];

/// Words that steer the engine into its attribution, name, title, pronoun and stance paths.
pub const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "reporters",
    "according to",
    "he",
    "she",
    "they",
    "it",
    "He",
    "She",
    "added",
    "wrote",
    "in a tweet",
    "in a statement",
    "Mr",
    "Mrs",
    "Ms.",
    "Dr.",
    "President",
    "Secretary of State",
    "spokesman",
    "Rear Admiral",
    "Read Admiral",
    "the",
    "The",
    "United States",
    "State Department",
    "Ministry",
    "government",
    "Jane",
    "Doe",
    "John",
    "Smith",
    "Anna",
    "Müller",
    "José",
    "Álvarez",
    "O'Brien",
    "Jean-Luc",
    "don't",
    "’90s",
    "students’ union",
    "rock ’n’ roll",
    "a déclaré",
    "dijo",
    "disse",
    "sagte",
    "denied",
    "rejected",
    "supports",
    "welcomed",
    "ruled out",
    "open to",
    "in an interview with",
    "CNN",
    "asked",
    "—",
    "–",
    "…",
    "of",
    "and",
    "that",
];

pub const SEPARATORS: &[&str] = &[
    " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{a0}", "\u{2028}", "\u{200b}", "\u{feff}",
    ",", ".", ":", ";", "?", "!", ", ", ". ", ": ", "(", ")", "[", "]",
];

/// NUL, replacement chars (what lone surrogates from the DOM become), astral, combining, bidi,
/// control and case-mapping oddities.
pub const ODD: &[&str] = &[
    "\0",
    "\u{fffd}",
    "😀",
    "👩‍👩‍👧",
    "🇫🇷",
    "𝐀",
    "\u{10ffff}",
    "e\u{301}",
    "\u{202e}",
    "\u{200f}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "ß",
    "İ",
    "ﬁ",
    "Σ",
    "ǅ",
    "\u{e000}",
    "\u{0}\u{0}",
];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

fn capitalised_word() -> impl Strategy<Value = String> {
    (
        prop::char::range('A', 'Z'),
        prop::collection::vec(prop::char::range('a', 'z'), 1..9),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => pick(WORDS),
        2 => capitalised_word(),
        4 => pick(MARKS),
        4 => pick(SEPARATORS),
        1 => pick(ODD),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// News-like text: words, names, marks of every style, separators and odd characters, shuffled.
pub fn newsy_text(max_tokens: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..max_tokens).prop_map(|tokens| tokens.concat())
}

/// Any Unicode scalar values.
pub fn any_text(max_chars: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..max_chars).prop_map(String::from_iter)
}

/// Random bytes read as UTF-8 the way the command line reads files (lossily).
pub fn binary_junk(max_bytes: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(any::<u8>(), 0..max_bytes)
        .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

pub fn block_text() -> impl Strategy<Value = String> {
    prop_oneof![6 => newsy_text(80), 1 => any_text(120), 1 => binary_junk(200)]
}

pub fn block_kind() -> impl Strategy<Value = BlockKind> {
    use BlockKind::*;
    prop::sample::select(vec![
        Headline, Standfirst, Paragraph, Blockquote, ListItem, Caption,
    ])
}

/// An article's blocks, ids numbered in reading order as the article finder numbers them.
pub fn blocks(max_blocks: usize) -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec((block_kind(), block_text()), 0..max_blocks).prop_map(|blocks| {
        blocks
            .into_iter()
            .enumerate()
            .map(|(id, (kind, text))| Block { id, kind, text })
            .collect()
    })
}

pub fn language() -> impl Strategy<Value = String> {
    pick(&[
        "en",
        "en",
        "en",
        "fr",
        "es",
        "pt",
        "de",
        "it",
        "",
        "xx",
        "EN",
        "en-GB",
        "zh-Hant-TW",
        "\0",
        "ü",
    ])
}

/// A piece of an HTML document, serialised with deliberate damage.
#[derive(Clone, Debug)]
pub enum Html {
    Element {
        tag: &'static str,
        attrs: Vec<(&'static str, String)>,
        children: Vec<Html>,
        closed: bool,
    },
    Text {
        text: String,
        escaped: bool,
    },
    Raw(&'static str),
}

const TAGS: &[&str] = &[
    "div",
    "div",
    "p",
    "p",
    "p",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "h1",
    "h2",
    "h3",
    "li",
    "ul",
    "ol",
    "blockquote",
    "figure",
    "figcaption",
    "article",
    "main",
    "section",
    "header",
    "footer",
    "nav",
    "aside",
    "form",
    "script",
    "style",
    "noscript",
    "template",
    "table",
    "tr",
    "td",
    "pre",
    "br",
    "hr",
    "img",
    "q",
    "cite",
    "time",
    "sup",
    "small",
    "button",
    "iframe",
    "svg",
    "textarea",
    "title",
    "meta",
    "address",
    "details",
    "summary",
    "dialog",
    "picture",
    "source",
    "video",
    "label",
    "select",
];

const ATTRIBUTES: &[&str] = &[
    "class",
    "class",
    "id",
    "hidden",
    "aria-hidden",
    "style",
    "itemprop",
    "role",
    "lang",
    "dir",
    "href",
    "rel",
    "property",
    "content",
    "name",
    "type",
    "datetime",
    "data-component",
    "contenteditable",
];

const ATTRIBUTE_VALUES: &[&str] = &[
    "article",
    "content",
    "story-body",
    "article-body",
    "post-content",
    "entry-content",
    "comment",
    "comments",
    "sidebar",
    "share",
    "related",
    "byline",
    "author",
    "caption",
    "hidden",
    "ad",
    "promo",
    "display:none",
    "visibility:hidden",
    "true",
    "false",
    "main",
    "articleBody",
    "rtl",
    "og:title",
    "application/ld+json",
    "headline",
    "",
    " ",
    "\"",
    "'><img src=x onerror=alert(1)>",
];

/// Damage that parsers must survive: stray tags, broken entities, comments, CDATA, raw-text
/// switches.
const RAW: &[&str] = &[
    "<",
    ">",
    "</p>",
    "<p",
    "</div>",
    "&",
    "&amp",
    "&#",
    "&#x110000;",
    "&#0;",
    "&#xD800;",
    "&#xDFFF;",
    "&#x1F600;",
    "&ldquo;",
    "&rdquo;",
    "&laquo;",
    "&nbsp;",
    "&quot;",
    "&#8217;",
    "&notanentity;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<br/>",
    "</>",
    "<>",
    "<?xml ?>",
    "<!DOCTYPE html>",
    "</html>",
    "<body>",
    "</body>",
    "<head>",
    "<script>",
    "</script>",
    "<style>",
    "<textarea>",
    "<title>",
    "<svg><p>",
    "<math><mi>",
    "<template>",
    "<noscript>",
    "<q>",
    "</q>",
    "<table><tr><td>",
    "<select><option>",
    "<frameset>",
    "<plaintext>",
    "<xmp>",
    "<image>",
    "<isindex>",
    "\0",
    "\u{c}",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

impl Html {
    pub fn write(&self, out: &mut String) {
        match self {
            Html::Element {
                tag,
                attrs,
                children,
                closed,
            } => {
                out.push('<');
                out.push_str(tag);
                for (name, value) in attrs {
                    out.push_str(&format!(" {name}=\"{}\"", value.replace('"', "&quot;")));
                }
                out.push('>');
                for child in children {
                    child.write(out);
                }
                if *closed {
                    out.push_str(&format!("</{tag}>"));
                }
            }
            Html::Text {
                text,
                escaped: true,
            } => out.push_str(&escape(text)),
            Html::Text {
                text,
                escaped: false,
            } => out.push_str(text),
            Html::Raw(raw) => out.push_str(raw),
        }
    }
}

fn html_tree() -> impl Strategy<Value = Html> {
    let leaf = prop_oneof![
        6 => (newsy_text(30), prop::bool::weighted(0.9)).prop_map(|(text, escaped)| Html::Text { text, escaped }),
        1 => prop::sample::select(RAW).prop_map(Html::Raw),
    ];
    leaf.prop_recursive(8, 120, 8, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(
                (prop::sample::select(ATTRIBUTES), pick(ATTRIBUTE_VALUES)),
                0..3,
            ),
            prop::collection::vec(inner, 0..8),
            prop::bool::weighted(0.85),
        )
            .prop_map(|(tag, attrs, children, closed)| Html::Element {
                tag,
                attrs,
                children,
                closed,
            })
    })
}

/// A whole page: a head with title, metadata and JSON-LD (all possibly garbage) and a body tree; or
/// no HTML structure at all.
pub fn html_page() -> impl Strategy<Value = String> {
    let structured =
        (newsy_text(12), newsy_text(12), block_text(), html_tree()).prop_map(|(title, author, json_ld, body)| {
            let mut page = format!(
                "<!DOCTYPE html><html><head><title>{}</title><meta name=\"author\" content=\"{}\">\
                 <meta property=\"og:title\" content=\"{}\"><script type=\"application/ld+json\">{}</script>\
                 </head><body>",
                escape(&title),
                author.replace('"', "&quot;"),
                title.replace('"', "&quot;"),
                json_ld.replace("</", "<\\/"),
            );
            body.write(&mut page);
            page
        });
    prop_oneof![8 => structured, 1 => any_text(300), 1 => binary_junk(400), 1 => newsy_text(100)]
}
