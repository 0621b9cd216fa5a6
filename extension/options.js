// QuoteLens's settings page: the sites it runs on by itself (each with the access granted for it),
// the highlight colours and the text's language the page loader reads (content.js), and where the
// keyboard shortcut is changed. Everything is kept in storage.sync, so it follows the reader's
// browsers.
'use strict';

const api = globalThis.browser ?? globalThis.chrome;

// What the loader reads when nothing was chosen: the defaults.
const DEFAULTS = { sites: [], palette: 'auto', textLanguage: '' };
// A site's access, as background.js asked for it.
const sitePattern = (site) => `${site}/*`;

function fillWords() {
  document.documentElement.lang = api.i18n.getUILanguage();
  for (const element of document.querySelectorAll('[data-message]')) {
    element.textContent = api.i18n.getMessage(element.dataset.message);
  }
}

async function showSites() {
  const { sites } = await api.storage.sync.get(DEFAULTS);
  const list = document.getElementById('sites');
  list.replaceChildren(...sites.map((site) => {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.className = 'site';
    name.textContent = new URL(site).hostname;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = api.i18n.getMessage('removeSite');
    remove.setAttribute('aria-label', `${remove.textContent}: ${name.textContent}`);
    remove.addEventListener('click', () => removeSite(site));
    item.append(name, remove);
    return item;
  }));
  document.getElementById('no-sites').hidden = sites.length > 0;
}

// Forgets the site and gives its access back. (Access granted at install, as the end-to-end
// tests' build has for 127.0.0.1, cannot be given back: the site is forgotten all the same.)
async function removeSite(site) {
  const { sites } = await api.storage.sync.get(DEFAULTS);
  await api.storage.sync.set({ sites: sites.filter((s) => s !== site) });
  await api.permissions.remove({ origins: [sitePattern(site)] }).catch(() => {});
  await showSites();
}

async function bindSetting(id, key) {
  const select = document.getElementById(id);
  select.value = (await api.storage.sync.get(DEFAULTS))[key];
  select.addEventListener('change', () => api.storage.sync.set({ [key]: select.value }));
}

async function showShortcut() {
  const commands = await api.commands.getAll();
  const shortcut = commands.find((c) => c.name === '_execute_action')?.shortcut;
  document.getElementById('shortcut').textContent = shortcut || api.i18n.getMessage('shortcutNone');
}

fillWords();
// The list follows changes made meanwhile (a site added from the toolbar button's menu).
api.storage.onChanged.addListener((changes) => { if (changes.sites) showSites(); });
Promise.all([showSites(), bindSetting('palette', 'palette'), bindSetting('text-language', 'textLanguage'), showShortcut()])
  // Marks the page as filled in, for whoever waits for it (the end-to-end tests).
  .then(() => { document.body.dataset.ready = 'true'; });
