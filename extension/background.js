// QuoteLens's background: the toolbar button and its keyboard shortcut (the `_execute_action`
// command) toggle QuoteLens on the current tab; the context menu's "Who said this?" draws it on
// the selected text only.
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
  await showState(tabId, result.active ? 'on' : '', title());
  return result;
}

// Shows or hides QuoteLens on a tab.
const toggle = (tabId) => callInPage(tabId, 'toggle');
// Draws QuoteLens on the tab's selected text only.
const analyseSelection = (tabId) => callInPage(tabId, 'analyseSelection');

// The button's own title, in the browser's language (extension/_locales).
const title = () => api.i18n.getMessage('actionTitle');
const CLOSED_MESSAGE = 'quotelens:closed';

async function showState(tabId, badge, title) {
  await api.action.setBadgeText({ tabId, text: badge });
  await api.action.setTitle({ tabId, title });
}

// Runs `action` on the tab the reader acted on; a failure shows on the button.
async function fromUser(tab, action) {
  try {
    await action(tab.id);
  } catch (error) {
    console.error('QuoteLens:', error);
    await showState(tab.id, '!', api.i18n.getMessage('cannotRun', [error.message])).catch(() => {});
  }
}

const WHO_SAID_THIS = 'who-said-this';

// Menu items outlive the background (both browsers keep them): created once, at install.
api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: WHO_SAID_THIS, title: api.i18n.getMessage('whoSaidThis'), contexts: ['selection'] });
});

// Registered synchronously at start, so a click that wakes the background is not lost.
api.action.onClicked.addListener((tab) => fromUser(tab, toggle));
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === WHO_SAID_THIS && tab?.id !== undefined) fromUser(tab, analyseSelection);
});
api.runtime.onMessage.addListener((message, sender) => {
  // Only our content script can send runtime messages; pages cannot reach this listener.
  if (message?.type === CLOSED_MESSAGE && sender.tab?.id !== undefined) {
    showState(sender.tab.id, '', title()).catch((error) => console.error('QuoteLens:', error));
  }
});
globalThis.quotelens = { toggle, analyseSelection };
