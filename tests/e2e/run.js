// The end-to-end tests: the loader and both engines in Node, then the extension in headless
// Chromium and Firefox on pages served from 127.0.0.1. Prints `N passed, M failed`; exits non-zero
// on any failure.   node tests/e2e/run.js [--only chromium|firefox|engines]
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { Results, assert } = require('./lib/harness');
const { ROOT, DIST, CLI, SEED_PAGE, ARTIFACTS } = require('./lib/paths');
const server = require('./lib/server');
const scenario = require('./scenario');

// Chromium's test build: the shipped files plus a host permission for 127.0.0.1 (build.sh test_e2e).
const CHROME_TEST_BUILD = path.join(ROOT, 'target/e2e/chrome');

async function shippedManifests(results) {
  console.log('\n== shipped manifests');
  for (const browser of ['chrome', 'firefox']) {
    await results.check(`${browser}: activeTab, scripting, contextMenus and storage; host access only optional, asked per site`, () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(DIST, browser, 'manifest.json'), 'utf8'));
      assert.deepStrictEqual(manifest.permissions, ['activeTab', 'scripting', 'contextMenus', 'storage']);
      assert.strictEqual(manifest.host_permissions, undefined, 'no host access at install');
      assert.deepStrictEqual(manifest.optional_host_permissions, ['http://*/*', 'https://*/*']);
      assert.strictEqual(manifest.optional_permissions, undefined);
      assert.strictEqual(manifest.content_scripts, undefined, 'nothing runs on pages until the user asks');
      for (const size of [16, 32, 48, 128]) assert.ok(fs.existsSync(path.join(DIST, browser, manifest.icons[size])), `icon ${size}`);
    });
    await results.check(`${browser}: every interface language has every message of the default one`, () => {
      const locales = path.join(DIST, browser, '_locales');
      const keys = (code) => Object.keys(JSON.parse(fs.readFileSync(path.join(locales, code, 'messages.json'), 'utf8'))).sort();
      assert.deepStrictEqual(fs.readdirSync(locales).sort(), ['de', 'en', 'es', 'fr', 'pt']);
      for (const code of ['de', 'es', 'fr', 'pt']) assert.deepStrictEqual(keys(code), keys('en'), code);
    });
  }
}

async function chromium(results, context) {
  console.log('\n== Chromium (headless, playwright-core)');
  const { launch, driverFor } = require('./chromium');
  const browser = await results.check('chromium: launches with the extension loaded', () => launch(CHROME_TEST_BUILD));
  if (!browser) return;
  try {
    const driver = driverFor(browser);
    await results.check('chromium: the toolbar action\'s listener toggles the page on and off', async () => {
      await driver.open(`${context.origin}/pages/seed/`);
      const original = await driver.evaluate(scenario.readPage);
      assert.strictEqual(await driver.clickAction(), 'on');
      assert.ok((await driver.evaluate(scenario.readMarks)).count > 0, 'highlights drawn');
      assert.strictEqual(await driver.clickAction(), '');
      assert.deepStrictEqual(await driver.evaluate(scenario.readPage), original);
    });
    await results.check('chromium: a page cannot fetch the extension\'s files by its id (use_dynamic_url)', async () => {
      // (URL#origin is "null" for chrome-extension: URLs in Node.)
      const wasmUrl = browser.worker.url().replace(/[^/]+$/, 'quotelens_bg.wasm');
      assert.match(wasmUrl, /^chrome-extension:\/\/[a-p]{32}\/quotelens_bg\.wasm$/);
      const status = await driver.evaluate((url) => fetch(url).then((r) => r.status, () => 'refused'), wasmUrl);
      assert.notStrictEqual(status, 200, `the page fetched ${wasmUrl}`);
    });
    await scenario.runAll(results, driver, { ...context, strictEngine: 'wasm2js' });
  } finally {
    await browser.context.close();
  }
}

// The shipped Chrome build, without the test build's host permission: nothing but the user's click
// (activeTab) may let it into a page, so a call without one must be refused and change nothing.
async function chromiumShipped(results, context) {
  const { launch, driverFor } = require('./chromium');
  const browser = await results.check('chromium: the shipped build loads', () => launch(path.join(DIST, 'chrome')));
  if (!browser) return;
  try {
    const driver = driverFor(browser);
    await results.check('chromium: the shipped build cannot enter a page without the user\'s click', async () => {
      await driver.open(`${context.origin}/pages/seed/`);
      const original = await driver.evaluate(scenario.readPage);
      const tabId = await browser.worker.evaluate(async () => (await chrome.tabs.query({ active: true }))[0]?.id);
      const outcome = await browser.worker.evaluate((id) => globalThis.quotelens.toggle(id).then(() => 'drawn', (e) => e.message), tabId);
      assert.match(outcome, /Cannot access contents of the page|permission/i);
      assert.deepStrictEqual(await driver.evaluate(scenario.readPage), original);
    });
  } finally {
    await browser.context.close();
  }
}

// The interface in French: the browser started in French, as its users have it.
async function chromiumInFrench(results, context) {
  const { launch, driverFor } = require('./chromium');
  const browser = await results.check('chromium: starts in French with the extension loaded', () => launch(CHROME_TEST_BUILD, { language: 'fr' }));
  if (!browser) return;
  try {
    await scenario.interfaceInFrench(results, driverFor(browser, 'chromium-fr'), { label: 'seed-fr', url: `${context.origin}/pages/seed/` });
  } finally {
    await browser.context.close();
  }
}

async function firefoxInFrench(results, context) {
  const { launch, driverFor } = require('./firefox');
  const browser = await results.check('firefox: starts in French with the add-on installed', () => launch(path.join(DIST, 'quotelens-firefox.xpi'), { locale: 'fr' }));
  if (!browser) return;
  try {
    await scenario.interfaceInFrench(results, { ...driverFor(browser), name: 'firefox-fr' }, { label: 'seed-fr', url: `${context.origin}/pages/seed/` });
  } finally {
    await browser.close();
  }
}

async function firefox(results, context) {
  console.log('\n== Firefox (headless, geckodriver)');
  const { launch, driverFor } = require('./firefox');
  const browser = await results.check('firefox: starts with the add-on installed temporarily', () => launch(path.join(DIST, 'quotelens-firefox.xpi')));
  if (!browser) return;
  try {
    const driver = driverFor(browser);
    await results.check('firefox: the keyboard shortcut (Alt+Shift+Q) toggles the page on and off', async () => {
      await driver.open(`${context.origin}/pages/seed/`);
      const original = await driver.evaluate(scenario.readPage);
      assert.strictEqual(await driver.pressShortcut(), 'on');
      assert.ok((await driver.evaluate(scenario.readMarks)).count > 0, 'highlights drawn');
      assert.strictEqual(await driver.pressShortcut(), '');
      assert.deepStrictEqual(await driver.evaluate(scenario.readPage), original);
    });
    await scenario.runAll(results, driver, { ...context, strictEngine: 'wasm' });
  } finally {
    await browser.close();
  }
}

async function main() {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const results = new Results();
  const analysis = JSON.parse(execFileSync(CLI, ['analyze', SEED_PAGE], { encoding: 'utf8' }));
  // The article's blocks as the command line reads them, which the analysis's offsets refer to.
  const blocks = execFileSync(CLI, ['text', SEED_PAGE], { encoding: 'utf8' }).split('\n\n');
  const site = await server.start();
  const context = { origin: site.origin, analysis, blocks };
  try {
    if (!only || only === 'engines') await require('./engines').run(results);
    if (!only) await shippedManifests(results);
    if (!only || only === 'chromium') await chromium(results, context);
    if (!only || only === 'chromium') await chromiumShipped(results, context);
    if (!only || only === 'chromium') await chromiumInFrench(results, context);
    if (!only || only === 'firefox') await firefox(results, context);
    if (!only || only === 'firefox') await firefoxInFrench(results, context);
  } finally {
    await site.close();
  }
  console.log(`screenshots in ${path.relative(process.cwd(), ARTIFACTS) || ARTIFACTS}/`);
  process.exit(results.summary() ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
