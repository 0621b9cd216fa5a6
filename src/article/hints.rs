//! What class names, ids and tags say about an element: general web-design vocabulary, never
//! one site's names.

use regex::Regex;
use std::sync::OnceLock;

fn pattern(cell: &'static OnceLock<Regex>, source: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(source).expect("hint patterns are valid"))
}

/// Page furniture: menus, comments, sidebars, share bars, "most read" and related boxes, cookie
/// banners, newsletters, advertising.
pub(crate) fn is_unlikely(hints: &str) -> bool {
    static UNLIKELY: OnceLock<Regex> = OnceLock::new();
    static MAYBE: OnceLock<Regex> = OnceLock::new();
    !hints.is_empty()
        && pattern(
            &UNLIKELY,
            r"(?i)-ad-|\bads?\b|advert|agegate|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|disqus|extra|footer|gdpr|\bheader\b|legends|menu|most-?(read|popular|viewed|shared)|newsletter|outbrain|pager|pagination|popular|popup|promo|related|recommend|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|supplemental|taboola|trending|yom-remote",
        )
        .is_match(hints)
        && !pattern(&MAYBE, r"(?i)\band\b|article|body|column|content|main|shadow").is_match(hints)
}

/// ARIA roles of page furniture.
pub(crate) fn is_unlikely_role(role: &str) -> bool {
    matches!(
        role.trim().to_ascii_lowercase().as_str(),
        "menu" | "menubar" | "complementary" | "navigation" | "alert" | "alertdialog" | "dialog" | "banner" | "contentinfo"
    )
}

/// Tags that hold page furniture, whatever their classes say.
pub(crate) fn is_furniture_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "menu" | "form" | "fieldset")
}

/// +25 for each of class and id that sounds like content, -25 for each that sounds like
/// furniture.
pub(crate) fn class_weight(class: &str, id: &str) -> f64 {
    static POSITIVE: OnceLock<Regex> = OnceLock::new();
    static NEGATIVE: OnceLock<Regex> = OnceLock::new();
    let positive = pattern(&POSITIVE, r"(?i)article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story");
    let negative = pattern(
        &NEGATIVE,
        r"(?i)-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|cookie|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|taboola|widget|most-?read|popular|newsletter|recommend",
    );
    let mut weight = 0.0;
    for value in [class, id] {
        if value.is_empty() {
            continue;
        }
        if negative.is_match(value) {
            weight -= 25.0;
        }
        if positive.is_match(value) {
            weight += 25.0;
        }
    }
    weight
}

/// A byline or dateline: who wrote it, when.
pub(crate) fn is_byline(hints: &str) -> bool {
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    pattern(&BYLINE, r"(?i)byline|author|dateline|writtenby|p-author|\bcredits?\b|timestamp|publish(ed)?-?(date|time)").is_match(hints)
}

/// A standfirst: the summary under the headline.
pub(crate) fn is_standfirst(hints: &str) -> bool {
    static STANDFIRST: OnceLock<Regex> = OnceLock::new();
    pattern(&STANDFIRST, r"(?i)standfirst|\bdek\b|\bdeck\b|summary|sub-?title|sub-?head|\blede\b|\blead\b|intro|strap|teaser|excerpt|description|abstract")
        .is_match(hints)
}

/// Share bars and social widgets.
pub(crate) fn is_share(hints: &str) -> bool {
    static SHARE: OnceLock<Regex> = OnceLock::new();
    pattern(&SHARE, r"(?i)(\b|_)(share|sharedaddy|social|sharing)(\b|_)").is_match(hints)
}

/// Block-level elements: each starts a new block of text.
pub(crate) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "" | "html" | "body" | "address" | "article" | "aside" | "blockquote" | "center" | "dd" | "details" | "div"
            | "dl" | "dt" | "fieldset" | "figcaption" | "figure" | "footer" | "form" | "h1" | "h2" | "h3" | "h4"
            | "h5" | "h6" | "header" | "hgroup" | "hr" | "legend" | "li" | "main" | "menu" | "nav" | "ol" | "p"
            | "pre" | "section" | "summary" | "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th"
            | "caption" | "ul" | "search" | "picture" | "img"
    )
}

pub(crate) fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}
