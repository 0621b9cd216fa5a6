// The demo page (dist/www, built from www/) in headless Chromium, served from 127.0.0.1 by the
// same server `./build.sh serve` runs: it loads offline, picks the seed sample and shows its
// highlights, tooltip, sidebar, figures and exports as the Rust view draws them; a pasted text
// with two speakers; pasted hostile text stays text. Prints `N passed, M failed`; exits non-zero
// on any failure.   node tests/e2e/www.js
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { Results, assert } = require('./lib/harness');
const { ROOT, DIST, CLI, SEED_PAGE, ARTIFACTS, TOOLS } = require('./lib/paths');
const { readMarks, readUi, until, normalise } = require('./scenario');
const { ARGS } = require('./chromium');
const serve = require('../../www/tools/serve');

const { chromium } = require(path.join(TOOLS, 'playwright-core'));

const WWW = path.join(DIST, 'www');
// Two invented people, one cue after the quote and one before it.
const TWO_SPEAKERS = [
  '“We will not close the clinic while I am mayor,” Maria Lopez said on Tuesday.',
  'Tom Baker told reporters: “The budget does not add up, and the council knows it.”',
].join('\n\n');
// Markup and script in pasted input: shown as text, or kept as text only; never run or rendered.
const HOSTILE_TEXT = '“Nothing here runs,” Ada Quill said. <img src=x onerror="window.__quotelensPwned = 1"><script>window.__quotelensPwned = 2</script>';
const HOSTILE_HTML = '<p onclick="window.__quotelensPwned = 3">“Nothing here runs,” <b>Ada Quill</b> said.<img src=x onerror="window.__quotelensPwned = 1"></p><script>window.__quotelensPwned = 2</script>';
// The page's Content-Security-Policy reports the inline styles and handlers of pasted HTML while
// the view parses it (into an inert document): blocked by design, not failures.
const BLOCKED_BY_CSP = /^(Applying inline style|Executing inline event handler) violates the following Content Security Policy/;

// --- Page-side reads (run in the page) ---

function readFigures() {
  const text = (id) => document.getElementById(id).textContent.trim();
  return {
    quotes: text('stat-quotes'), actors: text('stat-actors'), positions: text('stat-positions'), time: text('stat-time'),
    status: text('status'), error: document.getElementById('error').hidden ? '' : text('error'),
    busy: document.getElementById('results').getAttribute('aria-busy'),
  };
}

// Whether the extension's highlight styles and the view's shadow stylesheet both apply here.
function readStyling() {
  const mark = document.querySelector('quotelens-mark');
  const sidebar = document.querySelector('quotelens-root').shadowRoot.getElementById('sidebar');
  return { markLine: getComputedStyle(mark).textDecorationLine, sidebarDisplay: getComputedStyle(sidebar).display };
}

function readPositions() {
  const root = document.querySelector('quotelens-root').shadowRoot;
  return root.querySelectorAll('button.position').length;
}

// --- Helpers ---

async function analysed(page, before) {
  return until('the analysis to finish', async () => {
    const figures = await page.evaluate(readFigures);
    return figures.busy === 'false' && figures.status !== before && (figures.quotes !== '–' || figures.error) ? figures : null;
  }, 15000);
}

async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator('quotelens-root').locator(selector).click()]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

async function pasteAndAnalyse(page, text) {
  const before = (await page.evaluate(readFigures)).status;
  await page.fill('#input', text);
  await page.click('#analyse');
  return analysed(page, before);
}

async function run(results, page, origin, analysis) {
  const offsite = [];
  const errors = [];
  page.on('request', (request) => { if (!request.url().startsWith(`${origin}/`)) offsite.push(request.url()); });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error' && !BLOCKED_BY_CSP.test(message.text())) errors.push(message.text()); });

  const loaded = await results.check('www: the page loads its module and lists the samples', async () => {
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.waitForSelector('#analyse:not([disabled])', { timeout: 10000 });
    const samples = await page.$$eval('#samples button', (buttons) => buttons.map((b) => b.dataset.sample));
    assert.ok(samples.includes('seed'), `samples: ${samples.join(', ')}`);
    assert.ok(samples.length >= 4, `the seed and a few real pages: ${samples.join(', ')}`);
    return true;
  });
  if (!loaded) return;

  const seed = await results.check('www: picking the seed sample draws its article', async () => {
    await page.click('#samples button[data-sample="seed"]');
    const figures = await analysed(page, '');
    assert.strictEqual(figures.error, '');
    const marks = await page.evaluate(readMarks);
    assert.strictEqual(marks.hosts, 1, 'one <quotelens-root>');
    assert.ok(marks.count > 0, 'highlights drawn');
    assert.strictEqual(await page.$eval('#samples button[data-sample="seed"]', (b) => b.getAttribute('aria-current')), 'true');
    return { figures, marks };
  });
  if (seed) {
    await results.check('www seed: highlights are the speech quotes of the command line\'s analysis, with their speakers', () => {
      const expected = analysis.quotes.filter((q) => q.kind === 'speech').map((q) => ({ text: normalise(q.text), speaker: q.speaker ?? '' }));
      const drawn = seed.marks.quotes.sort((a, b) => a.index - b.index).map((q) => ({ text: normalise(q.text), speaker: q.speaker }));
      assert.deepStrictEqual(drawn, expected);
    });

    await results.check('www seed: quotes by John Kirby and John Kerry are highlighted in speaker colours', async () => {
      for (const name of ['John Kirby', 'John Kerry']) {
        const quotes = seed.marks.quotes.filter((q) => q.speaker === name);
        assert.ok(quotes.length > 0, `no highlight for ${name}`);
        for (const quote of quotes) assert.ok(quote.classes.every((c) => /\bquotelens-mark\b/.test(c) && /\bquotelens-speaker-\d+\b/.test(c)), quote.classes.join(' | '));
      }
      const kirby = seed.marks.quotes.find((q) => q.speaker === 'John Kirby').classes[0];
      const kerry = seed.marks.quotes.find((q) => q.speaker === 'John Kerry').classes[0];
      assert.notStrictEqual(kirby, kerry, 'two speakers, two colours');
      const styling = await page.evaluate(readStyling);
      assert.deepStrictEqual(styling, { markLine: 'underline', sidebarDisplay: 'flex' }, 'highlight and sidebar styles apply');
    });

    await results.check('www seed: the sidebar lists the actors with their positions and both exports', async () => {
      const ui = await page.evaluate(readUi);
      const names = ui.actors.map((a) => a.name);
      for (const name of ['John Kirby', 'John Kerry', 'Jen Pskai']) assert.ok(names.includes(name), `sidebar: ${names.join(', ')}`);
      assert.ok(ui.actors.every((a) => a.positions.length > 0), 'every actor links to a position');
      assert.deepStrictEqual(ui.exports.sort(), ['json', 'markdown']);
      assert.strictEqual(ui.sidebar.shown, true, 'sidebar visible');
    });

    await results.check('www seed: the figures show the counts and the time of the analysis', async () => {
      const { figures, marks } = seed;
      const ui = await page.evaluate(readUi);
      assert.strictEqual(Number(figures.quotes), marks.quotes.length, 'quotes');
      assert.strictEqual(Number(figures.actors), ui.actors.filter((a) => a.id !== 'unknown').length, 'actors');
      assert.strictEqual(Number(figures.positions), await page.evaluate(readPositions), 'positions');
      assert.match(figures.time, /^\d+(\.\d)? (ms|s)$/);
      assert.match(figures.status, new RegExp(`^${marks.quotes.length} quotes from \\d+ actors`));
      assert.ok(figures.status.includes(`Analysed and highlighted in ${figures.time} (`), figures.status);
      console.log(`        figures: ${figures.quotes} quotes, ${figures.actors} actors, ${figures.positions} positions, ${figures.time}`);
    });

    await results.check('www seed: hovering a highlight shows its speaker in the tooltip', async () => {
      await page.hover('quotelens-mark[data-quotelens-speaker="John Kerry"]');
      const ui = await until('the tooltip', async () => { const u = await page.evaluate(readUi); return u.tooltip.shown && u; });
      assert.strictEqual(ui.tooltip.speaker, 'John Kerry');
      await page.screenshot({ path: path.join(ARTIFACTS, 'www.png'), caret: 'initial' });
      await page.mouse.move(1, 1);
    });

    await results.check('www seed: JSON and Markdown exports download the analysis', async () => {
      const json = await download(page, 'button[data-action="export:json"]');
      const exported = JSON.parse(json.text);
      assert.match(json.name, /\.json$/);
      assert.deepStrictEqual(exported.quotes.map((q) => q.text), analysis.quotes.map((q) => q.text));
      const markdown = await download(page, 'button[data-action="export:markdown"]');
      assert.match(markdown.name, /\.md$/);
      assert.ok(markdown.text.includes('## John Kerry'), markdown.text.slice(0, 300));
    });
  }

  await results.check('www: a pasted text with two speakers highlights both and lists both', async () => {
    const figures = await pasteAndAnalyse(page, TWO_SPEAKERS);
    assert.strictEqual(figures.error, '');
    const marks = await page.evaluate(readMarks);
    assert.deepStrictEqual(marks.quotes.map((q) => q.speaker).sort(), ['Maria Lopez', 'Tom Baker']);
    assert.ok(marks.quotes.find((q) => q.speaker === 'Maria Lopez').text.startsWith('We will not close the clinic'));
    assert.ok(marks.quotes.find((q) => q.speaker === 'Tom Baker').text.startsWith('The budget does not add up'));
    const names = (await page.evaluate(readUi)).actors.map((a) => a.name);
    assert.deepStrictEqual(names.sort(), ['Maria Lopez', 'Tom Baker']);
    assert.deepStrictEqual([figures.quotes, figures.actors, figures.positions], ['2', '2', '2']);
    assert.strictEqual(await page.$$eval('#view article p', (found) => found.length), 2, 'read as text: one paragraph each');
    await page.screenshot({ path: path.join(ARTIFACTS, 'www-paste.png'), caret: 'initial' });
  });

  await results.check('www: pasted markup read as text is shown as text and never runs', async () => {
    await page.click('.segmented label:has(input[value="text"])');
    const figures = await pasteAndAnalyse(page, HOSTILE_TEXT);
    assert.strictEqual(figures.error, '');
    assert.strictEqual(await page.$$eval('#view img, #view script', (found) => found.length), 0, 'no element made from the text');
    assert.ok((await page.textContent('#view article')).includes('<img src=x onerror='), 'the markup is shown as text');
    assert.strictEqual((await page.evaluate(readMarks)).quotes[0]?.speaker, 'Ada Quill');
    assert.strictEqual(await page.evaluate(() => window.__quotelensPwned), undefined);
  });

  await results.check('www: pasted HTML keeps its text, and its scripts and handlers never run', async () => {
    await page.click('.segmented label:has(input[value="html"])');
    await pasteAndAnalyse(page, HOSTILE_HTML);
    assert.strictEqual(await page.$$eval('#view img, #view script, #view [onclick], #view [onerror]', (found) => found.length), 0);
    await page.click('#view article p');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.strictEqual(await page.evaluate(() => window.__quotelensPwned), undefined);
    assert.strictEqual((await page.evaluate(readMarks)).quotes[0]?.speaker, 'Ada Quill');
  });

  await results.check('www: an empty input asks for an article instead of analysing', async () => {
    await page.fill('#input', '   ');
    await page.click('#analyse');
    assert.match((await page.evaluate(readFigures)).error, /Paste an article first/);
  });

  await results.check('www: every sample analyses without an error', async () => {
    const samples = await page.$$eval('#samples button', (buttons) => buttons.map((b) => b.dataset.sample));
    for (const sample of samples) {
      const before = (await page.evaluate(readFigures)).status;
      await page.click(`#samples button[data-sample="${sample}"]`);
      const figures = await analysed(page, before);
      assert.strictEqual(figures.error, '', sample);
      console.log(`        ${sample}: ${figures.quotes} quotes, ${figures.actors} actors, ${figures.positions} positions, ${figures.time}`);
    }
  });

  await results.check('www: the sidebar\'s close button removes the highlights and the figures', async () => {
    await page.locator('quotelens-root').locator('button.close').click();
    const figures = await until('the figures to clear', async () => { const f = await page.evaluate(readFigures); return f.quotes === '–' && f; });
    assert.match(figures.status, /closed/);
    assert.deepStrictEqual(await page.evaluate(readMarks), { count: 0, hosts: 0, quotes: [] });
  });

  await results.check('www: a link to #sample=seed opens with the seed drawn; another #sample= draws that one', async () => {
    await page.goto('about:blank');
    await page.goto(`${origin}/#sample=seed`, { waitUntil: 'load' });
    const figures = await analysed(page, '');
    assert.strictEqual(Number(figures.quotes), analysis.quotes.filter((q) => q.kind === 'speech').length);
    assert.strictEqual(await page.inputValue('#input'), fs.readFileSync(SEED_PAGE, 'utf8'));
    const other = JSON.parse(fs.readFileSync(path.join(WWW, 'samples/index.json'), 'utf8')).samples.at(-1);
    await page.evaluate((id) => { location.hash = `sample=${id}`; }, other.id);
    await analysed(page, figures.status);
    assert.strictEqual(await page.$eval('#samples [aria-current="true"]', (b) => b.dataset.sample), other.id);
    assert.strictEqual(await page.inputValue('#lang'), other.language, 'the sample\'s own language');
  });

  await results.check('www: nothing was requested from anywhere but the page\'s own server', () => {
    assert.deepStrictEqual(offsite, []);
  });

  await results.check('www: no script errors on the page', () => {
    assert.deepStrictEqual([...new Set(errors)], []);
  });
}

async function main() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const results = new Results();
  console.log('\n== the demo page (www/) in headless Chromium');
  const analysis = JSON.parse(execFileSync(CLI, ['analyze', SEED_PAGE], { encoding: 'utf8' }));
  const site = await serve.start(WWW);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quotelens-www-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ARGS,
  });
  try {
    await run(results, context.pages()[0] ?? await context.newPage(), site.origin, analysis);
  } finally {
    await context.close();
    await site.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(`screenshots: ${path.relative(ROOT, path.join(ARTIFACTS, 'www.png'))}, ${path.relative(ROOT, path.join(ARTIFACTS, 'www-paste.png'))}`);
  process.exit(results.summary() ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
