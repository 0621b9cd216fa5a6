// QuoteLens's background: the toolbar button and its keyboard shortcut (the `_execute_action`
// command) toggle QuoteLens on the current tab; the context menu's "Who said this?" draws it on
// the selected text only; the button's own menu has "Always run on this site", after which every
// page of that site is drawn on load, through the access granted for that one site.
// An MV3 background stops whenever the browser likes, so it keeps no state: whether QuoteLens is
// drawn is known by the page itself (content.js). It injects files and reads the results of its
// own injected calls; the one message it takes from pages, CLOSED_MESSAGE, says the reader closed
// QuoteLens from its panel, so that the button shows it off.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;

// Runs `func(...args)` in the extension's isolated world of the tab's top frame; resolves to its
// result.
async function runInTab(tabId, func, args = []) {
  const [injection] = await api.scripting.executeScript({ target: { tabId }, func, args });
  return injection?.result;
}

// Calls the page loader's `method` ('toggle' or 'analyseSelection'), injecting QuoteLens first if
// needed; resolves to the page's answer, {active, quotes, actors, …}, and shows it on the button.
async function callInPage(tabId, method) {
  const target = { tabId };
  const loaded = await runInTab(tabId, () => typeof globalThis.quotelensLoader === 'object');
  if (!loaded) {
    await api.scripting.insertCSS({ target, files: ['quotelens.css'] });
    await api.scripting.executeScript({ target, files: ['quotelens.js', 'content.js'] });
  }
  const call = (name) => globalThis.quotelensLoader[name]();
  let result = await runInTab(tabId, call, [method]);
  if (result?.needs === 'wasm2js') {
    // The page's CSP forbids WebAssembly here: bring in the same core compiled to JavaScript.
    await api.scripting.executeScript({ target, files: ['quotelens_bg.wasm.js'] });
    result = await runInTab(tabId, call, [method]);
  }
  if (!result || result.error) throw new Error(result?.error ?? 'QuoteLens did not answer from the page');
  await showState(tabId, result.active ? 'on' : '', buttonTitle());
  return result;
}

// Shows or hides QuoteLens on a tab.
const toggle = (tabId) => callInPage(tabId, 'toggle');
// Shows QuoteLens on a tab where it is not shown already.
async function show(tabId) {
  const shown = await runInTab(tabId, () => !!document.querySelector('quotelens-root'));
  if (!shown) await toggle(tabId);
}
// Draws QuoteLens on the tab's selected text only.
const analyseSelection = (tabId) => callInPage(tabId, 'analyseSelection');

// The button's own title, in the browser's language (extension/_locales).
const buttonTitle = () => api.i18n.getMessage('actionTitle');
const CLOSED_MESSAGE = 'quotelens:closed';

async function showState(tabId, badge, title) {
  await api.action.setBadgeText({ tabId, text: badge });
  await api.action.setTitle({ tabId, title });
}

// Runs `action` on the tab; a failure shows on the button.
async function showingFailure(tab, action) {
  try {
    await action(tab.id);
  } catch (error) {
    console.error('QuoteLens:', error);
    await showState(tab.id, '!', api.i18n.getMessage('cannotRun', [error.message])).catch(() => {});
  }
}

// A site is a scheme and a host ("https://example.org"): host permission patterns take no port.
function siteOf(url) {
  try {
    const { protocol, hostname } = new URL(url);
    return ['http:', 'https:'].includes(protocol) ? `${protocol}//${hostname}` : null;
  } catch {
    return null;
  }
}
const sitePattern = (site) => `${site}/*`;
const rememberedSites = async () => (await api.storage.sync.get({ sites: [] })).sites;

// "Always run on this site": the browser asks the reader, now, for this one site's access. The
// request comes first, while the menu click still counts as the reader's gesture.
async function alwaysRunOn(tab, pageUrl) {
  const site = siteOf(pageUrl);
  if (!site) throw new Error(api.i18n.getMessage('notAWebPage'));
  if (await api.permissions.request({ origins: [sitePattern(site)] })) await rememberSite(site, tab.id);
}

// Remembers `site` (storage.sync: the reader's other browsers too) and shows QuoteLens on the tab
// now, as it will be on every page of the site that loads.
async function rememberSite(site, tabId) {
  const sites = await rememberedSites();
  if (!sites.includes(site)) await api.storage.sync.set({ sites: [...sites, site].sort() });
  await show(tabId);
}

// A page has loaded: on a remembered site whose access is still granted (the reader may have
// withdrawn it in the browser's settings), QuoteLens runs by itself.
async function runIfRemembered(tab) {
  const site = siteOf(tab.url ?? '');
  if (!site || !(await rememberedSites()).includes(site)) return;
  if (await api.permissions.contains({ origins: [sitePattern(site)] })) await show(tab.id);
}

const WHO_SAID_THIS = 'who-said-this';
const ALWAYS_RUN = 'always-run';

// Menu items outlive the background (both browsers keep them): created once, at install.
api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: WHO_SAID_THIS, title: api.i18n.getMessage('whoSaidThis'), contexts: ['selection'] });
  api.contextMenus.create({ id: ALWAYS_RUN, title: api.i18n.getMessage('alwaysRunOnSite'), contexts: ['action'] });
});

// Registered synchronously at start, so a click or a load that wakes the background is not lost.
api.action.onClicked.addListener((tab) => showingFailure(tab, toggle));
api.contextMenus.onClicked.addListener((info, tab) => {
  if (tab?.id === undefined) return;
  if (info.menuItemId === WHO_SAID_THIS) showingFailure(tab, analyseSelection);
  if (info.menuItemId === ALWAYS_RUN) showingFailure(tab, () => alwaysRunOn(tab, info.pageUrl ?? tab.url ?? ''));
});
// Without the "tabs" permission, a tab's URL is known only where QuoteLens has access: on the
// remembered sites, which is all this needs.
api.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete') showingFailure(tab, () => runIfRemembered(tab));
});
api.runtime.onMessage.addListener((message, sender) => {
  // Only our content script can send runtime messages; pages cannot reach this listener.
  if (message?.type === CLOSED_MESSAGE && sender.tab?.id !== undefined) {
    showState(sender.tab.id, '', buttonTitle()).catch((error) => console.error('QuoteLens:', error));
  }
});
globalThis.quotelens = { toggle, analyseSelection, rememberSite };
