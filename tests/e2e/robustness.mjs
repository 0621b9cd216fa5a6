// The robustness run (issue 6), in headless Chromium with the extension's test build
// (target/e2e/chrome, assembled by ./build.sh test):
// - every page of tests/corpus/pages, served from 127.0.0.1 (requests to other hosts aborted):
//   toggle on, no uncaught error and no console error from the extension, one host and some
//   answer, toggle off restores the DOM exactly; time from toggle to highlights drawn per page,
//   with median, p95 and max;
// - tests/e2e/pages/hostile.html: payloads stay text, page scripts cannot drive the extension,
//   page styles do not reach the UI, no main-thread task over 50 ms;
// - a generated page with 1 MiB of article text (tests/e2e/pages/huge-page.mjs): highlights appear
//   progressively, its long tasks printed against the 50 ms target (PerformanceObserver
//   'longtask'; a figure, not asserted: it varies with the load); and a page
//   nested 1,500 levels deep by its script.
// Prints `N passed, M failed`; exits non-zero on any failure.
//   node tests/e2e/robustness.mjs [--pages name,name…] [--only corpus|hostile|huge|deep,…]
import { createRequire } from 'node:module';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hugePage, deepPage } from './pages/huge-page.mjs';

const require = createRequire(import.meta.url);
const { Results, assert } = require('./lib/harness.js');
const { ROOT, CORPUS } = require('./lib/paths.js');
const { launch, driverFor } = require('./chromium.js');
const { readPage } = require('./scenario.js');

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TEST_BUILD = path.join(ROOT, 'target/e2e/chrome');
const LONG_TASK_MS = 50;
const TOGGLE_TIMEOUT_MS = 60_000;
const DEEP_LEVELS = 1_500; // Chromium's renderer itself crashes between 2,000 and 3,000

// --- The pages: the corpus, the hostile page, and generated ones, from one local server ---

function serve() {
  const generated = { 'huge.html': hugePage(), 'deep.html': deepPage(DEEP_LEVELS) };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let body = null;
    const corpus = url.pathname.match(/^\/pages\/([\w.-]+)\/$/);
    const fixture = url.pathname.match(/^\/e2e\/([\w.-]+\.html)$/);
    const made = url.pathname.match(/^\/generated\/([\w.-]+)$/);
    if (corpus) body = readIfExists(path.join(CORPUS, 'pages', corpus[1], 'source.html'));
    else if (fixture) body = readIfExists(path.join(HERE, 'pages', fixture[1]));
    else if (made) body = generated[made[1]] ?? null;
    if (body === null) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(body);
  });
  return new Promise((ready) =>
    server.listen(0, '127.0.0.1', () =>
      ready({ origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((done) => server.close(done)) }),
    ),
  );
}

function readIfExists(file) {
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

// --- Page-side probes (run in the page's main world) ---

function watchLongTasks() {
  window.__quotelensLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__quotelensLongTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask' });
}

function readDrawn() {
  return {
    hosts: document.querySelectorAll('quotelens-root').length,
    marks: document.querySelectorAll('quotelens-mark[data-quotelens-quote]').length,
    longTasks: window.__quotelensLongTasks ?? [],
  };
}

// --- Measuring one toggle ---

/** Errors the extension caused: console errors from its scripts, panics, uncaught errors in its code. */
function fromExtension(event) {
  const where = `${event.url ?? ''} ${event.stack ?? ''}`;
  return /chrome-extension:\/\//.test(where) || /quotelens|wasm_bindgen|panicked/i.test(event.text);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, fail) => (timer = setTimeout(() => fail(new Error(`${what}: no answer after ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Toggles on while polling how many highlights are drawn, so progressive drawing shows: resolves
 * to {answer, ms (toggle to all drawn), firstMs (toggle to the first highlight), drawn}.
 */
async function toggleOnMeasured(driver, page) {
  await page.evaluate(watchLongTasks);
  const began = Date.now();
  let firstMs = null;
  let done = false;
  const toggled = withTimeout(driver.toggle(), TOGGLE_TIMEOUT_MS, 'toggle on').finally(() => (done = true));
  const polling = (async () => {
    while (!done && firstMs === null) {
      const marks = await page.evaluate(() => document.querySelectorAll('quotelens-mark[data-quotelens-quote]').length).catch(() => 0);
      if (marks > 0) firstMs = Date.now() - began;
      else await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const answer = await toggled;
  const ms = Date.now() - began;
  await polling;
  // Long-task entries arrive after their task ends: give the observer a moment.
  await new Promise((r) => setTimeout(r, 100));
  const drawn = await page.evaluate(readDrawn);
  return { answer, ms, firstMs: Math.min(firstMs ?? ms, ms), drawn };
}

function checkAnswer(answer) {
  assert.ok(answer && typeof answer === 'object', `the page answered ${JSON.stringify(answer)}`);
  assert.ok(!answer.error, `the extension failed: ${answer.error}`);
  assert.strictEqual(answer.active, true, `answer ${JSON.stringify(answer)}`);
}

/** Opens `url` with every non-local request aborted, and collects errors into `events`. */
async function open(page, url) {
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 }).catch(() => page.waitForLoadState('domcontentloaded'));
}

/**
 * The page's DOM once its own scripts have settled (two equal reads 500 ms apart, five tries), and
 * whether it never did: some corpus pages rewrite themselves shortly after load.
 */
async function settled(page) {
  let previous = await page.evaluate(readPage);
  for (let tries = 0; tries < 5; tries++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await page.evaluate(readPage);
    if (now.html === previous.html) return { original: now, changesItself: false };
    previous = now;
  }
  return { original: previous, changesItself: true };
}

// --- The runs ---

async function corpusPages(results, driver, page, events, origin, selected) {
  const names = fs.readdirSync(path.join(CORPUS, 'pages')).filter((n) => !selected || selected.includes(n)).sort();
  const times = [];
  for (const name of names) {
    await results.check(`robustness: ${name}`, async () => {
      await open(page, `${origin}/pages/${name}/`);
      const { original, changesItself } = await settled(page);
      const seen = events.length;
      const on = await toggleOnMeasured(driver, page);
      checkAnswer(on.answer);
      assert.strictEqual(on.drawn.hosts, 1, 'one <quotelens-root> while on');
      const off = await withTimeout(driver.toggle(), TOGGLE_TIMEOUT_MS, 'toggle off');
      assert.ok(!off?.error, `toggling off failed: ${off?.error}`);
      const after = await page.evaluate(readPage);
      const errors = events.slice(seen).filter(fromExtension);
      assert.deepStrictEqual(errors.map((e) => `${e.type}: ${e.text}`), [], 'errors from the extension');
      assert.strictEqual(await page.evaluate(() => document.querySelectorAll('quotelens-root, quotelens-mark[data-quotelens-quote]').length), 0, 'nothing left after toggling off');
      if (changesItself) {
        console.log('        (the page changes its own DOM: exact restoration not comparable; text compared)');
        assert.strictEqual(after.text, original.text, "the page's text after toggling off");
      } else {
        assert.ok(after.html === original.html, `the DOM after toggling off differs from before, first at ${firstDifference(original.html, after.html)}`);
      }
      const longest = Math.max(0, ...on.drawn.longTasks);
      times.push({ name, ms: on.ms, longest });
      console.log(
        `        ${on.ms} ms to all highlights (page: ${fmt(on.answer.ms)} ms, startup ${fmt(on.answer.startupMs)} ms, ${on.answer.engine ?? '?'}); ` +
          `${on.answer.quotes ?? 0} quotes, ${on.answer.blocks ?? 0} blocks, ${on.drawn.marks} marks; longest task ${longest} ms` +
          (on.answer.message ? `; "${on.answer.message}"` : ''),
      );
    });
  }
  if (times.length) {
    const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
    const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    const slowest = [...times].sort((a, b) => b.ms - a.ms).slice(0, 5).map((t) => `${t.name} ${t.ms} ms`).join(', ');
    const tasks = times.filter((t) => t.longest > LONG_TASK_MS);
    console.log(`\n  toggle to highlights drawn over ${times.length} pages: median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${sorted.at(-1)} ms`);
    console.log(`  slowest: ${slowest}`);
    console.log(`  pages with a main-thread task over ${LONG_TASK_MS} ms during the toggle: ${tasks.length}${tasks.length ? ` (${tasks.map((t) => `${t.name} ${t.longest} ms`).join(', ')})` : ''}`);
  }
}

function fmt(x) {
  return typeof x === 'number' ? x.toFixed(1) : '?';
}

function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `character ${i}: before ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 60))}, after ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 60))}`;
}

// Run in the page: what the hostile page and QuoteLens's shadow root hold.
function readHostile() {
  const root = document.querySelector('quotelens-root')?.shadowRoot;
  const tags = root ? [...new Set([...root.querySelectorAll('*')].map((e) => e.localName))] : [];
  const style = (selector) => {
    const el = root?.querySelector(selector);
    if (!el) return null;
    const s = getComputedStyle(el);
    return { fontSize: s.fontSize, color: s.color, letterSpacing: s.letterSpacing, fontFamily: s.fontFamily };
  };
  return {
    pwned: document.documentElement.getAttribute('data-hostile-pwned'),
    log: window.__hostile.log,
    hosts: document.querySelectorAll('quotelens-root').length,
    marks: document.querySelectorAll('quotelens-mark[data-quotelens-quote]').length,
    markText: [...document.querySelectorAll('quotelens-mark[data-quotelens-quote]')].map((m) => m.textContent).join(' '),
    quoteTexts: Object.values(
      [...document.querySelectorAll('quotelens-mark[data-quotelens-quote]')].reduce((quotes, m) => {
        const index = m.getAttribute('data-quotelens-quote');
        quotes[index] = (quotes[index] ?? '') + m.textContent;
        return quotes;
      }, {}),
    ),
    uiText: root?.textContent ?? '',
    tags,
    sidebarStyle: style('#sidebar .name') ?? style('#sidebar'),
    tooltipStyle: style('#tooltip'),
    pageOwn: [document.getElementById('sidebar')?.textContent, document.getElementById('tooltip')?.textContent],
  };
}

async function hostilePage(results, driver, page, events, origin) {
  const check = (name, fn) => results.check(`robustness hostile.html: ${name}`, fn);
  let original, on;
  const opened = await check("the page's attacks on load do not start QuoteLens", async () => {
    await open(page, `${origin}/e2e/hostile.html`);
    await page.evaluate(() => window.__hostile.attack());
    await new Promise((r) => setTimeout(r, 500));
    original = await page.evaluate(readPage);
    const state = await page.evaluate(readHostile);
    assert.strictEqual(state.hosts, 0, 'no QuoteLens before the user asks');
    assert.strictEqual(state.pwned, null, `payload ran: ${state.pwned}`);
    return true;
  });
  if (!opened) return;
  const seen = events.length;
  const drawn = await check('toggle on draws; the payloads stay text', async () => {
    on = await toggleOnMeasured(driver, page);
    checkAnswer(on.answer);
    // Hover and focus every quote, so every tooltip is filled at least once.
    const count = await page.evaluate(() => document.querySelectorAll('quotelens-mark[tabindex="0"]').length);
    for (let i = 0; i < count; i++) {
      const selector = `quotelens-mark[tabindex="0"] >> nth=${i}`;
      // Forced and brief: the sidebar may cover a mark, and the tooltip fills on focus anyway.
      await page.hover(selector, { force: true, timeout: 1000 }).catch(() => {});
      await page.focus(selector, { timeout: 1000 }).catch(() => {});
    }
    const state = await page.evaluate(readHostile);
    console.log(`        ${on.answer.quotes} quotes, ${state.marks} marks; shadow root holds: ${state.tags.join(' ')}`);
    assert.strictEqual(state.pwned, null, `payload ran: ${state.pwned}`);
    assert.deepStrictEqual(state.log.filter((l) => l.startsWith('PWNED')), []);
    assert.ok(state.marks > 0, 'highlights drawn');
    assert.ok(state.markText.includes('<img src=x onerror'), 'a highlighted quote shows its <img onerror> payload as text');
    // The script-made paragraph: lone surrogates and a pair split across nodes, highlighted exactly.
    for (const text of ['Lone \uD800 high and \uDC00 low surrogates,', 'Split pair \uD83D\uDE00 across nodes,']) {
      assert.ok(state.quoteTexts.includes(text), `a highlight of exactly ${JSON.stringify(text)}; highlighted: ${JSON.stringify(state.quoteTexts.filter((t) => /Lone|Split/.test(t)))}`);
    }
    const foreign = state.tags.filter((t) => ['img', 'svg', 'script', 'iframe', 'a', 'b', 'i', 'object', 'embed'].includes(t));
    assert.deepStrictEqual(foreign, [], 'elements from page text inside the UI');
    assert.ok(/onerror|<script>|javascript:/.test(state.uiText), `the sidebar shows the payload text as text (sidebar text: ${JSON.stringify(state.uiText.slice(0, 200))})`);
    return true;
  });
  if (!drawn) return;
  await check("the page's attacks once QuoteLens is drawn do not toggle it off", async () => {
    await page.evaluate(() => window.__hostile.attack());
    await new Promise((r) => setTimeout(r, 800));
    const state = await page.evaluate(readHostile);
    assert.strictEqual(state.hosts, 1, 'QuoteLens still drawn');
    assert.ok(state.marks > 0, 'highlights still drawn');
    const tried = state.log.filter((l) => l.startsWith('postMessage')).length;
    console.log(`        the page tried ${state.log.length} things (${tried} messages); custom elements: ${state.log.filter((l) => l.startsWith('custom')).length} connections`);
  });
  await check("the page's inherited styles do not reach the sidebar or tooltip", async () => {
    const state = await page.evaluate(readHostile);
    assert.ok(state.sidebarStyle, 'the sidebar is there');
    for (const [where, style] of [['sidebar', state.sidebarStyle], ['tooltip', state.tooltipStyle]]) {
      if (!style) continue;
      assert.notStrictEqual(style.fontSize, '40px', `${where} font-size`);
      assert.notStrictEqual(style.color, 'rgb(255, 0, 0)', `${where} colour`);
      assert.notStrictEqual(style.letterSpacing, '5px', `${where} letter-spacing`);
      assert.ok(!/cursive/.test(style.fontFamily), `${where} font-family ${style.fontFamily}`);
    }
  });
  await check(`no main-thread task over ${LONG_TASK_MS} ms while drawing`, () => {
    console.log(`        ${on.ms} ms to all highlights; long tasks: ${JSON.stringify(on.drawn.longTasks)}`);
    assert.deepStrictEqual(on.drawn.longTasks.filter((d) => d > LONG_TASK_MS), []);
  });
  await check("toggle off restores the DOM exactly (the page's own look-alike mark included), no errors from the extension", async () => {
    const off = await withTimeout(driver.toggle(), TOGGLE_TIMEOUT_MS, 'toggle off');
    assert.ok(!off?.error, `toggling off failed: ${off?.error}`);
    const after = await page.evaluate(readPage);
    assert.ok(after.html === original.html, `the DOM differs, first at ${firstDifference(original.html, after.html)}`);
    const errors = events.slice(seen).filter(fromExtension);
    assert.deepStrictEqual(errors.map((e) => `${e.type}: ${e.text}`), []);
  });
}

// `longTasksMeasured`: the page's long tasks are a speed figure, printed against the target rather
// than asserted (on two shared cores they vary with the machine's load).
async function bigPage(results, driver, page, events, origin, { label, url, expectProgressive, expectHighlights = true, longTasksMeasured = false }) {
  const taskRule = longTasksMeasured ? `long tasks measured against ${LONG_TASK_MS} ms` : `drawn without a main-thread task over ${LONG_TASK_MS} ms`;
  await results.check(`robustness ${label}: ${taskRule}${expectProgressive ? ', progressively' : ''}; restored`, async () => {
    await open(page, url);
    const original = await page.evaluate(readPage);
    const seen = events.length;
    const on = await toggleOnMeasured(driver, page);
    checkAnswer(on.answer);
    const tasks = on.drawn.longTasks;
    console.log(
      `        first highlight after ${on.firstMs} ms, all ${on.drawn.marks} marks after ${on.ms} ms (page: ${fmt(on.answer.ms)} ms); ` +
        `${on.answer.quotes} quotes, ${on.answer.actors} actors, ${on.answer.blocks} blocks; ` +
        `long tasks: ${tasks.length} (longest ${Math.max(0, ...tasks)} ms: ${JSON.stringify(tasks)})`,
    );
    console.log(`        the page's answer: ${JSON.stringify(on.answer)}`);
    const off = await withTimeout(driver.toggle(), TOGGLE_TIMEOUT_MS, 'toggle off');
    assert.ok(!off?.error, `toggling off failed: ${off?.error}`);
    const after = await page.evaluate(readPage);
    const errors = events.slice(seen).filter(fromExtension);
    assert.deepStrictEqual(errors.map((e) => `${e.type}: ${e.text}`), [], 'errors from the extension');
    assert.ok(after.html === original.html, `the DOM after toggling off differs, first at ${firstDifference(original.html, after.html)}`);
    if (expectHighlights) assert.ok(on.drawn.marks > 0, 'highlights drawn');
    if (expectProgressive) assert.ok(on.firstMs < on.ms, `the first highlights appear before the last (${on.firstMs} vs ${on.ms} ms)`);
    const over = tasks.filter((d) => d > LONG_TASK_MS);
    if (longTasksMeasured) console.log(`        target: no task over ${LONG_TASK_MS} ms: ${over.length ? `MISSED (${JSON.stringify(over)} ms)` : 'met'}`);
    else assert.deepStrictEqual(over, [], `main-thread tasks over ${LONG_TASK_MS} ms`);
  });
}

async function main() {
  const option = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1].split(',') : null);
  const pages = option('--pages');
  const parts = new Set(option('--only') ?? ['corpus', 'hostile', 'huge', 'deep']);
  assert.ok(fs.existsSync(TEST_BUILD), `${TEST_BUILD} missing: ./build.sh test assembles it`);
  const results = new Results();
  const site = await serve();
  const browser = await launch(TEST_BUILD);
  const { page } = browser;
  const events = [];
  page.on('console', (message) => {
    if (message.type() === 'error') events.push({ type: 'console.error', text: message.text(), url: message.location()?.url });
  });
  page.on('pageerror', (error) => events.push({ type: 'uncaught', text: String(error?.message ?? error), stack: error?.stack }));
  // Nothing leaves the machine: the corpus pages' third-party resources are refused at once.
  await page.route((url) => /^https?:$/.test(url.protocol) && url.hostname !== '127.0.0.1', (route) => route.abort());
  const driver = driverFor(browser, 'chromium');
  try {
    if (parts.has('corpus')) {
      console.log('\n== robustness: the corpus pages in headless Chromium with the extension');
      await corpusPages(results, driver, page, events, site.origin, pages);
    }
    console.log('\n== robustness: hostile and huge pages');
    if (parts.has('hostile')) await hostilePage(results, driver, page, events, site.origin);
    if (parts.has('huge')) {
      await bigPage(results, driver, page, events, site.origin, { label: 'generated 1 MiB article', url: `${site.origin}/generated/huge.html`, expectProgressive: true, longTasksMeasured: true });
    }
    if (parts.has('deep')) {
      await bigPage(results, driver, page, events, site.origin, {
        label: `page nested ${DEEP_LEVELS} levels deep`,
        url: `${site.origin}/generated/deep.html`,
        expectProgressive: false,
        // Pathological, not news: a clear answer without freezing or breaking the page is enough.
        expectHighlights: false,
      });
    }
  } finally {
    await browser.context.close().catch(() => {});
    await site.close();
  }
  process.exit(results.summary() ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
