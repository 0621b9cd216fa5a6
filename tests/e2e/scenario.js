// What a reader does with QuoteLens, as checks that run the same in every browser. A driver gives
// the browser-specific moves: open(url), toggle() (the real toolbar path; resolves when the page
// has answered), evaluate(fn, arg) in the page, hover(selector), focus(selector), moveAway(),
// clickInUi(selector) and hoverInUi(selector) inside QuoteLens's shadow root, badgeText() and
// actionTitle() of the toolbar button on the page's tab, whoSaidThis(selector) (the context menu's item
// on the selection, opened over `selector`; resolves when the page has answered), screenshot(name),
// and optionally download(selector) ->
// {name, text}, press(key) where the focus is, forceColors(on), readClipboard().
'use strict';
const fs = require('fs');
const path = require('path');
const { assert } = require('./lib/harness');
const { TOOLS } = require('./lib/paths');

// axe-core, run in the page on QuoteLens's panel and tooltip (the page's own markup is not ours).
const AXE_SOURCE = fs.readFileSync(path.join(TOOLS, 'axe-core/axe.min.js'), 'utf8');

// The seed article's speakers, from its gold annotation (tests/corpus/gold/seed.json).
const SEED_SPEAKERS = ['John Kirby', 'Jen Pskai', 'John Kerry'];
const normalise = (text) => text.replace(/\s+/g, ' ').trim();

// --- Page-side reads (run in the page by driver.evaluate; plain functions, no closures) ---

function readPage() {
  return { html: document.documentElement.outerHTML, text: document.body.textContent };
}

function readMarks() {
  const marks = [...document.querySelectorAll('quotelens-mark')];
  const quotes = new Map();
  for (const mark of marks) {
    const index = mark.getAttribute('data-quotelens-quote');
    const quote = quotes.get(index) ?? { index: Number(index), speaker: mark.getAttribute('data-quotelens-speaker'), text: '', elements: 0, focusable: 0, classes: [] };
    quote.text += mark.textContent;
    quote.elements += 1;
    if (mark.getAttribute('tabindex') === '0') quote.focusable += 1;
    quote.classes.push(mark.className);
    if (mark.hasAttribute('style')) quote.styled = true;
    quotes.set(index, quote);
  }
  return { count: marks.length, hosts: document.querySelectorAll('quotelens-root').length, quotes: [...quotes.values()] };
}

function readUi() {
  const root = document.querySelector('quotelens-root')?.shadowRoot;
  if (!root) return null;
  const text = (node, selector) => node.querySelector(selector)?.textContent.trim() ?? '';
  const tooltip = root.querySelector('#tooltip');
  const shown = (el) => !!el && !el.hidden && getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden' && el.getBoundingClientRect().width > 0;
  const sidebar = root.querySelector('#sidebar');
  return {
    sidebar: sidebar && { role: sidebar.getAttribute('role'), label: sidebar.getAttribute('aria-label'), shown: shown(sidebar) },
    message: text(root, '.message'),
    actors: [...root.querySelectorAll('li.actor')].map((li) => ({
      id: li.getAttribute('data-actor-id'), name: text(li, '.name'), role: text(li, '.role'),
      count: text(li, '.count'), countLabel: text(li, '.actor-head .visually-hidden'), swatch: !!li.querySelector('.swatch'),
      positions: [...li.querySelectorAll('button.position')].map((b) => {
        const [verb, index] = b.getAttribute('data-action').split(':');
        return { quote: verb === 'quote' ? index : null, reported: verb === 'reported' ? index : null };
      }),
    })),
    exports: [...root.querySelectorAll('button[data-action^="export:"]')].map((b) => b.getAttribute('data-action').slice('export:'.length)),
    tooltip: tooltip && { role: tooltip.getAttribute('role'), shown: shown(tooltip), speaker: text(tooltip, '.speaker'), role_: text(tooltip, '.role'), why: text(tooltip, '.why'), cue: text(tooltip, '.cue'), confidence: text(tooltip, '.confidence') },
  };
}

// The cue and mention underlines shown for the quote pointed at: their words, the words of their
// paragraph before them, and their classes.
function readEvidence() {
  const read = (which) => {
    const marks = [...document.querySelectorAll(`quotelens-mark.quotelens-evidence-${which}`)];
    if (marks.length === 0) return null;
    const block = marks[0].closest('p, li, h1, h2, h3, h4, h5, h6, blockquote, figcaption');
    const before = document.createRange();
    before.setStart(block, 0);
    before.setEndBefore(marks[0]);
    return { text: marks.map((m) => m.textContent).join(''), before: before.toString(), classes: marks.map((m) => m.className) };
  };
  return { cue: read('cue'), mention: read('mention'), count: document.querySelectorAll('quotelens-mark.quotelens-evidence').length };
}

function scrollToMark(selector) {
  document.querySelector(selector).scrollIntoView({ block: 'center', behavior: 'instant' });
}

function readMarkState(index) {
  const marks = [...document.querySelectorAll(`quotelens-mark[data-quotelens-quote="${index}"]`)];
  const rect = marks[0].getBoundingClientRect();
  return {
    scrollY: window.scrollY,
    inView: rect.top >= 0 && rect.bottom <= window.innerHeight,
    flashing: marks.every((m) => m.classList.contains('quotelens-flash')),
  };
}

// The page's text that lies under QuoteLens's panel: every line box of the page's visible text
// that reaches past the panel's left edge (none when the page is laid out beside it).
function readTextUnderPanel() {
  const host = document.querySelector('quotelens-root');
  const panel = host.shadowRoot.querySelector('#sidebar').getBoundingClientRect();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const under = [];
  let lines = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.trim() || host.contains(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      lines += 1;
      if (rect.right > panel.left + 0.5) under.push(node.data.trim().slice(0, 40));
    }
  }
  return { panelLeft: panel.left, panelWidth: panel.width, viewport: window.innerWidth, lines, under };
}

// Where the keyboard focus is: a quote's highlight, or a control of the panel (its action).
function readFocus() {
  const host = document.querySelector('quotelens-root');
  const mark = document.activeElement?.closest?.('quotelens-mark');
  const tooltip = host?.shadowRoot.querySelector('#tooltip');
  return {
    quote: mark ? Number(mark.getAttribute('data-quotelens-quote')) : null,
    control: host?.shadowRoot.activeElement?.getAttribute('data-action') ?? null,
    tooltip: !!tooltip && !tooltip.hidden,
  };
}

// The panel's own words and the text-language buttons, for the interface-language checks.
function readInterfaceText() {
  const root = document.querySelector('quotelens-root')?.shadowRoot;
  if (!root) return null;
  const text = (selector) => root.querySelector(selector)?.textContent.trim() ?? '';
  return {
    lang: root.querySelector('#sidebar').getAttribute('lang'),
    title: text('header h2'),
    summary: text('.summary'),
    keys: text('.keys'),
    close: root.querySelector('button.close').getAttribute('aria-label'),
    exports: [...root.querySelectorAll('.exports button')].map((b) => b.textContent.trim()),
    copy: text('button.copy'),
    textLanguages: [...root.querySelectorAll('button[data-action^="analyse:"]')].map((b) => ({
      code: b.getAttribute('data-action').slice('analyse:'.length), pressed: b.getAttribute('aria-pressed') === 'true',
    })),
    tooltipLabels: [...root.querySelectorAll('#tooltip .label')].map((l) => l.textContent.trim()),
    tooltipHint: text('#tooltip .hint'),
  };
}

// Selects the page's text from the start of `first` to the end of `last` (selectors), as a reader
// dragging over it would.
function selectBetween([first, last]) {
  const range = document.createRange();
  range.setStartBefore(document.querySelector(first));
  range.setEndAfter(document.querySelector(last));
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return selection.toString().length;
}

// Each highlighted quote's speaker and the live-blog entry it is in.
function readQuotesByEntry() {
  return [...document.querySelectorAll('quotelens-mark[tabindex="0"]')].map((m) => ({
    speaker: m.getAttribute('data-quotelens-speaker'), entry: m.closest('.entry')?.id ?? null,
  }));
}

function readAnnouncement() {
  const root = document.querySelector('quotelens-root').shadowRoot;
  return { live: root.querySelector('[aria-live]')?.textContent ?? null, summary: root.querySelector('.summary').textContent };
}

// Runs axe-core (its source given) on the panel and the tooltip; resolves to the violations.
async function runAxe(source) {
  if (!window.axe) (0, eval)(source);
  const context = { include: [{ fromShadowDom: ['quotelens-root', '#sidebar'] }, { fromShadowDom: ['quotelens-root', '#tooltip'] }] };
  const result = await window.axe.run(context, { resultTypes: ['violations'] });
  return {
    rulesPassed: result.passes.map((p) => p.id),
    // What axe could not decide alone (contrast over translucent backgrounds, typically).
    undecided: result.incomplete.map((p) => p.id),
    violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3) })),
  };
}

// The highlight palette in force on the page (the eight speaker colours as a mark computes them)
// and each colour's contrast with the background the article is drawn on.
function readPaletteContrast() {
  const mark = document.querySelector('quotelens-mark.quotelens-mark');
  const channels = (css) => {
    const hex = css.trim().match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
    if (hex) return hex.slice(1).map((h) => parseInt(h, 16));
    return css.match(/[\d.]+/g).slice(0, 3).map(Number);
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  let element = mark.parentElement;
  while (element && getComputedStyle(element).backgroundColor.match(/rgba\(.*,\s*0\)$|transparent/)) element = element.parentElement;
  const background = element ? getComputedStyle(element).backgroundColor : 'rgb(255, 255, 255)';
  const lb = luminance(channels(background));
  const style = getComputedStyle(mark);
  const colours = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => style.getPropertyValue(`--quotelens-c${k}`).trim());
  return {
    onDark: document.querySelector('quotelens-root').classList.contains('on-dark'),
    background,
    colours,
    ratios: colours.map((c) => { const l = luminance(channels(c)); return (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05); }),
  };
}

// How a highlight looks under forced colours: whether they are on, and its underline.
function readForcedHighlight() {
  const style = getComputedStyle(document.querySelector('quotelens-mark.quotelens-mark[tabindex]'));
  return {
    forced: matchMedia('(forced-colors: active)').matches,
    line: style.textDecorationLine,
    thickness: parseFloat(style.textDecorationThickness),
    colour: style.textDecorationColor,
    background: getComputedStyle(document.body).backgroundColor,
  };
}

function readActiveQuotes() {
  const active = document.querySelectorAll('quotelens-mark.quotelens-active');
  return [...new Set([...active].map((m) => Number(m.getAttribute('data-quotelens-quote'))))];
}

function readDimmed() {
  return [...document.querySelectorAll('quotelens-mark')].map((m) => ({ speaker: m.getAttribute('data-quotelens-speaker'), dimmed: m.classList.contains('quotelens-dimmed') }));
}

// --- Helpers ---

async function until(what, probe, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Speech quotes of the command line's analysis of the same page: the browser must show exactly these.
function expectedHighlights(analysis) {
  return analysis.quotes
    .map((quote, index) => ({ index, text: normalise(quote.text), speaker: quote.speaker ?? '', kind: quote.kind }))
    .filter((quote) => quote.kind === 'speech');
}

// The tooltip's "why" line for the kinds of attribution the seed article has (see
// src/present/mod.rs why_line).
function expectedWhy(quote) {
  if (quote.rule === 'focus') return `no cue: the last person who spoke or was named (${quote.speaker})`;
  if (quote.rule === 'reported_clause') return 'in the reported speech around it';
  if (['cue_around', 'cue_after', 'cue_inside', 'cue_before', 'cue_later'].includes(quote.rule)) {
    if (quote.mention?.kind === 'pronoun') return `‘${quote.mention.text}’ — ${quote.speaker}`;
    if (quote.mention?.kind === 'name') return 'named in the same sentence';
  }
  throw new Error(`no expected line for ${JSON.stringify(quote)}`);
}

// Hovering quote `index` shows why in the tooltip and underlines exactly its cue's and its
// mention's words (in the article's block `span.block`, as the command line read it) in the
// speaker's style; moving away removes them and leaves the page as drawn.
async function checkEvidence(driver, { analysis, blocks }, index) {
  const quote = analysis.quotes[index];
  const selector = `quotelens-mark[data-quotelens-quote="${index}"][tabindex="0"]`;
  const drawn = await driver.evaluate(readPage);
  const markClass = (await driver.evaluate(readMarks)).quotes.find((q) => q.index === index).classes[0];
  const speakerClass = markClass.split(/\s+/).find((c) => /^quotelens-speaker-\d+$/.test(c));
  await driver.evaluate(scrollToMark, selector);
  await driver.hover(selector);
  const ui = await until('the tooltip', async () => { const u = await driver.evaluate(readUi); return u?.tooltip?.shown && u; });
  assert.strictEqual(ui.tooltip.why, expectedWhy(quote), 'the why line');
  const shown = await until('the underlines', async () => { const e = await driver.evaluate(readEvidence); return e.count > 0 && e; });
  for (const [which, span] of [['cue', quote.cue_span], ['mention', quote.mention?.span]]) {
    const underline = shown[which];
    if (!span) {
      assert.strictEqual(underline, null, `no ${which} to underline`);
      continue;
    }
    assert.ok(underline, `a ${which} underline`);
    const block = blocks[span.block];
    assert.strictEqual(normalise(underline.text), normalise(block.slice(span.start_utf16, span.end_utf16)), `${which}'s words`);
    assert.strictEqual(normalise(underline.before), normalise(block.slice(0, span.start_utf16)), `${which}'s place in block ${span.block}`);
    for (const cls of underline.classes) {
      assert.deepStrictEqual(cls.split(/\s+/).sort(), ['quotelens-evidence', `quotelens-evidence-${which}`, speakerClass].sort(), `${which} classes`);
    }
  }
  console.log(`        quote ${index} (${quote.rule}): "${ui.tooltip.why}"; cue "${shown.cue?.text ?? ''}", mention "${shown.mention?.text ?? ''}"`);
  assert.strictEqual((await driver.evaluate(readPage)).text, drawn.text, 'the page text while underlined');
  await driver.moveAway();
  await until('the underlines to go', async () => (await driver.evaluate(readEvidence)).count === 0);
  assertSameDom(drawn, await driver.evaluate(readPage));
}

// --- The scenarios ---

// The seed article: highlights, tooltip, sidebar, scroll, filter, exports, and exact restoration.
async function seedArticle(results, driver, { label, url, analysis, blocks, expectEngine }) {
  const check = (name, fn) => results.check(`${driver.name} ${label}: ${name}`, fn);
  let original, shown;

  const opened = await check('page opens', async () => {
    await driver.open(url);
    original = await driver.evaluate(readPage);
    assert.ok(original.text.includes('Kirby'), 'the seed article is on the page');
    return true;
  });
  if (!opened) return;

  const toggled = await check('toolbar action draws the highlights and the sidebar', async () => {
    const answer = await driver.toggle();
    if (answer) {
      assert.strictEqual(answer.active, true, JSON.stringify(answer));
      if (expectEngine) assert.strictEqual(answer.engine, expectEngine, 'engine used');
      console.log(`        page answered ${JSON.stringify(answer)}`);
    }
    shown = await driver.evaluate(readMarks);
    assert.strictEqual(shown.hosts, 1, 'one <quotelens-root>');
    assert.ok(shown.count > 0, 'highlights drawn');
    return true;
  });
  if (!toggled) return;
  await driver.screenshot(`${label}-highlights`);

  await check('highlights are exactly the speech quotes of the analysis, with their speakers', () => {
    const expected = expectedHighlights(analysis);
    const drawn = shown.quotes.map((q) => ({ index: q.index, text: normalise(q.text), speaker: q.speaker }));
    assert.deepStrictEqual(drawn.sort((a, b) => a.index - b.index), expected.map(({ kind, ...q }) => q));
  });

  await check(`highlights name the seed's speakers (${SEED_SPEAKERS.join(', ')})`, () => {
    const speakers = new Set(shown.quotes.map((q) => q.speaker));
    assert.deepStrictEqual(SEED_SPEAKERS.filter((s) => !speakers.has(s)), [], `speakers drawn: ${[...speakers].join(', ')}`);
  });

  await check('highlight markup follows the contract (classes, one tab stop per quote, no inline styles)', () => {
    for (const quote of shown.quotes) {
      assert.strictEqual(quote.focusable, 1, `quote ${quote.index}: one element with tabindex=0`);
      assert.ok(!quote.styled, `quote ${quote.index}: no style attribute`);
      for (const cls of quote.classes) {
        const names = cls.split(/\s+/);
        assert.ok(names.includes('quotelens-mark'), cls);
        const slot = quote.speaker ? names.some((n) => /^quotelens-speaker-\d+$/.test(n)) : names.includes('quotelens-unknown');
        assert.ok(slot, `quote ${quote.index} (${quote.speaker || 'unknown'}): colour class in "${cls}"`);
      }
    }
  });

  await check("the page's text is unchanged while drawn", async () => {
    assert.strictEqual((await driver.evaluate(readPage)).text, original.text);
  });

  const target = shown.quotes.find((q) => q.speaker === 'John Kirby') ?? shown.quotes.find((q) => q.speaker) ?? shown.quotes[0];
  const markSelector = `quotelens-mark[data-quotelens-quote="${target.index}"][tabindex="0"]`;
  await check(`hovering a quote shows who said it (quote ${target.index}, ${target.speaker || 'unknown'})`, async () => {
    await driver.hover(markSelector);
    const ui = await until('the tooltip', async () => { const u = await driver.evaluate(readUi); return u?.tooltip?.shown && u; });
    assert.strictEqual(ui.tooltip.role, 'tooltip');
    assert.strictEqual(ui.tooltip.speaker, target.speaker || ui.tooltip.speaker);
    assert.ok(ui.tooltip.speaker, 'a speaker line');
    console.log(`        tooltip: ${JSON.stringify(ui.tooltip)}`);
    await driver.screenshot(`${label}-tooltip`);
    await driver.moveAway();
    await until('the tooltip to hide', async () => !(await driver.evaluate(readUi)).tooltip.shown);
  });

  await check('keyboard focus on a quote shows the tooltip too', async () => {
    await driver.focus(markSelector);
    await until('the tooltip on focus', async () => (await driver.evaluate(readUi)).tooltip.shown);
    await driver.evaluate(() => document.activeElement?.blur());
    await until('the tooltip to hide on blur', async () => !(await driver.evaluate(readUi)).tooltip.shown);
  });

  // One of each: named by the cue's subject, a pronoun, and no cue with the name paragraphs before.
  const speech = analysis.quotes.map((q, index) => ({ ...q, index })).filter((q) => q.kind === 'speech');
  const evidenceCases = [
    ['named in the same sentence', speech.find((q) => q.rule.startsWith('cue_') && q.mention?.kind === 'name')],
    ['a pronoun', speech.find((q) => q.rule.startsWith('cue_') && q.mention?.kind === 'pronoun')],
    ['no cue, named in an earlier paragraph', speech.find((q) => q.rule === 'focus' && q.mention && q.mention.span.block < q.span.block)],
  ];
  for (const [what, quote] of evidenceCases) {
    await check(`hovering a quote (${what}) says why and underlines its cue and mention; leaving removes them`, async () => {
      assert.ok(quote, `the seed has a quote ${what}`);
      await checkEvidence(driver, { analysis, blocks }, quote.index);
    });
  }

  await check('the panel sits beside the article, covering none of its text, folded or not', async () => {
    const open = await driver.evaluate(readTextUnderPanel);
    console.log(`        panel ${Math.round(open.panelWidth)} px of ${open.viewport}; ${open.lines} lines of page text beside it`);
    assert.ok(open.lines > 0 && open.panelWidth >= 200, JSON.stringify(open));
    assert.deepStrictEqual(open.under, [], 'page text under the panel');
    await driver.clickInUi('button.collapse');
    const folded = await until('the folded strip', async () => { const f = await driver.evaluate(readTextUnderPanel); return f.panelWidth < 100 && f; });
    assert.deepStrictEqual(folded.under, [], 'page text under the folded panel');
    assert.ok(folded.panelLeft > open.panelLeft, 'the page takes its width back when folded');
    await driver.clickInUi('button.collapse');
    await until('the panel unfolded', async () => (await driver.evaluate(readTextUnderPanel)).panelWidth >= 200);
  });

  let ui;
  await check('sidebar lists the actors, most-quoted first, with their positions', async () => {
    ui = await driver.evaluate(readUi);
    assert.ok(ui.sidebar?.shown, 'sidebar shown');
    assert.strictEqual(ui.sidebar.role, 'complementary');
    assert.strictEqual(ui.sidebar.label, 'QuoteLens');
    const names = ui.actors.map((a) => a.name);
    console.log(`        actors: ${ui.actors.map((a) => `${a.name} (${a.role || 'no role'}; ${a.count})`).join(' | ')}`);
    assert.deepStrictEqual(SEED_SPEAKERS.filter((s) => !names.includes(s)), [], `actors listed: ${names.join(', ')}`);
    // ".count" is what an actor said, quotes and reported statements together ("8", or spelled
    // out as "6 quotes, 2 reported"): the sum of its numbers.
    const counts = ui.actors.map((a) => (a.count.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0));
    assert.ok(counts.every((c) => c > 0), `counts: ${ui.actors.map((a) => a.count)}`);
    assert.ok(counts.every((c, i) => i === 0 || counts[i - 1] >= c), `most-quoted first: ${counts}`);
    assert.ok(ui.actors.every((a) => a.swatch && a.positions.length > 0), 'each actor has a swatch and positions');
    assert.deepStrictEqual([...ui.exports].sort(), ['json', 'markdown']);
  });

  await check('clicking a position scrolls its quote into view and flashes it', async () => {
    const last = [...shown.quotes].sort((a, b) => b.index - a.index).find((q) => ui?.actors.some((a) => a.positions.some((p) => p.quote === String(q.index))));
    assert.ok(last, 'a quote with a sidebar entry');
    await driver.evaluate(() => window.scrollTo(0, 0));
    const before = await driver.evaluate(readMarkState, last.index);
    await driver.clickInUi(`button.position[data-action="quote:${last.index}"]`);
    const after = await until('the quote in view and flashing', async () => { const s = await driver.evaluate(readMarkState, last.index); return s.inView && s.flashing && s; });
    assert.ok(after.scrollY > before.scrollY || before.inView, `scrolled from ${before.scrollY} to ${after.scrollY}`);
    await driver.screenshot(`${label}-scrolled`);
  });

  if (label === 'seed') {
    await check('every speaker colour stands out on the light page (contrast at least 3:1)', async () => {
      const palette = await driver.evaluate(readPaletteContrast);
      console.log(`        on ${palette.background}: ${palette.colours.map((c, k) => `${c} ${palette.ratios[k].toFixed(1)}`).join(', ')}`);
      assert.strictEqual(palette.onDark, false);
      assert.ok(palette.ratios.every((r) => r >= 3), JSON.stringify(palette));
    });
  }

  await check('screen readers are told the summary once drawn (aria-live)', async () => {
    const said = await driver.evaluate(readAnnouncement);
    assert.ok(said.live && said.live.startsWith(said.summary), JSON.stringify(said));
  });

  if (expectEngine === 'wasm') {
    await check('axe-core finds no violation in the panel or the tooltip', async () => {
      await driver.evaluate(scrollToMark, markSelector);
      await driver.hover(markSelector);
      await until('the tooltip', async () => (await driver.evaluate(readUi)).tooltip.shown);
      const { rulesPassed, undecided, violations } = await driver.evaluate(runAxe, AXE_SOURCE);
      await driver.moveAway();
      console.log(`        axe-core: ${rulesPassed.length} rules passed (${rulesPassed.join(', ')}); undecided: ${undecided.join(', ') || 'none'}`);
      assert.ok(rulesPassed.includes('button-name') && rulesPassed.includes('aria-tooltip-name'), 'the panel and the tooltip were checked');
      assert.deepStrictEqual(violations, []);
    });
  }

  if (label === 'seed') {
    const cited = (index) => `“${analysis.quotes[index].text.trim()}” — ${analysis.quotes[index].speaker}`;
    await check("the panel's Copy puts the quote with its attribution on the clipboard", async () => {
      await driver.clickInUi(`button.copy[data-action="copy:${target.index}"]`);
      const copied = await until('the clipboard', async () => { const c = await driver.readClipboard(); return c.startsWith('“') && c; });
      console.log(`        copied: ${copied}`);
      assert.ok(copied.startsWith(cited(target.index)), copied);
      assert.ok(copied.endsWith(`, ${url})`), `cites the page: ${copied}`);
      assert.match((await driver.evaluate(readUi)).message, /^Copied: /);
    });
    await check('C on a quote whose tooltip is shown copies it the same way', async () => {
      const other = shown.quotes.find((q) => q.index !== target.index && q.speaker);
      const selector = `quotelens-mark[data-quotelens-quote="${other.index}"][tabindex="0"]`;
      await driver.evaluate(scrollToMark, selector);
      await driver.hover(selector);
      await until('the tooltip', async () => (await driver.evaluate(readUi)).tooltip.shown);
      await driver.press('c');
      const copied = await until('the clipboard', async () => { const c = await driver.readClipboard(); return c.startsWith(cited(other.index)) && c; });
      assert.ok(copied.endsWith(`, ${url})`), copied);
      await driver.moveAway();
    });
  }

  await check("pointing at a quote's entry in the panel marks the quote in the page", async () => {
    const entry = ui.actors.flatMap((a) => a.positions).find((p) => p.quote !== null);
    await driver.hoverInUi(`button.position[data-action="quote:${entry.quote}"]`);
    const active = await until('the quote marked', async () => { const a = await driver.evaluate(readActiveQuotes); return a.length > 0 && a; });
    assert.deepStrictEqual(active, [Number(entry.quote)]);
    await driver.moveAway();
    await until('the mark to go', async () => (await driver.evaluate(readActiveQuotes)).length === 0);
  });

  await check("clicking an actor's name dims the other speakers' quotes; again clears", async () => {
    const speakers = new Set(shown.quotes.map((q) => q.speaker).filter(Boolean));
    const actor = ui.actors.find((a) => speakers.has(a.name));
    assert.ok(actor, 'an actor who speaks in the highlights');
    await driver.clickInUi(`li.actor[data-actor-id="${actor.id}"] .name`);
    const dimmed = await until('dimmed marks', async () => { const d = await driver.evaluate(readDimmed); return d.some((m) => m.dimmed) && d; });
    for (const mark of dimmed) assert.strictEqual(mark.dimmed, mark.speaker !== actor.name, `${mark.speaker} vs filter ${actor.name}`);
    await driver.screenshot(`${label}-filtered`);
    await driver.clickInUi(`li.actor[data-actor-id="${actor.id}"] .name`);
    await until('the filter to clear', async () => (await driver.evaluate(readDimmed)).every((m) => !m.dimmed));
  });

  if (driver.download) {
    await check('exports the analysis as JSON and as Markdown citing title and URL', async () => {
      const json = JSON.parse((await driver.download('button[data-action="export:json"]')).text);
      assert.strictEqual(json.quotes.length, analysis.quotes.length, 'quotes in the JSON export');
      // Backslash escapes are Markdown syntax, not text ("a \\| b" reads "a | b").
      const markdown = (await driver.download('button[data-action="export:markdown"]')).text.replace(/\\([!-\/:-@[-`{-~])/g, '$1');
      const title = await driver.evaluate(() => document.title);
      assert.ok(markdown.includes(title), 'Markdown cites the title');
      assert.ok(markdown.includes(url), 'Markdown cites the URL');
    });
  }

  await check("toggling off restores the page's DOM exactly", async () => {
    const answer = await driver.toggle();
    if (answer) assert.strictEqual(answer.active, false, JSON.stringify(answer));
    assert.strictEqual((await driver.evaluate(readMarks)).count, 0, 'no highlights left');
    assertSameDom(original, await driver.evaluate(readPage));
  });

  await check('toggles on and off again (the loader is already in the page)', async () => {
    const again = await driver.toggle();
    if (again) assert.strictEqual(again.active, true);
    // On a mismatch, say which quotes differ: this failed once, under heavy load, unexplained.
    const drawn = (await driver.evaluate(readMarks)).quotes;
    const texts = (quotes) => quotes.map((q) => `${q.index}:${q.text.slice(0, 40)}`).join(' | ');
    assert.strictEqual(drawn.length, shown.quotes.length, `drawn again: ${texts(drawn)}; first: ${texts(shown.quotes)}; answer ${JSON.stringify(again)}`);
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });

  await check("the panel's × turns QuoteLens off, the button's badge follows, the page is restored", async () => {
    await driver.toggle();
    assert.strictEqual(await driver.badgeText(), 'on');
    await driver.clickInUi('button.close');
    await until('the badge to go off', async () => (await driver.badgeText()) === '');
    assert.strictEqual((await driver.evaluate(readMarks)).hosts, 0, 'no panel left');
    assertSameDom(original, await driver.evaluate(readPage));
    const again = await driver.toggle();
    if (again) assert.strictEqual(again.active, true, 'the next click turns it on, not off');
    assert.strictEqual(await driver.badgeText(), 'on');
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// A dark page: the palette for dark backgrounds, every colour standing out on it; then forced
// colours, where the highlights keep an underline in a system colour.
async function darkPage(results, driver, { label, url }) {
  const check = (name, fn) => results.check(`${driver.name} ${label}: ${name}`, fn);
  let original;
  const drawn = await check('QuoteLens draws on a dark page', async () => {
    await driver.open(url);
    original = await driver.evaluate(readPage);
    await driver.toggle();
    assert.ok((await driver.evaluate(readMarks)).quotes.length >= 5, 'the quotes drawn');
    return true;
  });
  if (!drawn) return;
  await check('every speaker colour stands out on the dark page (contrast at least 3:1)', async () => {
    const palette = await driver.evaluate(readPaletteContrast);
    console.log(`        on ${palette.background}: ${palette.colours.map((c, k) => `${c} ${palette.ratios[k].toFixed(1)}`).join(', ')}`);
    assert.strictEqual(palette.onDark, true, 'the palette for dark backgrounds');
    assert.ok(palette.ratios.every((r) => r >= 3), JSON.stringify(palette));
    await driver.screenshot(`${label}-highlights`);
  });
  await check('with forced colours the highlights keep an underline in a system colour', async () => {
    await driver.forceColors(true);
    try {
      const forced = await until('forced colours', async () => { const f = await driver.evaluate(readForcedHighlight); return f.forced && f; });
      console.log(`        forced: ${JSON.stringify(forced)}`);
      assert.match(forced.line, /underline/);
      assert.ok(forced.thickness >= 3, `underline ${forced.thickness}px`);
      assert.notStrictEqual(forced.colour, forced.background, 'the underline differs from the background');
      await driver.screenshot(`${label}-forced-colors`);
    } finally {
      await driver.forceColors(false);
    }
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// The keys: N and P from quote to quote in reading order, Enter from a quote to its entry and
// back, Escape hiding the tooltip and then closing QuoteLens (the button's badge follows).
async function keyboard(results, driver, { label, url, analysis }) {
  const check = (name, fn) => results.check(`${driver.name} ${label}: ${name}`, fn);
  const speech = analysis.quotes.map((q, index) => ({ ...q, index })).filter((q) => q.kind === 'speech')
    .sort((a, b) => a.span.block - b.span.block || a.span.start_utf16 - b.span.start_utf16).map((q) => q.index);
  await check('N and P go from quote to quote in reading order, showing each tooltip', async () => {
    await driver.open(url);
    const original = await driver.evaluate(readPage);
    await driver.toggle();
    await driver.evaluate(() => document.activeElement?.blur());
    await driver.press('n');
    let focus = await until('the first quote focused', async () => { const f = await driver.evaluate(readFocus); return f.quote !== null && f; });
    assert.strictEqual(focus.quote, speech[0]);
    assert.ok(focus.tooltip, 'its tooltip');
    await driver.press('n');
    focus = await until('the second quote', async () => { const f = await driver.evaluate(readFocus); return f.quote !== speech[0] && f; });
    assert.strictEqual(focus.quote, speech[1]);
    await driver.press('p');
    focus = await until('back to the first', async () => { const f = await driver.evaluate(readFocus); return f.quote === speech[0] && f; });
    await driver.press('p');
    focus = await until('round to the last', async () => { const f = await driver.evaluate(readFocus); return f.quote === speech.at(-1) && f; });

    await driver.press('Enter');
    focus = await until("the quote's entry in the panel", async () => { const f = await driver.evaluate(readFocus); return f.control && f; });
    assert.strictEqual(focus.control, `quote:${speech.at(-1)}`);
    await driver.press('Enter');
    focus = await until('back to the quote', async () => { const f = await driver.evaluate(readFocus); return f.quote !== null && f; });
    assert.strictEqual(focus.quote, speech.at(-1));
    assert.ok(focus.tooltip, 'its tooltip again');

    await driver.press('Escape');
    await until('the tooltip to hide', async () => !(await driver.evaluate(readFocus)).tooltip);
    assert.strictEqual((await driver.evaluate(readMarks)).hosts, 1, 'the first Escape only hides the tooltip');
    await driver.press('Escape');
    await until('QuoteLens to close', async () => (await driver.evaluate(readMarks)).hosts === 0);
    await until('the badge to go off', async () => (await driver.badgeText()) === '');
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// The interface in French, as a browser whose language is French shows it (the driver's browser
// runs in French): the toolbar title from _locales, the panel, the tooltip and the Markdown export
// from the Rust table.
async function interfaceInFrench(results, driver, { label, url }) {
  const check = (name, fn) => results.check(`${driver.name} ${label}: ${name}`, fn);
  let original;
  const drawn = await check('the toolbar button and the panel speak French', async () => {
    await driver.open(url);
    original = await driver.evaluate(readPage);
    await driver.toggle();
    assert.strictEqual(await driver.actionTitle(), 'QuoteLens : qui a dit quoi');
    const ui = await until('the summary once drawn', async () => { const u = await driver.evaluate(readInterfaceText); return / paragraphes\.$/.test(u?.summary) && u; });
    console.log(`        ${ui.title} | ${ui.summary} | ${ui.keys}`);
    assert.strictEqual(ui.lang, 'fr');
    assert.strictEqual(ui.title, 'QuoteLens : qui a dit quoi');
    assert.match(ui.summary, /^\d+ citations de \d+ personnes, \d+ propos rapportés dans \d+ paragraphes\.$/);
    assert.match(ui.keys, /^Touches : N et P/);
    assert.strictEqual(ui.close, 'Fermer QuoteLens');
    assert.deepStrictEqual(ui.exports, ['Exporter en JSON', 'Exporter en Markdown']);
    assert.strictEqual(ui.copy, 'Copier');
    // The article is English, as the page declares: its button is the one pressed.
    assert.deepStrictEqual(ui.textLanguages.filter((l) => l.pressed).map((l) => l.code), ['en']);
    await driver.screenshot(`${label}-panel`);
    return true;
  });
  if (!drawn) return;
  await check('the tooltip speaks French', async () => {
    const selector = 'quotelens-mark[tabindex="0"]';
    await driver.evaluate(scrollToMark, selector);
    await driver.hover(selector);
    const ui = await until('the tooltip', async () => { const u = await driver.evaluate(readInterfaceText); return u.tooltipHint && (await driver.evaluate(readUi)).tooltip.shown && u; });
    assert.deepStrictEqual(ui.tooltipLabels, ['Introduit par', 'Attribution']);
    assert.strictEqual(ui.tooltipHint, 'C la copie avec son auteur et sa source.');
    await driver.screenshot(`${label}-tooltip`);
    await driver.moveAway();
  });
  if (driver.download) {
    await check("the Markdown export's headings are French", async () => {
      const markdown = (await driver.download('button[data-action="export:markdown"]')).text;
      assert.match(markdown, /^# Qui a dit quoi : .+\n\nSource : \[/);
      assert.match(markdown, /\d+ citations et \d+ propos rapportés, trouvés par QuoteLens\./);
    });
  }
  await check('toggling off restores the page', async () => {
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });
  await check('the settings page speaks French', async () => {
    await driver.openOptions();
    const options = await driver.evaluate(readOptions);
    assert.strictEqual(options.heading, 'Réglages de QuoteLens');
    assert.strictEqual(await driver.evaluate(() => document.getElementById('no-sites').textContent), 'Aucun site pour l’instant.');
    await driver.screenshot(`${label}-options`);
  });
}

// A French article on a page that declares English: read as English no speaker is found; the
// panel's "Français" reads it again as French, and the speakers appear.
async function wrongTextLanguage(results, driver, { label, url }) {
  await results.check(`${driver.name} ${label}: the panel's language buttons read the text again in the chosen language`, async () => {
    await driver.open(url);
    const original = await driver.evaluate(readPage);
    await driver.toggle();
    const speakers = async () => (await driver.evaluate(readMarks)).quotes.map((q) => q.speaker);
    const asDeclared = await until('the quotes drawn', async () => { const s = await speakers(); return s.length === 3 && s; });
    assert.deepStrictEqual(asDeclared, ['', '', ''], 'read as English, the French cues say nothing');
    const pressed = async () => (await driver.evaluate(readInterfaceText)).textLanguages.filter((l) => l.pressed).map((l) => l.code);
    assert.deepStrictEqual(await pressed(), ['en']);
    await driver.clickInUi('button[data-action="analyse:fr"]');
    const asFrench = await until('the speakers', async () => { const s = await speakers(); return s.every(Boolean) && s.length === 3 && s; });
    assert.deepStrictEqual(asFrench, ['Marie Lefèvre', 'Thomas Girard', 'Anne Roux']);
    assert.deepStrictEqual(await pressed(), ['fr']);
    const names = (await driver.evaluate(readUi)).actors.map((a) => a.name).sort();
    assert.deepStrictEqual(names, ['Anne Roux', 'Marie Lefèvre', 'Thomas Girard']);
    await driver.screenshot(`${label}-french`);
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// "Who said this?" on two entries of a live blog: only their quotes are highlighted, with their
// speakers; the toolbar button then turns QuoteLens off and the page is as it was.
async function whoSaidThis(results, driver, { label, url }) {
  await results.check(`${driver.name} ${label}: "Who said this?" on a selection reads and highlights only the selection`, async () => {
    await driver.open(url);
    const original = await driver.evaluate(readPage);
    assert.ok((await driver.evaluate(selectBetween, ['#entry-2', '#entry-3'])) > 0, 'text selected');
    await driver.whoSaidThis('#entry-2 p');
    const quotes = await until('the quotes highlighted', async () => { const q = await driver.evaluate(readQuotesByEntry); return q.length > 0 && q; });
    assert.deepStrictEqual(quotes, [{ speaker: 'Carla Diaz', entry: 'entry-2' }, { speaker: 'Luis Romero', entry: 'entry-3' }]);
    const ui = await until('the summary', async () => { const u = await driver.evaluate(readUi); return /paragraphs\.$/.test((await driver.evaluate(readAnnouncement)).summary) && u; });
    assert.deepStrictEqual(ui.actors.map((a) => a.name).sort(), ['Carla Diaz', 'Luis Romero']);
    assert.match((await driver.evaluate(readAnnouncement)).summary, /^2 quotes from 2 speakers/);
    assert.strictEqual(await driver.evaluate(() => getSelection().isCollapsed), true, 'the selection gives way to the highlights');
    assert.strictEqual(await driver.badgeText(), 'on');
    await driver.screenshot(`${label}-selection`);
    await driver.toggle();
    assert.strictEqual(await driver.badgeText(), '');
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// The settings page as the reader sees it: the sites listed, the choices made, the shortcut.
function readOptions() {
  return {
    sites: [...document.querySelectorAll('#sites .site')].map((s) => s.textContent),
    none: !document.getElementById('no-sites').hidden,
    palette: document.getElementById('palette').value,
    textLanguage: document.getElementById('text-language').value,
    shortcut: document.getElementById('shortcut').textContent,
    heading: document.querySelector('h1').textContent,
  };
}

function chooseOption([id, value]) {
  const select = document.getElementById(id);
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

function removeFirstSite() {
  document.querySelector('#sites button').click();
}

// "Always run on this site", then the site's pages drawn on load, the settings page listing the
// site and holding the colours and language the pages are drawn with, and the site removed.
async function alwaysRun(results, driver, { label, url }) {
  const check = (name, fn) => results.check(`${driver.name} ${label}: ${name}`, fn);
  const drawnByItself = async () => {
    await driver.open(url);
    return until('QuoteLens drawn on load', async () => (await driver.evaluate(readMarks)).count > 0 && (await driver.badgeText()) === 'on', 10000);
  };
  const remembered = await check('"Always run on this site" draws the page and remembers the site', async () => {
    await driver.open(url);
    await driver.alwaysRunOnThisSite();
    await until('the highlights', async () => (await driver.evaluate(readMarks)).count > 0);
    assert.strictEqual(await driver.badgeText(), 'on');
    return true;
  });
  if (!remembered) return;
  await check("the site's pages are drawn on load, with no click", drawnByItself);
  await check('the settings page lists the site and gives the shortcut', async () => {
    await driver.openOptions();
    const options = await driver.evaluate(readOptions);
    console.log(`        settings: ${JSON.stringify(options)}`);
    assert.deepStrictEqual(options.sites, [new URL(url).hostname]);
    assert.strictEqual(options.heading, 'QuoteLens settings');
    assert.deepStrictEqual([options.palette, options.textLanguage], ['auto', '']);
    assert.strictEqual(options.shortcut, 'Alt+Shift+Q');
    await driver.screenshot(`${label}-options`);
  });
  await check('the colours and the text language chosen there are the ones pages are drawn with', async () => {
    await driver.evaluate(chooseOption, ['palette', 'dark']);
    await driver.evaluate(chooseOption, ['text-language', 'fr']);
    await drawnByItself();
    const ui = await driver.evaluate(readInterfaceText);
    assert.deepStrictEqual(ui.textLanguages.filter((l) => l.pressed).map((l) => l.code), ['fr']);
    assert.strictEqual((await driver.evaluate(readPaletteContrast)).onDark, true, 'the palette for dark pages on a light page');
    await driver.openOptions();
    await driver.evaluate(chooseOption, ['palette', 'auto']);
    await driver.evaluate(chooseOption, ['text-language', '']);
  });
  await check('a site removed there is no longer drawn by itself', async () => {
    await driver.evaluate(removeFirstSite);
    await until('the list emptied', async () => (await driver.evaluate(readOptions)).none);
    await driver.open(url);
    const original = await driver.evaluate(readPage);
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual((await driver.evaluate(readMarks)).hosts, 0, 'nothing drawn');
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

// Pages where there is nothing to draw: the sidebar says so, and toggling off restores the page.
async function messagePage(results, driver, { label, url, message }) {
  await results.check(`${driver.name} ${label}: says "${message}"`, async () => {
    await driver.open(url);
    const original = await driver.evaluate(readPage);
    await driver.toggle();
    const ui = await until('the sidebar', () => driver.evaluate(readUi));
    assert.strictEqual(ui.message, message);
    assert.strictEqual((await driver.evaluate(readMarks)).count, 0);
    await driver.screenshot(`${label}-message`);
    await driver.toggle();
    assertSameDom(original, await driver.evaluate(readPage));
  });
}

function assertSameDom(original, now) {
  assert.ok(now.html === original.html, `DOM differs after toggle off: ${firstDifference(original.html, now.html)}`);
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: expected …${JSON.stringify(a.slice(Math.max(0, i - 60), i + 60))}… got …${JSON.stringify(b.slice(Math.max(0, i - 60), i + 60))}…`;
}

// Every scenario for one browser. `strictEngine` is the engine expected under the strict CSP.
async function runAll(results, driver, { origin, analysis, blocks, strictEngine }) {
  await seedArticle(results, driver, { label: 'seed', url: `${origin}/pages/seed/`, analysis, blocks, expectEngine: 'wasm' });
  await seedArticle(results, driver, { label: 'seed-strict-csp', url: `${origin}/strict/pages/seed/`, analysis, blocks, expectEngine: strictEngine });
  await seedArticle(results, driver, { label: 'seed-locked-csp', url: `${origin}/locked/pages/seed/`, analysis, blocks, expectEngine: strictEngine });
  await darkPage(results, driver, { label: 'dark', url: `${origin}/fixtures/dark.html` });
  await keyboard(results, driver, { label: 'seed-keys', url: `${origin}/pages/seed/`, analysis });
  await wrongTextLanguage(results, driver, { label: 'wrong-language', url: `${origin}/fixtures/wrong-language.html` });
  await whoSaidThis(results, driver, { label: 'live-blog', url: `${origin}/fixtures/live-blog.html` });
  await alwaysRun(results, driver, { label: 'always-run', url: `${origin}/pages/seed/` });
  await messagePage(results, driver, { label: 'no-article', url: `${origin}/fixtures/no-article.html`, message: 'No article found on this page.' });
  await messagePage(results, driver, { label: 'no-quotes', url: `${origin}/strict/fixtures/no-quotes.html`, message: 'No quotes found in this article.' });
}

module.exports = { runAll, interfaceInFrench, readPage, readMarks, readUi, until, normalise };
