// Headless Firefox (Debian's firefox-esr) through geckodriver, over raw WebDriver HTTP (no client
// library). The shipped dist/quotelens-firefox.xpi is installed temporarily, and QuoteLens is
// toggled by the REAL toolbar action (ExtensionParent … triggerAction from the browser's chrome
// context), which grants activeTab exactly as a click does, and by the real keyboard shortcut.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { ARTIFACTS } = require('./lib/paths');

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

// geckodriver on a free port; resolves to its base URL once it listens.
function startGeckodriver() {
  const child = spawn(process.env.GECKODRIVER ?? 'geckodriver', ['--port', '0', '--allow-system-access'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`geckodriver did not start:\n${log}`)), 15000);
    const onData = (data) => {
      log += data;
      const listening = log.match(/Listening on (\S+:\d+)/);
      if (listening) {
        clearTimeout(timer);
        ready({ base: `http://${listening[1]}`, stop: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); fail(new Error(`geckodriver exited (${code}):\n${log}`)); });
  });
}

class Session {
  constructor(base) {
    this.base = base;
  }

  async request(method, route, body) {
    const response = await fetch(`${this.base}${route}`, {
      method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`WebDriver ${method} ${route}: ${answer.value?.error}: ${answer.value?.message}`);
    return answer.value;
  }

  async create() {
    const value = await this.request('POST', '/session', {
      capabilities: { alwaysMatch: { browserName: 'firefox', 'moz:firefoxOptions': { binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr', args: ['-headless'] } } },
    });
    this.route = `/session/${value.sessionId}`;
    await this.request('POST', `${this.route}/timeouts`, { script: 30000 });
    await this.request('POST', `${this.route}/window/rect`, { width: 1280, height: 800 });
  }

  call(method, route, body) {
    return this.request(method, `${this.route}${route}`, body);
  }

  // Runs `fn(...args)` in the page (or the chrome context); a returned promise is awaited.
  execute(fn, ...args) {
    return this.call('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args });
  }

  async inContext(context, work) {
    await this.call('POST', '/moz/context', { context });
    try {
      return await work();
    } finally {
      if (context !== 'content') await this.call('POST', '/moz/context', { context: 'content' });
    }
  }

  async find(selector, from = '') {
    const element = await this.call('POST', `${from}/element`, { using: 'css selector', value: selector });
    return element[ELEMENT];
  }

  close() {
    return this.call('DELETE', '');
  }
}

// Installs the packed add-on (dist/quotelens-firefox.xpi), as shipped. With `locale`, Firefox runs
// in that language first (as a language pack would make it), so the add-on starts in it too.
async function launch(xpiPath, { locale } = {}) {
  const driver = await startGeckodriver();
  const session = new Session(driver.base);
  try {
    await session.create();
    if (locale) {
      await session.inContext('chrome', () => session.execute((tag) => {
        Services.locale.availableLocales = [tag, 'en-US'];
        Services.locale.requestedLocales = [tag];
      }, locale));
    }
    const addonId = await session.call('POST', '/moz/addon/install', { addon: fs.readFileSync(xpiPath).toString('base64'), temporary: true });
    return { session, addonId, close: async () => { await session.close().catch(() => {}); driver.stop(); } };
  } catch (error) {
    driver.stop();
    throw error;
  }
}

// Clicks the add-on's toolbar button in the front window (runs in the chrome context).
function clickToolbarButton(addonId) {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extension = ExtensionParent.GlobalManager.getExtension(addonId);
  const window = Services.wm.getMostRecentWindow('navigator:browser');
  ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
}

// The button's badge and title for the selected tab (runs in the chrome context).
function badgeOfSelectedTab(addonId) {
  const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
  const extension = ExtensionParent.GlobalManager.getExtension(addonId);
  const window = Services.wm.getMostRecentWindow('navigator:browser');
  const action = ExtensionParent.apiManager.global.browserActionFor(extension).action;
  const tab = window.gBrowser.selectedTab;
  return { badge: action.getProperty(tab, 'badgeText'), title: action.getProperty(tab, 'title') };
}

function driverFor({ session, addonId }) {
  const drawn = () => session.execute(() => !!document.querySelector('quotelens-root'));
  const findInUi = async (selector) => {
    const host = await session.find('quotelens-root');
    const shadow = (await session.call('GET', `/element/${host}/shadow`))[SHADOW];
    return session.find(selector, `/shadow/${shadow}`);
  };
  const clickIn = async (selector) => {
    await session.call('POST', `/element/${await findInUi(selector)}/click`, {});
  };
  const pointerTo = (origin, x = 0, y = 0) => session.call('POST', '/actions', {
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', duration: 0, origin, x, y }] }],
  });
  return {
    name: 'firefox',
    open: (url) => session.call('POST', '/url', { url }),
    // The real toolbar action; resolves once the page changed and the button shows the new state
    // (the page's answer stays in the add-on, so it resolves to null).
    async toggle() {
      const before = await drawn();
      await session.inContext('chrome', () => session.execute(clickToolbarButton, addonId));
      const deadline = Date.now() + 10000;
      for (let round = 1; (await drawn()) === before; round++) {
        // The button shows "!" and the error in its title when the toggle failed: stop early.
        const state = round % 5 === 0 || Date.now() > deadline ? await this.badge() : null;
        if (state?.badge === '!' || Date.now() > deadline) {
          throw new Error(`the page did not change after the toolbar action; button state: ${JSON.stringify(state)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      // The button's badge follows once the page has answered: "on" while drawn.
      const expected = before ? '' : 'on';
      while ((await this.badge()).badge !== expected) {
        if (Date.now() > deadline) throw new Error(`the button's badge is not "${expected}": ${JSON.stringify(await this.badge())}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    },
    badge: () => session.inContext('chrome', () => session.execute(badgeOfSelectedTab, addonId)),
    badgeText: async () => (await session.inContext('chrome', () => session.execute(badgeOfSelectedTab, addonId))).badge,
    // The real context menu: a right click over `selector` (inside the selection) opens Firefox's
    // page menu, whose "Who said this?" item is chosen in the browser's own context (granting
    // activeTab as a click does).
    async whoSaidThis(selector) {
      const element = { [ELEMENT]: await session.find(selector) };
      await session.call('POST', '/actions', {
        actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
          { type: 'pointerMove', duration: 0, origin: element, x: 0, y: 0 }, { type: 'pointerDown', button: 2 }, { type: 'pointerUp', button: 2 }] }],
      });
      await session.call('DELETE', '/actions');
      const chosen = await session.inContext('chrome', () => session.execute(async (label) => {
        const menu = document.getElementById('contentAreaContextMenu');
        for (let round = 0; round < 50; round++) {
          const item = [...menu.querySelectorAll('menuitem')].find((m) => m.getAttribute('label') === label && !m.hidden);
          if (item && menu.state === 'open') {
            menu.activateItem(item);
            return true;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        menu.hidePopup();
        return [...menu.querySelectorAll('menuitem')].map((m) => m.getAttribute('label')).filter(Boolean).join(' | ');
      }, 'Who said this?'));
      if (chosen !== true) throw new Error(`no "Who said this?" in the page's menu: ${chosen}`);
    },
    // "Always run on this site" past its permission prompt, which cannot be answered headless:
    // the site's access is granted as the prompt's "Allow" grants it (ExtensionPermissions, in the
    // browser's context), then the background's rememberSite — what the menu's handler calls once
    // the prompt is answered — is called from the extension's own settings page, in a tab of its own.
    async alwaysRunOnThisSite() {
      const url = await session.call('GET', '/url');
      const { protocol, hostname } = new URL(url);
      const site = `${protocol}//${hostname}`;
      const { host } = await session.inContext('chrome', () => session.execute(async (id, origin) => {
        const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
        const policy = WebExtensionPolicy.getByID(id);
        await ExtensionPermissions.add(id, { permissions: [], origins: [origin] }, policy.extension);
        return { host: policy.mozExtensionHostname };
      }, addonId, `${site}/*`));
      const page = await session.call('GET', '/window');
      const { handle } = await session.call('POST', '/window/new', { type: 'tab' });
      await session.call('POST', '/window', { handle });
      try {
        await session.call('POST', '/url', { url: `moz-extension://${host}/options.html` });
        const answer = await session.execute(async (site, url) => {
          const { browser } = window;
          const [tab] = (await browser.tabs.query({})).filter((t) => t.url === url);
          const background = await browser.runtime.getBackgroundPage();
          await background.quotelens.rememberSite(site, tab.id);
          return 'remembered';
        }, site, url);
        if (answer !== 'remembered') throw new Error(`rememberSite: ${answer}`);
      } finally {
        await session.call('DELETE', '/window');
        await session.call('POST', '/window', { handle: page });
      }
    },
    // The extension's settings page, in the page's tab.
    async openOptions() {
      const host = await session.inContext('chrome', () => session.execute((id) => WebExtensionPolicy.getByID(id).mozExtensionHostname, addonId));
      await session.call('POST', '/url', { url: `moz-extension://${host}/options.html` });
      for (let round = 0; !(await session.execute(() => !!document.body?.dataset.ready)); round++) {
        if (round > 50) throw new Error('the settings page did not fill in');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    actionTitle: async () => (await session.inContext('chrome', () => session.execute(badgeOfSelectedTab, addonId))).title,
    // The manifest's shortcut, typed into the browser window (chrome context), where Firefox
    // listens for extension shortcuts; resolves once the button shows the new state.
    async pressShortcut() {
      const before = (await this.badge()).badge;
      const [ALT, SHIFT] = ['\uE00A', '\uE008'];
      const keys = [ALT, SHIFT, 'Q'];
      await session.inContext('chrome', () => session.call('POST', '/actions', {
        actions: [{ type: 'key', id: 'keyboard', actions: [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))] }],
      }));
      const deadline = Date.now() + 10000;
      while ((await this.badge()).badge === before) {
        if (Date.now() > deadline) throw new Error(`the shortcut changed nothing: ${JSON.stringify(await this.badge())}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return (await this.badge()).badge;
    },
    evaluate: (fn, arg) => session.execute(fn, arg),
    async hover(selector) {
      await pointerTo({ [ELEMENT]: await session.find(selector) });
    },
    focus: (selector) => session.execute((s) => document.querySelector(s).focus(), selector),
    moveAway: () => pointerTo('viewport', 1, 1),
    clickInUi: clickIn,
    // Forced colours as Firefox's "override the page's colours: always" setting gives them.
    forceColors: (on) => session.inContext('chrome', () => session.execute((value) => {
      Services.prefs.setIntPref('browser.display.document_color_use', value);
    }, on ? 2 : 0)),
    // What QuoteLens put on the clipboard, read in the browser's own context.
    readClipboard: () => session.inContext('chrome', () => session.execute(() => {
      const transfer = Cc['@mozilla.org/widget/transferable;1'].createInstance(Ci.nsITransferable);
      transfer.init(null);
      transfer.addDataFlavor('text/plain');
      Services.clipboard.getData(transfer, Services.clipboard.kGlobalClipboard);
      const data = {};
      transfer.getTransferData('text/plain', data);
      return data.value.QueryInterface(Ci.nsISupportsString).data;
    })),
    // A key pressed where the focus is: 'n', 'Enter', 'Escape'.
    press(key) {
      const value = { Enter: '\uE007', Escape: '\uE00C' }[key] ?? key;
      return session.call('POST', '/actions', {
        actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value }, { type: 'keyUp', value }] }],
      });
    },
    // WebDriver moves the pointer only to what is in the viewport: the panel's list scrolls first.
    async hoverInUi(selector) {
      const element = { [ELEMENT]: await findInUi(selector) };
      await session.execute((el) => el.scrollIntoView({ block: 'center', behavior: 'instant' }), element);
      await pointerTo(element);
    },
    async screenshot(label) {
      fs.writeFileSync(path.join(ARTIFACTS, `firefox-${label}.png`), Buffer.from(await session.call('GET', '/screenshot'), 'base64'));
    },
  };
}

module.exports = { launch, driverFor };
