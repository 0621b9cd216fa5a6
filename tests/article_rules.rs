//! The article finder's rules, one small page each: what is kept, what is dropped, how block
//! offsets map back to DOM text nodes, and what metadata is read.

use quotelens::article::{self, html::HtmlNode, Article, DomNode};
use quotelens::engine::model::BlockKind;
use scraper::Html;

/// Prose long enough to be scored as article text.
const FILLER: &str = "The council met on Tuesday evening to discuss the proposal, which has divided residents, \
     shopkeepers and commuters for most of the year, and to hear from the engineers who drew it up.";

/// A news page: `head` inside `<head>`, `body` inside an `<article>` after three paragraphs of
/// prose, `around` after the article.
fn page(head: &str, body: &str, around: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head>{head}</head><body><div class=\"layout\"><article>\
         <p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p>{body}</article>{around}</div></body></html>"
    )
}

fn with_article<T>(html: &str, check: impl FnOnce(&Article<HtmlNode>) -> T) -> T {
    let document = Html::parse_document(html);
    check(&article::extract(&HtmlNode::root(&document)))
}

fn texts(article: &Article<HtmlNode>) -> Vec<String> {
    article.blocks.iter().map(|b| b.text.clone()).collect()
}

fn block_with(article: &Article<HtmlNode>, needle: &str) -> usize {
    article
        .blocks
        .iter()
        .position(|b| b.text.contains(needle))
        .unwrap_or_else(|| panic!("no block holds {needle:?}: {:?}", texts(article)))
}

/// The DOM range of `needle` in the block holding it: (start node data, start offset, end node
/// data, end offset), offsets in UTF-16 units.
fn range_of(article: &Article<HtmlNode>, needle: &str) -> (String, usize, String, usize) {
    let block = block_with(article, needle);
    let text = &article.blocks[block].text;
    let at = text.find(needle).expect("found above");
    let start = text[..at].encode_utf16().count();
    let end = start + needle.encode_utf16().count();
    let ((start_node, start_offset), (end_node, end_offset)) =
        article.dom_range(block, start, end).expect("a DOM range");
    (
        start_node.text().expect("a text node"),
        start_offset,
        end_node.text().expect("a text node"),
        end_offset,
    )
}

/// The text between two DOM points, as the browser's Range would hold it.
fn utf16_slice(data: &str, from: usize, to: usize) -> String {
    String::from_utf16_lossy(&data.encode_utf16().collect::<Vec<_>>()[from..to])
}

#[test]
fn offsets_map_across_links_and_emphasis() {
    let html = page(
        "",
        "<p>The mayor said <a href=\"/x\">“we <em>will</em> build</a> it” on Monday.</p>",
        "",
    );
    with_article(&html, |article| {
        let block = block_with(article, "mayor");
        assert_eq!(
            article.blocks[block].text,
            "The mayor said “we will build it” on Monday."
        );
        let (start_node, start, end_node, end) = range_of(article, "we will build it");
        assert_eq!((start_node.as_str(), start), ("“we ", 1));
        assert_eq!((end_node.as_str(), end), (" it” on Monday.", 3));
        let (node, start, _, end) = range_of(article, "will");
        assert_eq!(utf16_slice(&node, start, end), "will");
    });
}

#[test]
fn line_breaks_are_spaces_and_double_breaks_split_blocks() {
    let html = page(
        "",
        "<p>First line<br>second line<br><br>A new paragraph after two breaks.</p>",
        "",
    );
    with_article(&html, |article| {
        let all = texts(article);
        assert!(
            all.contains(&"First line second line".to_string()),
            "{all:?}"
        );
        assert!(
            all.contains(&"A new paragraph after two breaks.".to_string()),
            "{all:?}"
        );
        let (start_node, start, end_node, end) = range_of(article, "line second");
        assert_eq!((start_node.as_str(), start), ("First line", 6));
        assert_eq!((end_node.as_str(), end), ("second line", 6));
    });
}

#[test]
fn entities_and_non_breaking_spaces_keep_exact_offsets() {
    let html = page(
        "",
        "<p>Fish&nbsp;&amp;&nbsp;chips &lt;fried&gt; in   three\n\tminutes.</p>",
        "",
    );
    with_article(&html, |article| {
        let block = block_with(article, "Fish");
        assert_eq!(
            article.blocks[block].text,
            "Fish & chips <fried> in three minutes."
        );
        let (node, start, _, end) = range_of(article, "& chips <fried>");
        assert_eq!((start, end), (5, 20));
        assert_eq!(utf16_slice(&node, start, end), "&\u{A0}chips <fried>");
        let (node, start, _, end) = range_of(article, "three minutes");
        assert_eq!(utf16_slice(&node, start, end), "three\n\tminutes");
    });
}

#[test]
fn soft_hyphens_and_zero_width_characters_leave_the_text_but_not_the_map() {
    let html = page(
        "",
        "<p>An extra&shy;ordinary zero&#8203;width\u{FEFF} test.</p>",
        "",
    );
    with_article(&html, |article| {
        let block = block_with(article, "An extra");
        assert_eq!(
            article.blocks[block].text,
            "An extraordinary zerowidth test."
        );
        let (node, start, _, end) = range_of(article, "extraordinary");
        assert_eq!((start, end), (3, 17));
        assert_eq!(utf16_slice(&node, start, end), "extra\u{AD}ordinary");
        let (node, start, _, end) = range_of(article, "ordinary");
        assert_eq!(utf16_slice(&node, start, end), "ordinary");
    });
}

#[test]
fn astral_characters_count_two_utf16_units() {
    let html = page("", "<p>Fans 😀 cheered “loudly” all night.</p>", "");
    with_article(&html, |article| {
        let (node, start, _, end) = range_of(article, "loudly");
        assert_eq!((start, end), (17, 23));
        assert_eq!(utf16_slice(&node, start, end), "loudly");
    });
}

#[test]
fn dom_range_refuses_empty_and_unknown_ranges() {
    with_article(&page("", "", ""), |article| {
        assert!(article.dom_range(0, 3, 3).is_none());
        assert!(article.dom_range(article.blocks.len(), 0, 1).is_none());
        let len = article.blocks[0].text.encode_utf16().count();
        assert!(
            article.dom_range(0, 0, len + 10).is_some(),
            "a range past the end is clamped"
        );
    });
}

#[test]
fn hidden_nodes_are_dropped() {
    let body = "<p hidden>Secret one stays out.</p>\
                <p aria-hidden=\"true\">Secret two stays out.</p>\
                <p style=\"color: red; DISPLAY : none\">Secret three stays out.</p>\
                <div style=\"visibility:hidden\"><p>Secret four stays out.</p></div>\
                <p>Visible <span hidden>secret five</span>text <span class=\"sr-only\">secret eight</span>stays.</p>\
                <script>var secret = 'six';</script><style>.secret { }</style><noscript>Secret seven</noscript>";
    with_article(&page("", body, ""), |article| {
        let all = texts(article).join("\n");
        assert!(!all.to_lowercase().contains("secret"), "{all}");
        assert!(all.contains("Visible text stays."), "{all}");
    });
}

#[test]
fn furniture_is_dropped_and_the_article_kept() {
    let around = "<aside class=\"most-read\"><h3>Most read</h3><ol><li><a href=\"/1\">Minister says \"no new taxes\" today</a></li>\
                  <li><a href=\"/2\">Storm leaves thousands without power</a></li></ol></aside>";
    let html = format!(
        "<html><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>\
         <div id=\"cookie-banner\">We use cookies to improve your experience of this site, accept them all.</div>\
         <main><article><h1>Council backs the bridge</h1>\
         <div class=\"share-bar\"><a href=\"#\">Share on social media</a></div>\
         <p>{FILLER}</p><blockquote><p>“It is the right bridge in the right place,” she said at the end.</p></blockquote>\
         <p>{FILLER}</p><ul><li>The first point of the plan is a wider footpath for everyone.</li></ul>\
         <figure><img src=\"b.jpg\"><figcaption>The bridge as the architects imagine it in ten years.</figcaption></figure>\
         <p>{FILLER}</p></article>{around}</main>\
         <section class=\"comments\"><h3>Comments (2)</h3><div class=\"comment\">\"Diplomacy first,\" as my grandfather said.</div></section>\
         <footer>Copyright 2024. All rights reserved.</footer></body></html>"
    );
    with_article(&html, |article| {
        let all = texts(article).join("\n");
        for furniture in [
            "Home",
            "cookies",
            "Share on",
            "Most read",
            "no new taxes",
            "Storm",
            "Comments",
            "Diplomacy",
            "Copyright",
        ] {
            assert!(!all.contains(furniture), "kept {furniture:?}: {all}");
        }
        let kinds: Vec<BlockKind> = article.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Headline);
        assert_eq!(
            article.blocks[block_with(article, "right bridge")].kind,
            BlockKind::Blockquote
        );
        assert_eq!(
            article.blocks[block_with(article, "first point")].kind,
            BlockKind::ListItem
        );
        assert_eq!(
            article.blocks[block_with(article, "architects")].kind,
            BlockKind::Caption
        );
        assert_eq!(
            article.blocks.iter().filter(|b| b.text == FILLER).count(),
            3
        );
    });
}

#[test]
fn headline_standfirst_and_byline() {
    let head = "<title>Council backs the bridge | The Daily Example</title>\
                <meta property=\"og:title\" content=\"Council backs the bridge\">\
                <meta name=\"description\" content=\"After a year of argument the plan goes ahead, with changes.\">";
    let html = format!(
        "<html><head>{head}</head><body><div class=\"top\"><h1>Council backs the bridge</h1>\
         <p class=\"standfirst\">After a year of argument the plan goes ahead, with changes.</p>\
         <p class=\"byline\">By Jane Doe</p></div>\
         <div class=\"story\"><p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p></div></body></html>"
    );
    with_article(&html, |article| {
        let kinds: Vec<(BlockKind, &str)> = article
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(kinds[0], (BlockKind::Headline, "Council backs the bridge"));
        assert_eq!(
            kinds[1],
            (
                BlockKind::Standfirst,
                "After a year of argument the plan goes ahead, with changes."
            )
        );
        assert!(
            kinds.iter().all(|(_, t)| !t.contains("Jane Doe")),
            "the byline is metadata, not text: {kinds:?}"
        );
        assert_eq!(article.metadata.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(
            article.metadata.title.as_deref(),
            Some("Council backs the bridge")
        );
    });
}

#[test]
fn metadata_from_open_graph_json_ld_and_links() {
    let head = r#"<meta property="og:title" content="Bridge approved - The Daily Example">
        <meta property="og:site_name" content="The Daily Example">
        <meta property="article:published_time" content="2024-03-05T10:00:00Z">
        <link rel="canonical" href="https://example.org/news/bridge">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
          {"@type":"NewsArticle","headline":"Ignored: og wins","author":[{"@type":"Person","name":"Jane Doe"},{"name":"John Roe"}],
           "inLanguage":"en-GB"}]}</script>"#;
    with_article(&page(head, "", ""), |article| {
        let m = &article.metadata;
        assert_eq!(
            m.title.as_deref(),
            Some("Bridge approved"),
            "the site's name leaves the title"
        );
        assert_eq!(m.site_name.as_deref(), Some("The Daily Example"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(m.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.org/news/bridge")
        );
        assert_eq!(m.language.as_deref(), Some("en"));
    });
}

#[test]
fn language_from_html_lang_then_open_graph_then_words() {
    let with_lang = page("", "", "").replace("<html>", "<html lang=\"pt-BR\">");
    with_article(&with_lang, |a| {
        assert_eq!(a.metadata.language.as_deref(), Some("pt"))
    });
    let with_locale = page("<meta property=\"og:locale\" content=\"fr_FR\">", "", "");
    with_article(&with_locale, |a| {
        assert_eq!(a.metadata.language.as_deref(), Some("fr"))
    });
    let german = "Die Stadt hat am Dienstag beschlossen, dass die neue Brücke gebaut wird, und der Bürgermeister ist mit dem Plan \
                  sehr zufrieden, auch wenn es nicht alle Anwohner sind und sich die Kosten auf viele Jahre verteilen.";
    let html = format!("<html><body><article><p>{german}</p><p>{german}</p><p>{german}</p></article></body></html>");
    with_article(&html, |a| {
        assert_eq!(a.metadata.language.as_deref(), Some("de"))
    });
    with_article(&page("", "", ""), |a| {
        assert_eq!(a.metadata.language.as_deref(), Some("en"))
    });
    for (text, language) in [
        (
            "宇航员在太空中喝酒会怎么样？后果很严重，这是一项艰苦卓绝的工作。",
            "zh",
        ),
        (
            "むかしむかし、ある村に、とても欲張りなイヌがいました。",
            "ja",
        ),
        (
            "قال المتحدث باسم الوزارة إن المحادثات ستستمر الأسبوع المقبل في فيينا.",
            "ar",
        ),
    ] {
        let html =
            format!("<html><body><article><p>{text}</p><p>{text}</p></article></body></html>");
        with_article(&html, |a| {
            assert_eq!(a.metadata.language.as_deref(), Some(language), "{text}")
        });
    }
}

#[test]
fn malformed_and_hostile_input_never_panics() {
    let deep = "<div>".repeat(5_000) + "<p>Deep text inside many divs, all of them unclosed.</p>";
    let inputs = [
        String::new(),
        "<<<>>><p<p>>&&&;;</a></em>".to_string(),
        "<html><body><p>Unclosed <b>bold <i>italic <a href=x>link".to_string(),
        "<table><tr><td><p>cell<td>cell<tr>row</table></p></div></span>".to_string(),
        "\u{0}\u{FFFD}\u{202E}reversed\u{AD}\u{AD}\u{200B}".to_string(),
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"author\": [[[[</script><p>x</p>".to_string(),
        deep,
    ];
    for input in &inputs {
        with_article(input, |article| {
            assert_eq!(article.blocks.len(), article.pieces.len());
            for block in &article.blocks {
                let len = block.text.encode_utf16().count();
                let _ = article.dom_range(block.id, 0, len);
            }
        });
    }
}

#[test]
fn a_page_whose_wrapper_sounds_like_furniture_is_found_by_the_relaxed_retry() {
    let html = format!(
        "<html><body><div class=\"page-wrap with-sidebar\"><div class=\"col\"><p>{FILLER}</p><p>{FILLER}</p>\
         <p>{FILLER}</p><p>{FILLER}</p></div></div></body></html>"
    );
    with_article(&html, |article| {
        assert_eq!(
            article.blocks.iter().filter(|b| b.text == FILLER).count(),
            4,
            "{:?}",
            texts(article)
        );
    });
}

#[test]
fn teaser_lists_beside_the_article_stay_out() {
    let teasers: String = (1..=5)
        .map(|n| format!("<div class=\"item\"><h4><a href=\"/{n}\">Another story number {n}</a></h4><p>{FILLER}</p></div>"))
        .collect();
    let html = format!(
        "<html><body><div class=\"wrap\"><div class=\"story\"><p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p>\
         <p>{FILLER}</p><p>{FILLER}</p></div><div class=\"more\">{teasers}</div></div></body></html>"
    );
    with_article(&html, |article| {
        let all = texts(article).join("\n");
        assert!(!all.contains("Another story"), "{all}");
    });
}

#[test]
fn furniture_added_on_its_own_yields_no_blocks_but_plain_short_pages_do() {
    // A view reads content added after load one subtree at a time: a late cookie banner or
    // "most read" box must not come back through the relaxed retry.
    let late = "<html><body><div id=\"cookie-consent\"><p>We use cookies. Accept them all?</p></div>\
                <aside><h1>Most read</h1><p>Storm leaves thousands without power</p></aside></body></html>";
    let document = Html::parse_document(late);
    for css in ["#cookie-consent", "aside"] {
        let selector = scraper::Selector::parse(css).expect("a selector");
        let element = document.select(&selector).next().expect("the element");
        let article = article::extract(&HtmlNode(*element));
        assert!(article.blocks.is_empty(), "{css}: {:?}", texts(&article));
    }
    with_article(
        "<html><body><h1>Opening hours</h1><p>Monday to Friday, 9 to 5.</p></body></html>",
        |article| {
            assert_eq!(
                texts(article),
                ["Opening hours", "Monday to Friday, 9 to 5."]
            );
        },
    );
}

#[test]
fn related_stories_and_their_label_inside_the_article_are_dropped_but_its_own_lists_stay() {
    let related = "<p>Related coverage</p><ul>\
        <li><a href=\"/a\">Ministers agree a new plan for the harbour after months of talks</a></li>\
        <li><a href=\"/b\">The bridge that divided a town for a decade is finally opening</a></li></ul>\
        <p><a href=\"/c\">Read more: why the council changed its mind about the river crossing</a></p>";
    let own = "<ul><li>The plan was drawn up by <a href=\"/e\">the engineers of the city's own office</a></li>\
        <li><a href=\"/f\">A report on the costs published by the ministry last spring</a></li></ul>";
    with_article(
        &page("", &format!("{own}<p>{FILLER}</p>{related}"), ""),
        |article| {
            let all = texts(article);
            for gone in [
                "Related coverage",
                "Ministers agree",
                "bridge that divided",
                "Read more",
            ] {
                assert!(all.iter().all(|t| !t.contains(gone)), "{gone}: {all:?}");
            }
            // A list mixing linked and plain items is the article's own.
            block_with(article, "The plan was drawn up");
            block_with(article, "A report on the costs");
        },
    );
}

#[test]
fn short_lines_after_the_last_sentence_repeated_buttons_and_credits_are_dropped() {
    let body = format!(
        "<figure><img src=a.jpg><figcaption>Photo Agency/Some Photographer</figcaption></figure>\
         <p>{FILLER}</p>\
         <figure><img src=b.jpg><figcaption>Photo Agency/Some Photographer</figcaption></figure>\
         <p>© Some Photographer 2024</p><p>{FILLER}</p><p>reporter@example.org</p>\
         <p>Follow us on social media</p><div>Share this story</div>"
    );
    with_article(&page("", &body, ""), |article| {
        let all = texts(article);
        for gone in ["Photo Agency", "©", "reporter@", "Follow us", "Share this"] {
            assert!(all.iter().all(|t| !t.contains(gone)), "{gone}: {all:?}");
        }
        assert_eq!(
            all.iter().filter(|t| t.as_str() == FILLER).count(),
            5,
            "{all:?}"
        );
    });
}

#[test]
fn a_page_that_is_mostly_links_keeps_them() {
    let links: String = (0..6)
        .map(|i| format!("<p><a href=\"/{i}\">A story about the harbour and the bridge number {i} of six</a></p>"))
        .collect();
    with_article(
        &format!("<html><body><article>{links}</article></body></html>"),
        |article| {
            assert_eq!(article.blocks.len(), 6, "{:?}", texts(article));
        },
    );
}

#[test]
fn byline_site_and_title_as_the_page_shows_them() {
    let head = "<title>Council backs the bridge after a year | Daily Example | 05.03.2024</title>\
                <meta name=\"author\" content=\"www.example.org\">";
    let html = format!(
        "<html><head>{head}</head><body><h1>Council backs the bridge after a year of argument</h1>\
         <div class=\"article-byline\">By <a href=\"/authors/jane\">Jane Doe</a> and \
         <a href=\"/authors/john\">John de Roe</a> <a href=\"/authors\">View author archive</a></div>\
         <div class=\"story\"><p>{FILLER}</p><p>{FILLER}</p><p>{FILLER}</p></div></body></html>"
    );
    with_article(&html, |article| {
        let m = &article.metadata;
        assert_eq!(m.site_name.as_deref(), Some("Daily Example"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe, John de Roe"));
        assert_eq!(
            m.title.as_deref(),
            Some("Council backs the bridge after a year of argument")
        );
    });
}

#[test]
fn a_byline_is_the_publisher_only_when_it_names_it_word_for_word() {
    let meta = |author: &str| {
        format!(
            "<meta property=\"og:site_name\" content=\"AP News\"><meta name=\"author\" content=\"{author}\">"
        )
    };
    with_article(&page(&meta("Jane Dapper"), "", ""), |article| {
        assert_eq!(article.metadata.byline.as_deref(), Some("Jane Dapper"));
    });
    with_article(&page(&meta("AP News staff"), "", ""), |article| {
        assert_eq!(article.metadata.byline, None);
    });
}
