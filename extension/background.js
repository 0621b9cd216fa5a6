// QuoteLens's background: the toolbar button and its keyboard shortcut (the `_execute_action`
// command) toggle QuoteLens on the current tab.
// An MV3 background stops whenever the browser likes, so it keeps no state: whether QuoteLens is
// drawn is known by the page itself (content.js). It injects files and reads the results of its
// own injected calls; the one message it takes from pages, CLOSED_MESSAGE, says the reader closed
// QuoteLens from its panel, so that the button shows it off.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;

// Runs `func` in the extension's isolated world of the tab's top frame; resolves to its result.
async function runInTab(tabId, func) {
  const [injection] = await api.scripting.executeScript({ target: { tabId }, func });
  return injection?.result;
}

// Shows or hides QuoteLens on a tab; resolves to the page's answer: {active, quotes, actors, …}.
async function toggle(tabId) {
  const target = { tabId };
  const loaded = await runInTab(tabId, () => typeof globalThis.quotelensLoader === 'object');
  if (!loaded) {
    await api.scripting.insertCSS({ target, files: ['quotelens.css'] });
    await api.scripting.executeScript({ target, files: ['quotelens.js', 'content.js'] });
  }
  let result = await runInTab(tabId, () => globalThis.quotelensLoader.toggle());
  if (result?.needs === 'wasm2js') {
    // The page's CSP forbids WebAssembly here: bring in the same core compiled to JavaScript.
    await api.scripting.executeScript({ target, files: ['quotelens_bg.wasm.js'] });
    result = await runInTab(tabId, () => globalThis.quotelensLoader.toggle());
  }
  if (!result || result.error) throw new Error(result?.error ?? 'QuoteLens did not answer from the page');
  await showState(tabId, result.active ? 'on' : '', title());
  return result;
}

// The button's own title, in the browser's language (extension/_locales).
const title = () => api.i18n.getMessage('actionTitle');
const CLOSED_MESSAGE = 'quotelens:closed';

async function showState(tabId, badge, title) {
  await api.action.setBadgeText({ tabId, text: badge });
  await api.action.setTitle({ tabId, title });
}

async function toggleFromUser(tab) {
  try {
    await toggle(tab.id);
  } catch (error) {
    console.error('QuoteLens:', error);
    await showState(tab.id, '!', api.i18n.getMessage('cannotRun', [error.message])).catch(() => {});
  }
}

// Registered synchronously at start, so a click that wakes the background is not lost.
api.action.onClicked.addListener(toggleFromUser);
api.runtime.onMessage.addListener((message, sender) => {
  // Only our content script can send runtime messages; pages cannot reach this listener.
  if (message?.type === CLOSED_MESSAGE && sender.tab?.id !== undefined) {
    showState(sender.tab.id, '', title()).catch((error) => console.error('QuoteLens:', error));
  }
});
globalThis.quotelens = { toggle };
