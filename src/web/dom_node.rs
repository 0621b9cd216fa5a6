//! [`DomNode`] over the live page, so the article finder reads the very DOM the reader sees and
//! its offset maps point at the page's own text nodes.

use crate::article::DomNode;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Node, Window};

#[wasm_bindgen]
extern "C" {
    /// An element seen through `checkVisibility()` (Chrome 105, Firefox 106), not yet in
    /// web-sys: one call where the computed style takes three, and no style object per element.
    type Visible;
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &Visible, options: &JsValue) -> Result<bool, JsValue>;
}

thread_local! {
    static WINDOW: Option<Window> = web_sys::window();
    /// `{visibilityProperty: true}`: `visibility: hidden` counts as hidden too.
    static VISIBILITY_OPTIONS: JsValue = {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"visibilityProperty".into(), &true.into());
        options.into()
    };
}

impl DomNode for Node {
    fn tag(&self) -> Option<String> {
        (self.node_type() == Node::ELEMENT_NODE).then(|| {
            self.unchecked_ref::<Element>()
                .local_name()
                .to_ascii_lowercase()
        })
    }

    fn attr(&self, name: &str) -> Option<String> {
        if self.node_type() != Node::ELEMENT_NODE {
            return None;
        }
        self.unchecked_ref::<Element>().get_attribute(name)
    }

    fn has_attributes(&self) -> bool {
        self.node_type() == Node::ELEMENT_NODE && self.unchecked_ref::<Element>().has_attributes()
    }

    fn text(&self) -> Option<String> {
        if self.node_type() != Node::TEXT_NODE {
            return None;
        }
        self.node_value()
    }

    fn children(&self) -> Vec<Self> {
        // Sibling links: one call a child, no NodeList made.
        std::iter::successors(self.first_child(), Node::next_sibling).collect()
    }

    /// Style sheets hide far more than attributes say: ask the browser.
    fn is_rendered_hidden(&self) -> bool {
        if self.node_type() != Node::ELEMENT_NODE {
            return false;
        }
        let element = self.unchecked_ref::<Element>();
        if VISIBILITY_OPTIONS
            .with(|options| element.unchecked_ref::<Visible>().check_visibility(options))
            == Ok(true)
        {
            return false;
        }
        // No box: hidden, or `display: contents` (which hides nothing; its children have boxes),
        // or an older browser. The computed style tells which.
        let style = WINDOW.with(|window| {
            window
                .as_ref()
                .and_then(|w| w.get_computed_style(element).ok().flatten())
        });
        match style {
            Some(style) => {
                let value = |name| style.get_property_value(name).unwrap_or_default();
                value("display") == "none" || value("visibility") == "hidden"
            }
            None => false,
        }
    }
}

/// The article finder on the live DOM, in a real browser: `CHROMEDRIVER=/usr/bin/chromedriver
/// cargo test --target wasm32-unknown-unknown --lib dom_node`.
#[cfg(test)]
mod tests {
    use crate::article::{extract, html::HtmlNode, Article, DomNode};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;
    use web_sys::{Element, HtmlDocument, HtmlIFrameElement, Node};

    include!(concat!(env!("OUT_DIR"), "/real_pages.rs"));

    wasm_bindgen_test_configure!(run_in_browser);

    const PROSE: &str = "The council met on Tuesday evening to discuss the proposal, which has divided residents, \
                         shopkeepers and commuters for most of the year, and to hear from its engineers.";

    /// A page fragment in the live document, removed when dropped.
    struct Fixture(Element);

    impl Fixture {
        fn new(html: &str) -> Self {
            let document = web_sys::window()
                .and_then(|w| w.document())
                .expect("a document");
            let container = document.create_element("div").expect("a div");
            container.set_inner_html(html);
            document
                .body()
                .expect("a body")
                .append_child(&container)
                .expect("attached");
            Fixture(container)
        }
    }

    impl Drop for Fixture {
        fn drop(&mut self) {
            self.0.remove();
        }
    }

    #[wasm_bindgen_test]
    fn style_sheet_hidden_text_is_dropped_and_ranges_cover_the_quote() {
        let fixture = Fixture::new(&format!(
            "<style>.gone {{ display: none }} .ghost {{ visibility: hidden }}</style>\
             <article><p>{PROSE}</p><p>{PROSE}</p>\
             <p>The mayor said <a href=\"#\">“we <em>will</em> build</a> it” on Monday.</p>\
             <p class=\"gone\">Hidden by the style sheet.</p><p class=\"ghost\">Invisible by the style sheet.</p>\
             <p>{PROSE}</p></article>"
        ));
        let root: Node = fixture.0.clone().unchecked_into();
        let article = extract(&root);
        let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(
            texts.iter().all(|t| !t.contains("style sheet")),
            "{texts:?}"
        );
        let block = texts
            .iter()
            .position(|t| t.starts_with("The mayor"))
            .expect("the quote's block");
        let text = &article.blocks[block].text;
        let at = text.find("we will build it").expect("the quote");
        let start = text[..at].encode_utf16().count();
        let end = start + "we will build it".encode_utf16().count();
        let ((start_node, start_offset), (end_node, end_offset)) =
            article.dom_range(block, start, end).expect("a range");
        let range = web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .create_range()
            .unwrap();
        range.set_start(&start_node, start_offset as u32).unwrap();
        range.set_end(&end_node, end_offset as u32).unwrap();
        assert_eq!(String::from(range.to_string()), "we will build it");
    }

    /// Figures, not a timed assertion: the finder on real pages in the live DOM, computed styles
    /// included (`cargo test … -- --nocapture` shows them).
    #[wasm_bindgen_test]
    fn prints_the_time_to_find_the_article_in_real_pages() {
        let pages = [
            (
                "seed",
                include_str!("../../tests/corpus/pages/seed/source.html"),
            ),
            (
                "nytimes-3",
                include_str!("../../tests/corpus/pages/nytimes-3/source.html"),
            ),
            (
                "wikipedia-2",
                include_str!("../../tests/corpus/pages/wikipedia-2/source.html"),
            ),
        ];
        let performance = web_sys::window()
            .and_then(|w| w.performance())
            .expect("performance");
        for (name, html) in pages {
            let fixture = Fixture::new(html);
            let root: Node = fixture.0.clone().unchecked_into();
            // Lay the page out first, as a page the reader is looking at already is.
            let _ = fixture.0.get_bounding_client_rect();
            // The first run (what a reader's click costs), then the fastest of three more (the
            // machine's other work only ever adds time).
            let timed = || {
                let started = performance.now();
                let article = extract(&root);
                (article, performance.now() - started)
            };
            let (article, first) = timed();
            let fastest = (0..3).map(|_| timed().1).fold(f64::INFINITY, f64::min);
            assert!(!article.blocks.is_empty(), "{name}: no article found");
            let blocks = article.blocks.len();
            console_log!("article finder on the live DOM: {name}: first {first:.1} ms, fastest {fastest:.1} ms, {blocks} blocks");
        }
    }

    /// What the finder gives of a page: metadata, blocks, and each block's map into its text nodes
    /// (offsets only: the nodes are of two different DOMs).
    fn described<N: DomNode>(article: &Article<N>) -> Vec<String> {
        let mut lines = vec![format!("{:?}", article.metadata)];
        for (block, pieces) in article.blocks.iter().zip(&article.pieces) {
            let map: Vec<_> = pieces
                .iter()
                .map(|p| (p.block_start, p.node_start, p.len))
                .collect();
            lines.push(format!("{:?} {:?} {map:?}", block.kind, block.text));
        }
        lines
    }

    /// `html` parsed by the browser into a document of its own, as a page it loads. The frame's
    /// document forbids every script and fetch (a Content-Security-Policy, kept when the page is
    /// written into it) while scripting stays enabled, so `<noscript>` parses as on a real page
    /// and as html5ever parses it. The page's style sheets are removed, so that the live DOM hides
    /// what the markup hides and nothing more: parsed HTML cannot know what a style sheet hides.
    async fn live_page(html: &str) -> HtmlIFrameElement {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let frame: HtmlIFrameElement = document
            .create_element("iframe")
            .expect("an iframe")
            .unchecked_into();
        frame.set_srcdoc(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">",
        );
        document
            .body()
            .expect("a body")
            .append_child(&frame)
            .expect("attached");
        let loaded = |frame: &HtmlIFrameElement| {
            frame.content_document().is_some_and(|d| {
                d.url().is_ok_and(|url| url == "about:srcdoc") && d.ready_state() == "complete"
            })
        };
        while !loaded(&frame) {
            crate::web::schedule::sleep(5).await;
        }
        let page: HtmlDocument = frame
            .content_document()
            .expect("a same-origin document")
            .unchecked_into();
        // A browser's decoder takes the byte order mark off; a written string keeps it.
        let html = html.strip_prefix('\u{feff}').unwrap_or(html);
        page.open().expect("opened");
        page.write(&js_sys::Array::of1(&html.into()))
            .expect("written");
        page.close().expect("closed");
        // The browser's parser yields on long input: wait until it is through.
        while page.ready_state() == "loading" {
            crate::web::schedule::sleep(5).await;
        }
        let styles = page
            .query_selector_all("style, link[rel~=stylesheet]")
            .expect("a valid selector");
        for i in 0..styles.length() {
            if let Some(style) = styles.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                style.remove();
            }
        }
        frame
    }

    /// The extension's path (the live DOM) and the command line's (html5ever) give the same
    /// metadata, blocks and offset maps on every real page of the tests.
    #[wasm_bindgen_test]
    async fn the_live_dom_and_the_native_path_find_the_same_article_on_every_real_page() {
        assert!(
            REAL_PAGES.len() > 150,
            "the corpus and the news pages are there"
        );
        let mut differing = Vec::new();
        for (name, source) in REAL_PAGES {
            let html = String::from_utf8_lossy(source);
            let native = described(&extract(&HtmlNode::root(&scraper::Html::parse_document(
                &html,
            ))));
            let frame = live_page(&html).await;
            let page: Node = frame
                .content_document()
                .expect("a same-origin document")
                .unchecked_into();
            let live = described(&extract(&page));
            frame.remove();
            // The test runner polls the page: give it the main thread between pages.
            crate::web::schedule::next_task().await;
            if live != native {
                let at = live.iter().zip(&native).position(|(l, n)| l != n);
                let at = at.unwrap_or(live.len().min(native.len()));
                differing.push(format!(
                    "{name}: {} blocks live, {} native; first difference at line {at}:\n  live:   {:.300}\n  native: {:.300}",
                    live.len() - 1,
                    native.len() - 1,
                    live.get(at).map_or("(none)", String::as_str),
                    native.get(at).map_or("(none)", String::as_str),
                ));
            }
        }
        console_log!(
            "live DOM against native: {} of {} real pages (tests/corpus and its news pages) give the same article",
            REAL_PAGES.len() - differing.len(),
            REAL_PAGES.len()
        );
        assert!(differing.is_empty(), "{}", differing.join("\n"));
    }
}
