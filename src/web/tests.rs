//! The view in a real browser: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target
//! wasm32-unknown-unknown --lib`. A scripted analyser stands in for the engine where a test needs
//! known speakers, so these tests check the drawing, not the engine's accuracy.

use super::schedule::{next_task, sleep};
use super::view::{self, Analyse, Mode, SharedView, View};
use crate::engine::{
    Actor, ActorKind, Analysis, Block, Mention, MentionKind, Quote, QuoteKind, Reported, Rule,
    Side, Span, Stance,
};
use crate::present::{self, Language, Message, Source};
use regex::Regex;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const HOSTILE: &str = "<img src=x onerror=\"window.__quotelens_pwned=1\">";

/// Quotes between “ and ”; `“…”, said NAME.` attributes one to NAME (role "spokesperson",
/// affiliation "Ministry"), `“…”, she said.` to the last speaker named so; a paragraph that is
/// one quote and nothing else is the last named speaker's too, shown by that naming (perhaps
/// paragraphs earlier); quotes of fewer than three words are scare quotes; `NAME argued that
/// X.` is a reported statement taking no side, `NAME argued against X.` one against X.
struct ScriptedAnalyzer {
    quote: Regex,
    reported: Regex,
    analysis: Analysis,
    /// The last speaker named by a cue, and where.
    last_named: Option<(usize, Mention)>,
}

fn scripted(_: &str) -> Box<dyn Analyse> {
    Box::new(ScriptedAnalyzer {
        quote: Regex::new(
            r"“([^”]*)”(?:,? (said) ([^”]+?)\.(?:\s|$)|,? (he|she) (said)\.(?:\s|$))?",
        )
        .unwrap(),
        reported: Regex::new(r"([A-Z]\w+ [A-Z]\w+) argued (that|against) ([^.]+)\.").unwrap(),
        analysis: Analysis {
            language: "en".into(),
            ..Analysis::default()
        },
        last_named: None,
    })
}

fn utf16(s: &str) -> usize {
    s.encode_utf16().count()
}

fn span(block: &Block, start: usize, end: usize) -> Span {
    let start_utf16 = utf16(&block.text[..start]);
    Span {
        block: block.id,
        start,
        end,
        start_utf16,
        end_utf16: start_utf16 + utf16(&block.text[start..end]),
    }
}

impl Analyse for ScriptedAnalyzer {
    fn analysis(&self) -> Analysis {
        self.analysis.clone()
    }

    fn add_blocks(&mut self, blocks: &[Block]) {
        let (quote, reported, analysis) = (&self.quote, &self.reported, &mut self.analysis);
        let last_named = &mut self.last_named;
        let actor_of = |name: &str, analysis: &mut Analysis| {
            if let Some(i) = analysis.actors.iter().position(|a| a.name == name) {
                return i;
            }
            let id = analysis.actors.len();
            analysis.actors.push(Actor {
                id,
                name: name.to_string(),
                aliases: vec![],
                kind: ActorKind::Person,
                role: Some("spokesperson".into()),
                affiliation: Some("Ministry".into()),
                positions: vec![],
            });
            id
        };
        for block in blocks {
            for found in quote.captures_iter(&block.text) {
                let text = found.get(1).unwrap();
                let cue = found.get(2).or(found.get(5));
                let alone = found.get(0).unwrap().as_str() == block.text;
                let (actor, mention, rule) = match (found.get(3), found.get(4)) {
                    (Some(name), _) => {
                        let actor = actor_of(name.as_str(), analysis);
                        let mention = Mention {
                            text: name.as_str().to_string(),
                            span: span(block, name.start(), name.end()),
                            kind: MentionKind::Name,
                        };
                        *last_named = Some((actor, mention.clone()));
                        (Some(actor), Some(mention), Rule::CueAfter)
                    }
                    (None, Some(pronoun)) => {
                        let mention = Mention {
                            text: pronoun.as_str().to_string(),
                            span: span(block, pronoun.start(), pronoun.end()),
                            kind: MentionKind::Pronoun,
                        };
                        let actor = last_named.as_ref().map(|(a, _)| *a);
                        (actor, actor.map(|_| mention), Rule::CueAfter)
                    }
                    (None, None) if alone => match last_named {
                        Some((actor, mention)) => {
                            (Some(*actor), Some(mention.clone()), Rule::Focus)
                        }
                        None => (None, None, Rule::Focus),
                    },
                    (None, None) => (None, None, Rule::Focus),
                };
                let speaker = actor.map(|a| analysis.actors[a].name.clone());
                let kind = if text.as_str().split_whitespace().count() < 3 {
                    QuoteKind::Other
                } else {
                    QuoteKind::Speech
                };
                let index = analysis.quotes.len();
                if let Some(a) = actor {
                    analysis.actors[a]
                        .positions
                        .push(crate::engine::Position::Quote(index));
                }
                analysis.quotes.push(Quote {
                    text: text.as_str().to_string(),
                    kind,
                    span: span(block, text.start(), text.end()),
                    actor,
                    cue: cue.map(|c| c.as_str().to_string()),
                    speaker,
                    cue_span: cue.map(|c| span(block, c.start(), c.end())),
                    mention,
                    rule,
                    confidence: if actor.is_some() { 0.92 } else { 0.0 },
                });
            }
            for found in reported.captures_iter(&block.text) {
                let actor = actor_of(&found[1], analysis);
                let text = found.get(3).unwrap();
                let span = span(block, text.start(), text.end());
                analysis.actors[actor]
                    .positions
                    .push(crate::engine::Position::Reported(analysis.reported.len()));
                analysis.reported.push(Reported {
                    text: text.as_str().to_string(),
                    span,
                    actor: Some(actor),
                    speaker: Some(found[1].to_string()),
                    cue: "argued".into(),
                    cue_span: Span {
                        end: span.start,
                        end_utf16: span.start_utf16,
                        ..span
                    },
                    mention: None,
                    stance: (&found[2] == "against").then(|| Stance {
                        side: Side::Against,
                        object: text.as_str().to_string(),
                        object_span: span,
                    }),
                });
            }
        }
    }
}

/// The Markdown export of one paragraph as the scripted analyser reads it.
fn scripted_markdown(paragraph: String) -> String {
    let mut analyzer = scripted("en");
    analyzer.add_blocks(&[Block {
        id: 0,
        kind: crate::engine::BlockKind::Paragraph,
        text: paragraph,
    }]);
    present::export::markdown(
        &analyzer.analysis(),
        &Source {
            title: "T".into(),
            url: "http://x/".into(),
            ..Source::default()
        },
        Language::English,
    )
}

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the test page holding `html`, with QuoteLens's page stylesheet loaded.
fn fixture(html: &str) -> Element {
    let doc = document();
    if doc.get_element_by_id("quotelens-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("quotelens-css");
        style.set_text_content(Some(include_str!("../../extension/quotelens.css")));
        doc.document_element()
            .unwrap()
            .first_element_child()
            .unwrap()
            .append_child(&style)
            .unwrap();
    }
    let container = doc.create_element("div").unwrap();
    container.set_class_name("fixture");
    container.set_inner_html(html);
    doc.body().unwrap().append_child(&container).unwrap();
    container
}

/// Draws a view of `root`'s article with the scripted analyser, its UI in `root` too.
async fn draw(root: &Element, mode: Mode) -> SharedView {
    draw_with(root, mode, scripted).await
}

async fn draw_with(root: &Element, mode: Mode, analyser: view::NewAnalyzer) -> SharedView {
    let view = View::open(
        &document(),
        root.clone(),
        root,
        mode,
        Source {
            title: "T".into(),
            url: "http://x/".into(),
            ..Source::default()
        },
        Some("en"),
        Language::English,
        analyser,
    )
    .await
    .unwrap();
    view::run(&view).await.unwrap();
    view
}

fn all(root: &impl AsRef<web_sys::Node>, selector: &str) -> Vec<Element> {
    let root: &web_sys::Node = root.as_ref();
    let list = match root.dyn_ref::<Element>() {
        Some(e) => e.query_selector_all(selector).unwrap(),
        None => root
            .unchecked_ref::<ShadowRoot>()
            .query_selector_all(selector)
            .unwrap(),
    };
    (0..list.length())
        .map(|i| list.item(i).unwrap().dyn_into::<Element>().unwrap())
        .collect()
}

fn shadow(root: &Element) -> ShadowRoot {
    root.query_selector("quotelens-root")
        .unwrap()
        .unwrap()
        .shadow_root()
        .unwrap()
}

fn text(el: &Element) -> String {
    el.text_content().unwrap_or_default()
}

fn marks_of(root: &Element, quote: usize) -> Vec<Element> {
    all(
        root,
        &format!("quotelens-mark[data-quotelens-quote=\"{quote}\"]"),
    )
}

const ARTICLE: &str = "<h1>Talks stall</h1>\
<p>“We will <em>never</em> <a href=\"#a\">give up</a> on this,” said Ann Lee. Critics called it “theatre”.</p>\
<ul>\n  <li>“Nobody was consulted at all,” said Bo Chan.</li>\n  <li>Plain item.</li>\n</ul>\
<p>“Everything is on the table now,” said Ann Lee. Bo Chan argued against the rushed deal.</p>\
<p>“A voice from nowhere in particular” was heard.</p>";

#[wasm_bindgen_test]
async fn wraps_quotes_across_inline_markup_without_touching_elements() {
    let root = fixture(ARTICLE);
    let em = root.query_selector("em").unwrap().unwrap();
    let view = draw(&root, Mode::Embedded).await;

    let first = marks_of(&root, 0);
    let joined: String = first.iter().map(text).collect();
    assert_eq!(joined, "We will never give up on this,");
    assert_eq!(
        first.len(),
        5,
        "text, <em> text, space, <a> text, rest: one mark each"
    );
    assert!(
        em.is_connected() && text(&em) == "never",
        "page elements stay, their text wrapped inside them"
    );
    assert_eq!(first[1].parent_element().unwrap(), em);
    assert_eq!(first[0].get_attribute("tabindex").as_deref(), Some("0"));
    assert!(first[1..]
        .iter()
        .all(|m| m.get_attribute("tabindex").is_none()));
    for mark in &first {
        assert_eq!(
            mark.get_attribute("data-quotelens-speaker").as_deref(),
            Some("Ann Lee")
        );
        assert_eq!(mark.class_name(), "quotelens-mark quotelens-speaker-0");
    }
    assert_eq!(
        marks_of(&root, 2)[0].class_name(),
        "quotelens-mark quotelens-speaker-1",
        "Bo Chan: second colour"
    );
    assert_eq!(
        marks_of(&root, 3)[0].class_name(),
        "quotelens-mark quotelens-speaker-0",
        "Ann Lee again: same colour"
    );
    assert!(
        marks_of(&root, 1).is_empty(),
        "scare quotes are not highlighted"
    );
    let unknown = marks_of(&root, 4);
    assert_eq!(unknown[0].class_name(), "quotelens-mark quotelens-unknown");
    assert_eq!(
        unknown[0]
            .get_attribute("data-quotelens-speaker")
            .as_deref(),
        Some("")
    );
    // White space between the list items is never wrapped.
    let list = root.query_selector("ul").unwrap().unwrap();
    let children = list.child_nodes();
    for i in 0..children.length() {
        assert_ne!(
            children.item(i).unwrap().node_name().to_lowercase(),
            "quotelens-mark"
        );
    }
    // The visible text of the page is unchanged.
    assert_eq!(text(&root).replace("QuoteLens", ""), fixture_text(ARTICLE));
    super::close_view(&view);
    root.remove();
}

fn fixture_text(html: &str) -> String {
    let probe = document().create_element("div").unwrap();
    probe.set_inner_html(html);
    text(&probe)
}

#[wasm_bindgen_test]
async fn closing_restores_the_dom_exactly_and_keeps_text_nodes() {
    let root = fixture(ARTICLE);
    let before = root.inner_html();
    let split_node = root
        .query_selector("p")
        .unwrap()
        .unwrap()
        .first_child()
        .unwrap();
    let view = draw(&root, Mode::Page).await;
    assert!(!all(&root, "quotelens-mark").is_empty());
    assert_ne!(root.inner_html(), before);
    super::close_view(&view);
    assert_eq!(root.inner_html(), before);
    assert!(
        split_node.is_connected(),
        "the page's own text node is back, merged, not replaced"
    );
    assert_eq!(split_node.node_value().unwrap(), "“We will ");
    root.remove();
}

#[wasm_bindgen_test]
async fn toggle_draws_and_restores_the_document() {
    let root = fixture("<article><h1>Ministers meet over the budget</h1><p>The minister said: “We <b>will</b> act,” and left \
        the building before the vote, which was held late in the evening.</p>\
        <p>“Another quote, with <i>inline</i> markup,” she said after the meeting.</p></article>");
    let before = document().document_element().unwrap().outer_html();
    let on = super::toggle(None, None, None).await.unwrap();
    assert_eq!(
        js_sys::Reflect::get(&on, &"active".into()).unwrap(),
        JsValue::TRUE
    );
    assert!(!all(&root, "quotelens-mark").is_empty());
    assert_eq!(
        all(&document().document_element().unwrap(), "quotelens-root").len(),
        1
    );
    let off = super::toggle(None, None, None).await.unwrap();
    assert_eq!(
        js_sys::Reflect::get(&off, &"active".into()).unwrap(),
        JsValue::FALSE
    );
    assert_eq!(document().document_element().unwrap().outer_html(), before);
    root.remove();
}

fn mouse(kind: &str, target: &Element, related: Option<&Element>) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_related_target(related.map(|e| e.as_ref()));
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn tooltip_shows_speaker_role_cue_and_confidence_on_hover_and_focus() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Embedded).await;
    let ui = shadow(&root);
    let tooltip = ui.get_element_by_id("tooltip").unwrap();
    assert_eq!(tooltip.get_attribute("role").as_deref(), Some("tooltip"));
    assert!(tooltip.has_attribute("hidden"));
    let mark = &marks_of(&root, 2)[0];
    mouse("mouseover", mark, None);
    assert!(!tooltip.has_attribute("hidden"));
    let part = |class: &str| text(&tooltip.query_selector(class).unwrap().unwrap());
    assert_eq!(part(".speaker"), "Bo Chan");
    assert_eq!(part(".role"), "spokesperson, Ministry");
    assert_eq!(part(".cue"), "said");
    assert_eq!(part(".why"), "named in the same sentence");
    assert_eq!(part(".confidence"), "very likely (92%)");
    assert_eq!(
        mark.get_attribute("aria-description").as_deref(),
        Some("Said by Bo Chan; spokesperson, Ministry; said; named in the same sentence; very likely (92%)")
    );
    mouse("mouseout", mark, Some(&root));
    assert!(tooltip.has_attribute("hidden"));
    // A quote across markup lights up as one.
    let pieces = marks_of(&root, 0);
    mouse("mouseover", &pieces[1], None);
    assert!(pieces
        .iter()
        .all(|m| m.class_list().contains("quotelens-active")));
    mouse("mouseout", &pieces[1], Some(&pieces[2]));
    assert!(
        !tooltip.has_attribute("hidden"),
        "moving within the quote keeps the tooltip"
    );
    mouse("mouseout", &pieces[2], Some(&root));
    assert!(pieces
        .iter()
        .all(|m| !m.class_list().contains("quotelens-active")));
    assert!(tooltip.has_attribute("hidden"));

    let unknown = marks_of(&root, 4)[0].clone();
    unknown.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert!(
        !tooltip.has_attribute("hidden"),
        "keyboard focus shows it too"
    );
    assert_eq!(part(".speaker"), "Unknown speaker");
    assert_eq!(part(".why"), "no speaker found");
    assert_eq!(part(".confidence"), "no speaker found");
    let cue_row = tooltip
        .query_selector(".cue")
        .unwrap()
        .unwrap()
        .parent_element()
        .unwrap();
    assert!(cue_row.has_attribute("hidden"), "no empty cue line");
    unknown.unchecked_ref::<HtmlElement>().blur().unwrap();
    assert!(tooltip.has_attribute("hidden"));
    super::close_view(&view);
    root.remove();
}

/// How many text nodes `root` holds: splits left behind would show here, not in `innerHTML`.
fn text_node_count(root: &web_sys::Node) -> usize {
    let children = root.child_nodes();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|child| match child.node_type() {
            web_sys::Node::TEXT_NODE => 1,
            _ => text_node_count(&child),
        })
        .sum()
}

/// The texts of the evidence underlines of one kind ("cue", "mention"), in document order.
fn evidence(root: &Element, which: &str) -> Vec<String> {
    all(root, &format!("quotelens-mark.quotelens-evidence-{which}"))
        .iter()
        .map(text)
        .collect()
}

const EVIDENCE_ARTICLE: &str = "<h1>Port reopens</h1>\
<p>“The port reopens on <b>Monday</b> morning,” said Ann <i>Lee</i>. Critics disagreed.</p>\
<p>Traders waited.</p>\
<p>“We have waited for months and months,” she said.</p>\
<p>“Nobody will be turned away at the gates.”</p>";

#[wasm_bindgen_test]
async fn hovering_a_quote_underlines_its_cue_and_speaker_and_leaving_undoes_it_exactly() {
    let root = fixture(EVIDENCE_ARTICLE);
    let before = root.inner_html();
    let view = draw(&root, Mode::Page).await;
    let tooltip = shadow(&root).get_element_by_id("tooltip").unwrap();
    let why = || text(&tooltip.query_selector(".why").unwrap().unwrap());
    let drawn = root.inner_html();
    let drawn_nodes = text_node_count(&root);
    let page_text = text(&root);

    // Named across markup: one underline per text node, in the speaker's style.
    let first = marks_of(&root, 0);
    mouse("mouseover", &first[0], None);
    assert_eq!(why(), "named in the same sentence");
    assert_eq!(evidence(&root, "cue"), ["said"]);
    assert_eq!(evidence(&root, "mention"), ["Ann ", "Lee"]);
    let underlines = all(&root, "quotelens-mark.quotelens-evidence");
    for underline in &underlines {
        assert!(
            underline.class_list().contains("quotelens-speaker-0"),
            "Ann Lee's style, like her quote's"
        );
        assert!(underline.get_attribute("data-quotelens-quote").is_none());
        assert!(underline.get_attribute("tabindex").is_none());
    }
    assert_eq!(
        underlines[2].parent_element().unwrap().local_name(),
        "i",
        "page elements stay, the underline inside them"
    );
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&underlines[0])
        .unwrap()
        .unwrap();
    assert_eq!(
        style.get_property_value("text-decoration-color").unwrap(),
        web_sys::window()
            .unwrap()
            .get_computed_style(&first[0])
            .unwrap()
            .unwrap()
            .get_property_value("text-decoration-color")
            .unwrap(),
        "the speaker's colour"
    );
    assert_eq!(text(&root), page_text, "the text is unchanged while shown");
    mouse("mouseout", &first[0], Some(&root));
    assert!(all(&root, "quotelens-mark.quotelens-evidence").is_empty());
    assert_eq!(root.inner_html(), drawn);
    assert_eq!(text_node_count(&root), drawn_nodes, "splits merged back");
    sleep(500).await;
    assert!(view.borrow().is_idle());
    assert!(
        first.iter().all(|m| m.is_connected()),
        "our own underlines are no change of the page's: nothing is read again"
    );

    // A pronoun, then focus moving straight to a quote whose speaker was named paragraphs before.
    let pronoun = &marks_of(&root, 1)[0];
    pronoun.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert_eq!(why(), "‘she’ — Ann Lee");
    assert_eq!(evidence(&root, "cue"), ["said"]);
    assert_eq!(evidence(&root, "mention"), ["she"]);
    let lone = &marks_of(&root, 2)[0];
    lone.unchecked_ref::<HtmlElement>().focus().unwrap();
    assert_eq!(
        why(),
        "no cue: the last person who spoke or was named (Ann Lee)"
    );
    assert!(evidence(&root, "cue").is_empty(), "no cue to underline");
    assert_eq!(evidence(&root, "mention"), ["Ann ", "Lee"]);
    assert_eq!(
        all(&root, "p")[0]
            .query_selector_all("quotelens-mark.quotelens-evidence-mention")
            .unwrap()
            .length(),
        2,
        "in the first paragraph, two before the quote"
    );
    lone.unchecked_ref::<HtmlElement>().blur().unwrap();
    assert!(all(&root, "quotelens-mark.quotelens-evidence").is_empty());
    assert_eq!(root.inner_html(), drawn);
    assert_eq!(text_node_count(&root), drawn_nodes);

    // Shown while the view closes: the page is as it was before QuoteLens.
    mouse("mouseover", &first[0], None);
    assert!(!evidence(&root, "mention").is_empty());
    super::close_view(&view);
    assert_eq!(root.inner_html(), before);
    root.remove();
}

/// The scripted analysis with the first quote's evidence moved onto highlighted text: its
/// mention inside the quote itself, its cue straddling the quote's end.
struct Overlapping(Box<dyn Analyse>);

fn overlapping(language: &str) -> Box<dyn Analyse> {
    Box::new(Overlapping(scripted(language)))
}

impl Analyse for Overlapping {
    fn add_blocks(&mut self, blocks: &[Block]) {
        self.0.add_blocks(blocks);
    }

    fn analysis(&self) -> Analysis {
        let mut analysis = self.0.analysis();
        if let Some(quote) = analysis.quotes.first_mut() {
            let (at, cue) = (quote.span, quote.cue_span.unwrap());
            let shift = |span: Span, start: usize, end: usize| Span {
                start,
                end,
                start_utf16: span.start_utf16 + start - span.start,
                end_utf16: span.start_utf16 + end - span.start,
                ..span
            };
            quote.mention.as_mut().unwrap().span = shift(at, at.start, at.start + "Ann Lee".len());
            quote.cue_span = Some(shift(cue, at.end - "this,".len(), cue.end));
        }
        analysis
    }
}

#[wasm_bindgen_test]
async fn evidence_over_a_highlight_is_left_out_without_harm() {
    let html =
        "<p>“Ann Lee will decide this,” said Bo Chan. More text follows in the paragraph.</p>";
    let root = fixture(html);
    let before = root.inner_html();
    let view = draw_with(&root, Mode::Page, overlapping).await;
    let drawn = root.inner_html();
    let drawn_nodes = text_node_count(&root);
    let quote = marks_of(&root, 0);
    assert_eq!(text(&quote[0]), "Ann Lee will decide this,");
    mouse("mouseover", &quote[0], None);
    assert!(
        evidence(&root, "mention").is_empty(),
        "inside the quote's own highlight: left out"
    );
    assert_eq!(
        evidence(&root, "cue"),
        ["” said"],
        "only the part outside the highlight"
    );
    assert_eq!(
        marks_of(&root, 0).len(),
        1,
        "the quote's highlight is whole"
    );
    assert_eq!(text(&quote[0]), "Ann Lee will decide this,");
    mouse("mouseout", &quote[0], Some(&root));
    assert_eq!(root.inner_html(), drawn);
    assert_eq!(text_node_count(&root), drawn_nodes);
    super::close_view(&view);
    assert_eq!(root.inner_html(), before);
    root.remove();
}

#[wasm_bindgen_test]
async fn sidebar_lists_actors_most_quoted_first_with_positions_in_reading_order() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Embedded).await;
    let ui = shadow(&root);
    let sidebar = ui.get_element_by_id("sidebar").unwrap();
    assert_eq!(
        sidebar.get_attribute("role").as_deref(),
        Some("complementary")
    );
    assert_eq!(
        sidebar.get_attribute("aria-label").as_deref(),
        Some("QuoteLens")
    );
    let actors = all(&ui, "li[data-actor-id]");
    let names: Vec<String> = actors
        .iter()
        .map(|a| text(&a.query_selector(".name").unwrap().unwrap()))
        .collect();
    assert_eq!(names, ["Ann Lee", "Bo Chan", "Speaker not found"]);
    assert_eq!(
        all(&ui, "li.actor").len(),
        2,
        "what has no speaker is listed, but not as an actor"
    );
    let first = &actors[0];
    assert_eq!(first.get_attribute("data-actor-id").as_deref(), Some("0"));
    assert_eq!(text(&first.query_selector(".count").unwrap().unwrap()), "2");
    assert_eq!(
        first
            .query_selector(".count")
            .unwrap()
            .unwrap()
            .get_attribute("title")
            .as_deref(),
        Some("2 quotes")
    );
    assert_eq!(
        text(&first.query_selector(".role").unwrap().unwrap()),
        "spokesperson, Ministry"
    );
    assert_eq!(
        first
            .query_selector(".swatch")
            .unwrap()
            .unwrap()
            .class_name(),
        "swatch speaker-0"
    );
    let quotes: Vec<String> = all(first, "button.position")
        .iter()
        .map(|b| b.get_attribute("data-action").unwrap())
        .collect();
    assert_eq!(quotes, ["quote:0", "quote:3"]);
    let bo = &actors[1];
    assert_eq!(text(&bo.query_selector(".count").unwrap().unwrap()), "2");
    assert_eq!(
        bo.query_selector(".count")
            .unwrap()
            .unwrap()
            .get_attribute("title")
            .as_deref(),
        Some("1 quote and 1 reported statement")
    );
    let positions = all(bo, "button.position");
    assert_eq!(
        positions[0].get_attribute("data-action").as_deref(),
        Some("quote:2")
    );
    assert_eq!(
        positions[1].get_attribute("data-action").as_deref(),
        Some("reported:0")
    );
    assert_eq!(
        text(&positions[1].query_selector(".stance").unwrap().unwrap()),
        "against: the rushed deal"
    );
    assert!(text(&positions[1]).contains("the rushed deal"));
    assert_eq!(
        actors[2].get_attribute("data-actor-id").as_deref(),
        Some("unknown")
    );
    assert!(text(&ui.query_selector(".message").unwrap().unwrap()).is_empty());
    assert!(!ui
        .query_selector(".exports")
        .unwrap()
        .unwrap()
        .has_attribute("hidden"));
    assert!(ui
        .query_selector("button[data-action=\"export:json\"]")
        .unwrap()
        .is_some());
    assert!(ui
        .query_selector("button[data-action=\"export:markdown\"]")
        .unwrap()
        .is_some());
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn swatches_and_highlights_share_the_palette() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Embedded).await;
    let window = web_sys::window().unwrap();
    let ui = shadow(&root);
    for slot in [0usize, 1, 9, 31] {
        let mark = root.query_selector("quotelens-mark").unwrap().unwrap();
        mark.set_class_name(&present::mark_classes(Some(slot)));
        let swatch = ui.query_selector(".swatch").unwrap().unwrap();
        swatch.set_class_name(&format!("swatch speaker-{slot}"));
        let mark_style = window.get_computed_style(&mark).unwrap().unwrap();
        let swatch_style = window.get_computed_style(&swatch).unwrap().unwrap();
        let mark_colour = mark_style
            .get_property_value("text-decoration-color")
            .unwrap();
        assert_eq!(
            mark_colour,
            swatch_style
                .get_property_value("border-bottom-color")
                .unwrap(),
            "slot {slot}"
        );
        assert_eq!(
            mark_style
                .get_property_value("text-decoration-style")
                .unwrap(),
            swatch_style
                .get_property_value("border-bottom-style")
                .unwrap(),
            "slot {slot}"
        );
        assert_ne!(
            mark_colour, "rgb(138, 138, 138)",
            "slot {slot} has a colour, not the unknown grey"
        );
    }
    super::close_view(&view);
    root.remove();
}

fn click(el: &Element) {
    el.unchecked_ref::<HtmlElement>().click();
}

#[wasm_bindgen_test]
async fn clicking_an_actor_filters_and_a_position_scrolls_and_flashes() {
    let root = fixture(&format!("{ARTICLE}<div style=\"height: 3000px\"></div><p>“The last word goes to me,” said Cy Dunn.</p>"));
    let view = draw(&root, Mode::Embedded).await;
    let ui = shadow(&root);
    let name = ui
        .query_selector("li.actor[data-actor-id=\"1\"] .name")
        .unwrap()
        .unwrap();
    click(&name);
    assert_eq!(name.get_attribute("aria-pressed").as_deref(), Some("true"));
    let dimmed = |q: usize| {
        marks_of(&root, q)
            .iter()
            .all(|m| m.class_list().contains("quotelens-dimmed"))
    };
    assert!(dimmed(0) && dimmed(3) && dimmed(4) && !dimmed(2));
    click(&name);
    assert_eq!(name.get_attribute("aria-pressed").as_deref(), Some("false"));
    assert!(!dimmed(0) && !dimmed(2));

    let window = web_sys::window().unwrap();
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let last = ui
        .query_selector("button.position[data-action=\"quote:5\"]")
        .unwrap()
        .unwrap();
    click(&last);
    assert!(window.scroll_y().unwrap() > 1000.0, "scrolled to the quote");
    let marks = marks_of(&root, 5);
    assert!(marks
        .iter()
        .all(|m| m.class_list().contains("quotelens-flash")));
    assert_eq!(
        document().active_element().unwrap(),
        marks[0],
        "focus moves to the quote"
    );
    // Reported statements are not highlighted: the page selects their text instead.
    click(
        &ui.query_selector("button.position[data-action=\"reported:0\"]")
            .unwrap()
            .unwrap(),
    );
    let selection = window.get_selection().unwrap().unwrap();
    assert_eq!(String::from(selection.to_string()), "the rushed deal");
    selection.remove_all_ranges().unwrap();
    // Folding the panel keeps only its header.
    let fold = ui.query_selector("button.collapse").unwrap().unwrap();
    click(&fold);
    assert_eq!(
        fold.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(ui
        .get_element_by_id("sidebar")
        .unwrap()
        .class_list()
        .contains("collapsed"));
    click(&fold);
    assert_eq!(fold.get_attribute("aria-expanded").as_deref(), Some("true"));
    sleep(1700).await;
    assert!(
        marks
            .iter()
            .all(|m| !m.class_list().contains("quotelens-flash")),
        "the flash ends"
    );
    window.scroll_to_with_x_and_y(0.0, 0.0);
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn the_close_button_removes_everything() {
    let root = fixture(ARTICLE);
    let before = root.inner_html();
    let _view = draw(&root, Mode::Embedded).await;
    click(
        &shadow(&root)
            .query_selector("button.close")
            .unwrap()
            .unwrap(),
    );
    next_task().await;
    assert_eq!(root.inner_html(), before);
    root.remove();
}

#[wasm_bindgen_test]
async fn hostile_page_text_is_shown_as_text() {
    let doc = document();
    let root = fixture("");
    let p = doc.create_element("p").unwrap();
    p.set_text_content(Some(&format!(
        "“Quote with {HOSTILE} and <b>tags</b> inside,” said {HOSTILE} Smith."
    )));
    root.append_child(&p).unwrap();
    let view = draw(&root, Mode::Embedded).await;
    let ui = shadow(&root);
    let name = ui.query_selector(".name").unwrap().unwrap();
    assert_eq!(text(&name), format!("{HOSTILE} Smith"));
    assert!(text(&ui.query_selector("button.position").unwrap().unwrap()).contains(HOSTILE));
    mouse("mouseover", &all(&root, "quotelens-mark")[0], None);
    assert_eq!(
        text(&ui.query_selector("#tooltip .speaker").unwrap().unwrap()),
        format!("{HOSTILE} Smith")
    );
    assert_eq!(
        all(&root, "quotelens-mark")[0]
            .get_attribute("data-quotelens-speaker")
            .unwrap(),
        format!("{HOSTILE} Smith")
    );
    assert!(
        all(&ui, "img, b").is_empty() && all(&root, "img, b").is_empty(),
        "nothing parsed as HTML"
    );
    sleep(50).await;
    let pwned =
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__quotelens_pwned".into()).unwrap();
    assert!(pwned.is_undefined());
    let markdown = scripted_markdown(text(&p));
    assert!(
        markdown.contains("\\<img src=x onerror=\"window.\\_\\_quotelens\\_pwned=1\"\\> Smith"),
        "{markdown}"
    );
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_statement_taking_no_side_has_no_stance_badge_or_label() {
    let root = fixture(
        "<p>“Everything is on the table now,” said Ann Lee. Bo Chan argued that the deal was rushed.</p>",
    );
    let view = draw(&root, Mode::Embedded).await;
    let statement = shadow(&root)
        .query_selector("button.position[data-action=\"reported:0\"]")
        .unwrap()
        .unwrap();
    assert!(text(&statement).contains("the deal was rushed"));
    assert!(statement.query_selector(".stance").unwrap().is_none());
    let markdown = scripted_markdown(
        "Bo Chan argued that the deal was rushed. Ann Lee argued against the new levy.".into(),
    );
    assert!(
        markdown.contains("- Reported: the deal was rushed — argued\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- Reported (against: the new levy): the new levy — argued\n"),
        "{markdown}"
    );
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn clear_messages_without_article_or_quotes() {
    let root = fixture("<div><img alt=\"\"></div>");
    let view = draw(&root, Mode::Embedded).await;
    let message = shadow(&root).query_selector(".message").unwrap().unwrap();
    assert_eq!(text(&message), Language::English.text(Message::NoArticle));
    let exports = shadow(&root).query_selector(".exports").unwrap().unwrap();
    let display = web_sys::window()
        .unwrap()
        .get_computed_style(&exports)
        .unwrap()
        .unwrap()
        .get_property_value("display")
        .unwrap();
    assert_eq!(display, "none", "no export buttons for nothing");
    super::close_view(&view);
    root.remove();

    let root = fixture("<p>Nothing quoted here, only “scare” quotes.</p>");
    let view = draw(&root, Mode::Embedded).await;
    assert_eq!(
        text(&shadow(&root).query_selector(".message").unwrap().unwrap()),
        Language::English.text(Message::NoQuotes)
    );
    let summary = view.borrow().summary();
    assert_eq!(
        js_sys::Reflect::get(&summary, &"message".into())
            .unwrap()
            .as_string()
            .unwrap(),
        Language::English.text(Message::NoQuotes)
    );
    super::close_view(&view);
    root.remove();

    // "Who said this?" with nothing selected (the page's selection went meanwhile).
    let root = fixture("<p>Some text nobody selected.</p>");
    document()
        .get_selection()
        .unwrap()
        .unwrap()
        .remove_all_ranges()
        .unwrap();
    let view = draw(&root, Mode::Selection).await;
    assert_eq!(
        text(&shadow(&root).query_selector(".message").unwrap().unwrap()),
        Language::English.text(Message::NoSelection)
    );
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn render_into_rebuilds_pasted_html_without_attributes_or_scripts() {
    let container = fixture("");
    let html = format!(
        "<div onclick=\"window.__quotelens_pwned=2\"><p style=\"color:red\">“We did it all ourselves,” said Di Eze.</p>\
         {HOSTILE}<script>window.__quotelens_pwned=3</script><iframe src=\"https://example.com\"></iframe></div>"
    );
    let summary = super::render_into(container.clone(), html, true, "en".into())
        .await
        .unwrap();
    assert_eq!(
        js_sys::Reflect::get(&summary, &"quotes".into())
            .unwrap()
            .as_f64(),
        Some(1.0)
    );
    assert!(all(&container, "img, script, iframe, [onclick], [style]").is_empty());
    assert_eq!(all(&container, "quotelens-mark").len(), 1);
    sleep(50).await;
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__quotelens_pwned".into())
            .unwrap()
            .is_undefined()
    );

    let summary = super::render_into(
        container.clone(),
        "“First quote here, yes,” she said.\n\nSecond paragraph.".into(),
        false,
        "".into(),
    )
    .await
    .unwrap();
    assert_eq!(
        js_sys::Reflect::get(&summary, &"blocks".into())
            .unwrap()
            .as_f64(),
        Some(2.0)
    );
    assert_eq!(
        all(&container, "quotelens-root").len(),
        1,
        "the previous view is gone"
    );
    let embedded = super::EMBEDDED.with(|v| v.borrow().clone()).unwrap();
    super::close_view(&embedded);
    container.remove();
}

/// Draws `html` with `analyzer`, watching from tasks of its own that highlights appear while the
/// article is still being read; prints the figures. Returns the view, its root and whether the
/// drawing was seen progressing.
async fn draw_huge(
    label: &str,
    html: &str,
    analyzer: view::NewAnalyzer,
) -> (SharedView, Element, bool) {
    let root = fixture(html);
    let view = View::open(
        &document(),
        root.clone(),
        &root,
        Mode::Embedded,
        Source::default(),
        Some("en"),
        Language::English,
        analyzer,
    )
    .await
    .unwrap();
    let started = super::schedule::now();
    let drawing = view.clone();
    let finished = std::rc::Rc::new(std::cell::Cell::new(false));
    let done = finished.clone();
    wasm_bindgen_futures::spawn_local(async move {
        view::run(&drawing).await.unwrap();
        done.set(true);
    });
    let (mut longest, mut progressive) = (0.0f64, false);
    let mut last = super::schedule::now();
    while !finished.get() {
        next_task().await;
        let t = super::schedule::now();
        longest = longest.max(t - last);
        last = t;
        let marks = root
            .query_selector_all("quotelens-mark[tabindex]")
            .unwrap()
            .length();
        let quotes = view.borrow().analysis().quotes.len() as u32;
        progressive |= marks > 0 && marks < quotes.max(1) * 2 && !finished.get();
    }
    let summary = view.borrow().summary();
    let figure = |key: &str| {
        js_sys::Reflect::get(&summary, &key.into())
            .unwrap()
            .as_f64()
            .unwrap_or(0.0)
    };
    web_sys::console::log_1(&format!(
        "{label}: {} KB of text, {} paragraphs found in {:.0} ms ({} slices, the longest {:.1} ms), \
         {} quotes drawn in {:.0} ms; {} slices of QuoteLens work, the longest {:.1} ms; longest gap \
         between the test's own tasks (the browser's rendering included) {longest:.1} ms",
        text(&root).len() / 1024,
        figure("blocks"),
        figure("extractMs"),
        figure("extractSlices"),
        figure("longestExtractSliceMs"),
        figure("quotes"),
        super::schedule::now() - started,
        figure("steps"),
        figure("longestStepMs"),
    ).into());
    (view, root, progressive)
}

#[wasm_bindgen_test]
async fn a_huge_article_is_drawn_progressively_in_short_tasks() {
    let paragraphs = 4000;
    let html: String = (0..paragraphs)
        .map(|i| format!("<p>Paragraph {i} of the long report. “This is quote number {i} of many,” said Speaker Number{}. \
            More filler text follows here to make the paragraph as long as a real one, with commas, clauses and detail.</p>", i % 40))
        .collect();
    let (view, root, progressive) =
        draw_huge("huge article, scripted analyser", &html, scripted).await;
    assert!(
        progressive,
        "highlights appeared before the whole article was read"
    );
    assert_eq!(all(&root, "quotelens-mark[tabindex]").len(), paragraphs);
    let ui = shadow(&root);
    assert_eq!(all(&ui, "li.actor").len(), 40);
    let more = all(&ui, "button.more");
    assert_eq!(
        more.len(),
        40,
        "each actor's 100 quotes end in a show-all button"
    );
    assert_eq!(text(&more[0]), "Show all 100");
    click(&more[0]);
    assert_eq!(
        all(&ui, "li.actor")[0]
            .query_selector_all("button.position")
            .unwrap()
            .length(),
        100
    );
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_huge_article_with_the_engine_is_drawn_progressively() {
    const FIRST: &[&str] = &[
        "Alma", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
    ];
    const LAST: &[&str] = &[
        "Varga",
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Tanaka",
        "Silva",
        "Novak",
        "Haddad",
    ];
    let html: String = (0..3000)
        .map(|i| {
            let name = format!("{} {}", FIRST[i % FIRST.len()], LAST[i / FIRST.len() % LAST.len()]);
            format!(
                "<p>The committee met again on day {i} to review the budget, the schedule and the staffing plan. \
                 “We have made real progress on item {i}, and we expect to finish soon,” {name} told reporters after the session. \
                 Officials said further talks were planned, and critics argued that the costs were still rising.</p>"
            )
        })
        .collect();
    let (view, root, progressive) =
        draw_huge("huge article, engine", &html, view::engine_analyzer).await;
    assert!(
        progressive,
        "highlights appeared before the whole article was read"
    );
    assert!(
        all(&root, "quotelens-mark[tabindex]").len() >= 2900,
        "the quotes are highlighted"
    );
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn content_added_later_is_read_once_and_removed_content_is_forgotten() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Page).await;
    let doc = document();
    let actors = || all(&shadow(&root), "li.actor").len();
    assert_eq!(actors(), 2);
    let count = || all(&root, "quotelens-mark[tabindex]").len();
    assert_eq!(count(), 4);

    // Infinite scroll: a new paragraph with a new speaker and one with a known speaker.
    let more = doc.create_element("section").unwrap();
    more.set_inner_html("<p>“Fresh words for a fresh page,” said Ed Fox.</p><p>“And one more thing to add,” said Ann Lee.</p>");
    root.append_child(&more).unwrap();
    sleep(700).await;
    assert_eq!(count(), 6);
    assert_eq!(actors(), 3, "Ann Lee is not listed twice");

    // The page moves an already read paragraph: nothing is read twice.
    let first_p = root.query_selector("p").unwrap().unwrap();
    root.append_child(&first_p).unwrap();
    sleep(700).await;
    assert_eq!(count(), 6);

    // A route change replaces the content: highlights follow the new content only.
    root.query_selector("section").unwrap().unwrap().remove();
    sleep(700).await;
    assert_eq!(count(), 4);
    assert_eq!(actors(), 2);
    assert_eq!(
        all(&root, "quotelens-mark")
            .iter()
            .filter(|m| m.get_attribute("data-quotelens-speaker").as_deref() == Some("Ed Fox"))
            .count(),
        0
    );
    super::close_view(&view);
    assert!(all(&root, "quotelens-mark").is_empty());
    root.remove();
}

/// Waits, a task at a time, until `view` has read and drawn all the page's changes; returns
/// whether its reading was seen under way from one of those tasks (it yielded meanwhile), after
/// calling `meanwhile` there once.
async fn until_idle(view: &SharedView, meanwhile: impl FnOnce()) -> bool {
    let started = super::schedule::now();
    let mut meanwhile = Some(meanwhile);
    // The update starts once the page has been quiet for a moment.
    sleep(50).await;
    while !view.borrow().is_idle() {
        if view.borrow().is_updating() {
            if let Some(act) = meanwhile.take() {
                act();
            }
        }
        assert!(
            super::schedule::now() - started < 30_000.0,
            "the update ends"
        );
        next_task().await;
    }
    meanwhile.is_none()
}

#[wasm_bindgen_test]
async fn a_burst_of_changes_is_read_again_in_slices_without_duplicates() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Page).await;
    let doc = document();
    let count = || all(&root, "quotelens-mark[tabindex]").len();
    let actors = || all(&shadow(&root), "li.actor").len();
    let speaking = |name: &str| {
        all(&root, "quotelens-mark[tabindex]")
            .iter()
            .filter(|m| m.get_attribute("data-quotelens-speaker").as_deref() == Some(name))
            .count()
    };
    assert_eq!((count(), actors()), (4, 2));

    // Infinite scroll adding paragraph after paragraph: more nodes than are worth reading one by
    // one, so the whole page is read again.
    let burst = 3000;
    for i in 0..burst {
        let p = doc.create_element("p").unwrap();
        p.set_inner_html(&format!(
            "Update {i}: “Burst words number {i} are <b>here</b>,” said Cy Day."
        ));
        root.append_child(&p).unwrap();
    }
    // While it is being read, the page adds a paragraph and removes the first one.
    let first_p = root.query_selector("p").unwrap().unwrap();
    let read_in_slices = until_idle(&view, || {
        assert_eq!(
            actors(),
            0,
            "no stale actor is listed while the page is read again"
        );
        let late = doc.create_element("p").unwrap();
        late.set_inner_html("“Late words arrive right now,” said Ed Fox.");
        root.append_child(&late).unwrap();
        first_p.remove();
    })
    .await;
    assert!(
        read_in_slices,
        "the page was read again in slices, yielding to other tasks"
    );
    // Ann Lee keeps her second quote; Bo Chan and the unattributed quote stay.
    assert_eq!(count(), 3 + burst + 1);
    assert_eq!(speaking("Cy Day"), burst);
    assert_eq!(
        (speaking("Ann Lee"), speaking("Ed Fox")),
        (1, 1),
        "removed content is forgotten, content added meanwhile is read once"
    );
    assert_eq!(actors(), 4, "no actor is listed twice");
    super::close_view(&view);
    assert!(all(&root, "quotelens-mark").is_empty());
    root.remove();
}

#[wasm_bindgen_test]
async fn a_large_subtree_added_later_is_read_in_slices_once() {
    let root = fixture(ARTICLE);
    let view = draw(&root, Mode::Page).await;
    let count = || all(&root, "quotelens-mark[tabindex]").len();
    // One node added, holding a long article: read as it was added, in slices.
    let section = document().create_element("section").unwrap();
    let html: String = (0..3000)
        .map(|i| {
            format!("<p>Part {i}: “Section words number {i} are <b>here</b>,” said Cy Day.</p>")
        })
        .collect();
    section.set_inner_html(&html);
    root.append_child(&section).unwrap();
    let read_in_slices = until_idle(&view, || ()).await;
    assert!(read_in_slices, "the section was read in slices");
    assert_eq!(count(), 4 + 3000);
    assert_eq!(all(&shadow(&root), "li.actor").len(), 3);
    super::close_view(&view);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_second_render_into_replaces_the_first_while_it_is_still_reading() {
    let container = fixture("");
    let long: String = (0..3000)
        .map(|i| format!("“Long words number {i} are spoken here,” said Pat Roe.\n\n"))
        .collect();
    let first_answer = std::rc::Rc::new(std::cell::RefCell::new(None));
    let answer = first_answer.clone();
    let first_container = container.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = super::render_into(first_container, long, false, "en".into()).await;
        *answer.borrow_mut() = Some(result);
    });
    // The first call is under way, reading in slices, when the second comes.
    next_task().await;
    next_task().await;
    assert!(
        first_answer.borrow().is_none(),
        "the first call is still reading"
    );
    let second = super::render_into(
        container.clone(),
        "“The second text is the one shown,” said Di Eze.".into(),
        false,
        "en".into(),
    )
    .await
    .unwrap();
    while first_answer.borrow().is_none() {
        next_task().await;
    }
    let first = first_answer.borrow_mut().take().unwrap().unwrap();
    let field = |answer: &JsValue, key: &str| js_sys::Reflect::get(answer, &key.into()).unwrap();
    assert_eq!(field(&first, "active").as_bool(), Some(false));
    assert_eq!(
        field(&first, "message").as_string().as_deref(),
        Some(super::REPLACED)
    );
    assert_eq!(field(&second, "active").as_bool(), Some(true));
    assert_eq!(field(&second, "quotes").as_f64(), Some(1.0));
    assert_eq!(all(&container, "quotelens-root").len(), 1, "one view");
    let marks = all(&container, "quotelens-mark");
    assert_eq!(marks.len(), 1);
    assert!(text(&marks[0]).contains("The second text is the one shown"));
    let embedded = super::EMBEDDED.with(|v| v.borrow().clone()).unwrap();
    super::close_view(&embedded);
    container.remove();
}

/// Real pages of the corpus, their `<body>` without scripts or event handlers.
const REAL_PAGES: &[(&str, &str)] = &[
    (
        "seed",
        include_str!("../../tests/corpus/pages/seed/source.html"),
    ),
    (
        "bbc-1",
        include_str!("../../tests/corpus/pages/bbc-1/source.html"),
    ),
    (
        "wapo-1",
        include_str!("../../tests/corpus/pages/wapo-1/source.html"),
    ),
    (
        "nytimes-3",
        include_str!("../../tests/corpus/pages/nytimes-3/source.html"),
    ),
];

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[wasm_bindgen_test]
async fn real_pages_get_exact_highlights_and_are_restored_exactly() {
    for (name, html) in REAL_PAGES {
        let parsed = web_sys::DomParser::new()
            .unwrap()
            .parse_from_string(html, web_sys::SupportedType::TextHtml)
            .unwrap();
        for inert in all(
            &parsed.document_element().unwrap(),
            "script, iframe, link, img, video, audio, source, object, embed",
        ) {
            inert.remove();
        }
        for el in all(&parsed.document_element().unwrap(), "*") {
            for attr in el
                .get_attribute_names()
                .iter()
                .filter_map(|a| a.as_string())
            {
                if attr.starts_with("on") {
                    el.remove_attribute(&attr).unwrap();
                }
            }
        }
        let root = fixture(&parsed.body().unwrap().inner_html());
        let before = root.inner_html();
        let view = View::open(
            &document(),
            root.clone(),
            &root,
            Mode::Page,
            Source::default(),
            None,
            Language::English,
            view::engine_analyzer,
        )
        .await
        .unwrap();
        view::run(&view).await.unwrap();
        let (mut checked, mut speech) = (0, 0);
        for (index, quote) in view.borrow().analysis().quotes.iter().enumerate() {
            let marks = marks_of(&root, index);
            speech += usize::from(quote.kind == crate::engine::QuoteKind::Speech);
            if quote.kind == crate::engine::QuoteKind::Speech && !marks.is_empty() {
                let marked: String = marks.iter().map(text).collect();
                assert_eq!(
                    collapse(&marked),
                    collapse(&quote.text),
                    "{name}: quote {index}"
                );
                checked += 1;
            }
        }
        web_sys::console::log_1(
            &format!(
                "{name}: {checked} of {speech} speech quotes highlighted exactly, {} marks",
                all(&root, "quotelens-mark").len()
            )
            .into(),
        );
        assert_eq!(checked, speech, "{name}: every speech quote is highlighted");
        // Cloned: the view's listeners borrow it while the events are handled.
        let quotes = view.borrow().analysis().quotes.clone();
        let underlined = hover_every_quote_for_its_evidence(&root, &quotes, name);
        web_sys::console::log_1(
            &format!("{name}: {underlined} mentions underlined exactly on hover").into(),
        );
        super::close_view(&view);
        assert!(
            root.inner_html() == before,
            "{name}: the DOM is restored exactly"
        );
        root.remove();
    }
}

/// Hovers every highlighted quote: its mention is underlined word for word unless it overlaps a
/// quote (then left out), and leaving leaves the DOM as drawn. Returns how many were underlined.
fn hover_every_quote_for_its_evidence(root: &Element, quotes: &[Quote], page: &str) -> usize {
    let drawn = root.inner_html();
    let drawn_nodes = text_node_count(root);
    let overlaps_a_quote = |span: &Span| {
        quotes.iter().any(|q| {
            q.kind == QuoteKind::Speech
                && q.span.block == span.block
                && q.span.start_utf16 < span.end_utf16
                && span.start_utf16 < q.span.end_utf16
        })
    };
    let mut underlined = 0;
    for (index, quote) in quotes.iter().enumerate() {
        let Some(mark) = marks_of(root, index).into_iter().next() else {
            continue;
        };
        mouse("mouseover", &mark, None);
        if let Some(mention) = quote
            .mention
            .as_ref()
            .filter(|m| !overlaps_a_quote(&m.span))
        {
            assert_eq!(
                collapse(&evidence(root, "mention").concat()),
                collapse(&mention.text),
                "{page}: quote {index}'s mention"
            );
            underlined += 1;
        }
        if quote.cue_span.is_some_and(|c| !overlaps_a_quote(&c)) {
            assert!(
                !evidence(root, "cue").is_empty(),
                "{page}: quote {index}'s cue"
            );
        }
        mouse("mouseout", &mark, Some(root));
        assert!(
            root.inner_html() == drawn,
            "{page}: quote {index} left as drawn"
        );
        assert_eq!(text_node_count(root), drawn_nodes, "{page}: quote {index}");
    }
    underlined
}

#[wasm_bindgen_test]
async fn closing_while_drawing_stops_and_restores_exactly() {
    let html: String = (0..1500)
        .map(|i| {
            format!("<p>Item {i}: “Words number {i} are <b>spoken</b> here,” said Pat Roe.</p>\n")
        })
        .collect();
    let root = fixture(&html);
    let before = root.inner_html();
    let view = View::open(
        &document(),
        root.clone(),
        &root,
        Mode::Page,
        Source::default(),
        Some("en"),
        Language::English,
        scripted,
    )
    .await
    .unwrap();
    let drawing = view.clone();
    let finished = std::rc::Rc::new(std::cell::Cell::new(false));
    let done = finished.clone();
    wasm_bindgen_futures::spawn_local(async move {
        view::run(&drawing).await.unwrap();
        done.set(true);
    });
    while all(&root, "quotelens-mark").is_empty() {
        next_task().await;
    }
    assert!(!finished.get(), "still drawing");
    super::close_view(&view);
    while !finished.get() {
        next_task().await;
    }
    sleep(50).await;
    assert!(root.inner_html() == before, "the DOM is as it was");
    assert!(root.query_selector("quotelens-root").unwrap().is_none());
    root.remove();
}

#[wasm_bindgen_test]
fn a_selection_becomes_blocks_that_map_back_to_exactly_the_selected_text() {
    let root = fixture(
        "<div lang=\"de-AT\"><p id=\"a\">Skipped.   Ann   Lee said:\n  <b>\u{201c}We stay\u{201d}</b> tonight.</p>\
         <p id=\"b\">\u{201c}Not\u{00a0}now,\u{201d} said Bo. Not selected.</p></div>",
    );
    let doc = document();
    let first = root
        .query_selector("#a")
        .unwrap()
        .unwrap()
        .first_child()
        .unwrap();
    let last = root
        .query_selector("#b")
        .unwrap()
        .unwrap()
        .first_child()
        .unwrap();
    let range = doc.create_range().unwrap();
    range.set_start(&first, "Skipped. ".len() as u32).unwrap();
    range
        .set_end(
            &last,
            "\u{201c}Not\u{00a0}now,\u{201d} said Bo."
                .encode_utf16()
                .count() as u32,
        )
        .unwrap();
    let selection = doc.get_selection().unwrap().unwrap();
    selection.remove_all_ranges().unwrap();
    selection.add_range(&range).unwrap();

    let article = super::selection::selected_article(&doc);
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ann Lee said: \u{201c}We stay\u{201d} tonight.",
            "\u{201c}Not now,\u{201d} said Bo."
        ]
    );
    assert!(
        selection.is_collapsed(),
        "the selection gives way to the highlights"
    );
    // The language the page declares there, as a base code.
    assert_eq!(article.metadata.language.as_deref(), Some("de"));
    // Every block's words map back to the same words in the page, and to nothing more.
    for (index, block) in article.blocks.iter().enumerate() {
        for word in ["Ann Lee", "We stay", "tonight", "Not", "said Bo."] {
            let Some(start) = block.text.find(word) else {
                continue;
            };
            let start16 = block.text[..start].encode_utf16().count();
            let end16 = start16 + word.encode_utf16().count();
            let ((start_node, start_at), (end_node, end_at)) =
                article.dom_range(index, start16, end16).unwrap();
            let found = doc.create_range().unwrap();
            found.set_start(&start_node, start_at as u32).unwrap();
            found.set_end(&end_node, end_at as u32).unwrap();
            // The page's white space, collapsed in the block, stays in the page.
            let page_words = String::from(found.to_string());
            let page_words = page_words.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(page_words, word, "block {index}");
        }
    }
    root.remove();
}
