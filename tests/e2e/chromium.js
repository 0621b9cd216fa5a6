// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, with the test build of
// the extension loaded unpacked. A toolbar click cannot be made headless, so the tests dispatch the
// action's onClicked event in the service worker (the real listener) or call the background's
// toggle; neither grants activeTab, hence the test build's host permission for 127.0.0.1.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { TOOLS, ARTIFACTS } = require('./lib/paths');
const { assert } = require('./lib/harness');

const { chromium } = require(path.join(TOOLS, 'playwright-core'));

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

// `language`: the browser's interface language (Chromium on Linux takes it from LANGUAGE; its
// locale files come with Debian's chromium-l10n).
async function launch(extensionDir, { language } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'quotelens-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    env: language ? { ...process.env, LANGUAGE: language } : undefined,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    args: [...ARGS, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`],
  });
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 10000 });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, worker, page, profile };
}

// The driver the scenarios use (see scenario.js).
function driverFor({ context, worker, page }, name = 'chromium') {
  // The tab of `page`, from the service worker (the test build may see 127.0.0.1 tabs' URLs).
  const tabId = () => worker.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, page.url());
  return {
    name,
    async open(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    // The background's toggle, as the action's listener calls it; resolves to the page's answer.
    async toggle() {
      const id = await tabId();
      assert.ok(id, `no tab for ${page.url()}`);
      return worker.evaluate((tabId) => globalThis.quotelens.toggle(tabId), id);
    },
    // The action's real onClicked listener (what a click runs); resolves to the button's badge
    // once it changed, which the background sets after the page has answered.
    async clickAction() {
      const id = await tabId();
      const badge = () => worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), id);
      const before = await badge();
      await worker.evaluate(async (tabId) => chrome.action.onClicked.dispatch(await chrome.tabs.get(tabId)), id);
      const deadline = Date.now() + 10000;
      while ((await badge()) === before) {
        if (Date.now() > deadline) {
          const title = await worker.evaluate((tabId) => chrome.action.getTitle({ tabId }), id);
          throw new Error(`the badge did not change after the action; button title: ${title}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      return badge();
    },
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    hover: (selector) => page.hover(selector),
    focus: (selector) => page.focus(selector),
    moveAway: () => page.mouse.move(1, 1),
    clickInUi: (selector) => page.locator('quotelens-root').locator(selector).first().click(),
    // What QuoteLens put on the clipboard (reading it needs the page's permission).
    async readClipboard() {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
      return page.evaluate(() => navigator.clipboard.readText());
    },
    // Forced colours as the browser's own emulation gives them.
    forceColors: (on) => page.emulateMedia({ forcedColors: on ? 'active' : 'none' }),
    // A key pressed where the focus is: 'n', 'Enter', 'Escape'.
    press: (key) => page.keyboard.press(key),
    hoverInUi: (selector) => page.locator('quotelens-root').locator(selector).first().hover(),
    badgeText: async () => worker.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), await tabId()),
    // A native context menu cannot be opened headless: the menu's real onClicked listener is
    // dispatched with what a click on "Who said this?" gives it (the test build's host permission
    // stands in for the activeTab grant of the click).
    async whoSaidThis() {
      const id = await tabId();
      const selectionText = await page.evaluate(() => getSelection().toString());
      await worker.evaluate(async ({ tabId, selectionText }) => {
        const tab = await chrome.tabs.get(tabId);
        chrome.contextMenus.onClicked.dispatch({ menuItemId: 'who-said-this', selectionText, pageUrl: tab.url, editable: false }, tab);
      }, { tabId: id, selectionText });
    },
    // "Always run on this site" past its permission prompt, which cannot be answered headless:
    // the test build's host permission for 127.0.0.1 stands in for the reader's "Allow", and the
    // background's rememberSite is what the menu's handler calls once the prompt is answered.
    async alwaysRunOnThisSite() {
      const { protocol, hostname } = new URL(page.url());
      await worker.evaluate(({ site, tabId }) => globalThis.quotelens.rememberSite(site, tabId), { site: `${protocol}//${hostname}`, tabId: await tabId() });
    },
    // The extension's settings page, in the page's tab.
    async openOptions() {
      await page.goto(new URL('options.html', worker.url()).href, { waitUntil: 'load' });
      await page.waitForSelector('body[data-ready]');
    },
    actionTitle: async () => worker.evaluate((tabId) => chrome.action.getTitle({ tabId }), await tabId()),
    // caret: 'initial' — hiding the caret leaves a style attribute on the page's inputs.
    screenshot: (label) => page.screenshot({ path: path.join(ARTIFACTS, `${name}-${label}.png`), caret: 'initial' }),
    async download(selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('quotelens-root').locator(selector).click()]);
      return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
    },
  };
}

module.exports = { launch, driverFor, ARGS };
