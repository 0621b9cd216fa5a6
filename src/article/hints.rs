//! What class names, ids and tags say about an element: general web-design vocabulary, never
//! one site's names.

/// A class/id vocabulary: `Part` matches anywhere in the value, `Word` only a whole word
/// (between non-alphanumerics: `ad` in `top-ad` but not in `head`).
#[derive(Clone, Copy)]
enum Cue {
    Part(&'static str),
    Word(&'static str),
}
use Cue::{Part, Word};

/// Whether lower-cased `value` contains any of `cues`. Plain substring search: this runs on every
/// element of big pages, several times.
fn matches(value: &str, cues: &[Cue]) -> bool {
    cues.iter().any(|cue| match *cue {
        Part(part) => value.contains(part),
        Word(word) => value
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == word),
    })
}

/// Page furniture: menus, comments, sidebars, "most read" and related boxes, cookie banners,
/// newsletters, advertising.
const UNLIKELY: &[Cue] = &[
    Part("-ad-"),
    Word("ad"),
    Word("ads"),
    Part("advert"),
    Part("agegate"),
    Part("banner"),
    Part("breadcrumb"),
    Part("combx"),
    Part("comment"),
    Part("community"),
    Part("consent"),
    Part("cookie"),
    Part("cover-wrap"),
    Part("disqus"),
    Part("extra"),
    Part("footer"),
    Part("gdpr"),
    Word("header"),
    Part("legends"),
    Part("menu"),
    Part("modal"),
    Part("mostread"),
    Part("most-read"),
    Part("most-popular"),
    Part("most-viewed"),
    Part("newsletter"),
    Part("outbrain"),
    Part("pager"),
    Part("pagination"),
    Part("popular"),
    Part("popup"),
    Part("promo"),
    Part("related"),
    Part("recommend"),
    Part("remark"),
    Part("replies"),
    Part("rss"),
    Part("shoutbox"),
    Part("sidebar"),
    Part("skyscraper"),
    Part("social"),
    Part("sponsor"),
    Part("subscribe"),
    Part("supplemental"),
    Part("taboola"),
    Part("trending"),
    Part("yom-remote"),
];
/// Words that redeem an unlikely-sounding name: it may well hold the article.
const MAYBE: &[Cue] = &[
    Word("and"),
    Part("article"),
    Part("body"),
    Part("column"),
    Part("content"),
    Part("main"),
    Part("shadow"),
];
const POSITIVE: &[Cue] = &[
    Part("article"),
    Part("body"),
    Part("content"),
    Part("entry"),
    Part("hentry"),
    Part("h-entry"),
    Part("main"),
    Part("page"),
    Part("post"),
    Part("text"),
    Part("blog"),
    Part("story"),
];
const NEGATIVE: &[Cue] = &[
    Part("-ad-"),
    Part("hidden"),
    Word("hid"),
    Part("banner"),
    Part("combx"),
    Part("comment"),
    Part("com-"),
    Part("contact"),
    Part("cookie"),
    Part("footer"),
    Part("gdpr"),
    Part("masthead"),
    Part("media"),
    Part("meta"),
    Part("outbrain"),
    Part("promo"),
    Part("related"),
    Part("scroll"),
    Part("share"),
    Part("shoutbox"),
    Part("sidebar"),
    Part("skyscraper"),
    Part("sponsor"),
    Part("shopping"),
    Part("tags"),
    Part("taboola"),
    Part("widget"),
    Part("mostread"),
    Part("most-read"),
    Part("popular"),
    Part("newsletter"),
    Part("recommend"),
];
const BYLINE: &[Cue] = &[
    Part("byline"),
    Part("author"),
    Part("dateline"),
    Part("writtenby"),
    Part("p-author"),
    Word("credit"),
    Word("credits"),
    Part("timestamp"),
    Part("publish-date"),
    Part("published-date"),
    Part("pubdate"),
];
const STANDFIRST: &[Cue] = &[
    Part("standfirst"),
    Word("dek"),
    Word("deck"),
    Part("summary"),
    Part("subtitle"),
    Part("sub-title"),
    Part("subhead"),
    Part("sub-head"),
    Word("lede"),
    Word("lead"),
    Part("intro"),
    Part("strap"),
    Part("teaser"),
    Part("excerpt"),
    Part("description"),
    Part("abstract"),
];
/// Classes that show an element to screen readers only: text the reader never sees. (A bare
/// `hidden` class is not enough: responsive designs hide and show by screen size.)
const HIDDEN: &[Cue] = &[
    Part("sr-only"),
    Part("visually-hidden"),
    Part("visuallyhidden"),
    Part("screen-reader-text"),
    Part("screenreader"),
    Part("a11y-only"),
];
const SHARE: &[Cue] = &[
    Word("share"),
    Word("sharing"),
    Word("social"),
    Part("sharedaddy"),
];

/// Page furniture by its class or id, unless the name also says it may be the article.
pub(crate) fn is_unlikely(hints: &str) -> bool {
    matches(hints, UNLIKELY) && !matches(hints, MAYBE)
}

/// ARIA roles of page furniture.
pub(crate) fn is_unlikely_role(role: &str) -> bool {
    matches!(
        role.trim().to_ascii_lowercase().as_str(),
        "menu"
            | "menubar"
            | "complementary"
            | "navigation"
            | "alert"
            | "alertdialog"
            | "dialog"
            | "banner"
            | "contentinfo"
    )
}

/// Tags that hold page furniture, whatever their classes say.
pub(crate) fn is_furniture_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "menu" | "form" | "fieldset"
    )
}

/// +25 for each of class and id that sounds like content, -25 for each that sounds like
/// furniture.
pub(crate) fn class_weight(class: &str, id: &str) -> f64 {
    let mut weight = 0.0;
    for value in [class, id].into_iter().filter(|v| !v.is_empty()) {
        if matches(value, NEGATIVE) {
            weight -= 25.0;
        }
        if matches(value, POSITIVE) {
            weight += 25.0;
        }
    }
    weight
}

/// A byline or dateline: who wrote it, when.
pub(crate) fn is_byline(hints: &str) -> bool {
    matches(hints, BYLINE)
}

/// Where a page names the story's authors (a byline, an author box), not when it was written.
pub(crate) fn is_author(hints: &str) -> bool {
    matches(hints, &[Part("byline"), Part("author")])
}

/// Where a page shows when the story was published (not when it was updated).
pub(crate) fn is_date(hints: &str) -> bool {
    hints.contains("date") && !hints.contains("update")
}

/// A standfirst: the summary under the headline.
pub(crate) fn is_standfirst(hints: &str) -> bool {
    matches(hints, STANDFIRST)
}

pub(crate) fn is_hidden_class(class: &str) -> bool {
    matches(class, HIDDEN)
}

/// Share bars and social widgets.
pub(crate) fn is_share(hints: &str) -> bool {
    matches(hints, SHARE)
}

/// Block-level elements: each starts a new block of text.
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "" | "html"
            | "body"
            | "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "ul"
            | "search"
            | "picture"
            | "img"
    )
}

pub(crate) fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
