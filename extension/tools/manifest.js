// Writes the manifest for one browser from the one source manifest.
//   node manifest.js SOURCE OUT chrome|firefox [--test-host ORIGIN_PATTERN]
// Chrome runs the background as a service worker and rejects Firefox's settings; Firefox runs it
// as an event page (background.scripts). --test-host adds a host permission for end-to-end tests
// only: a test cannot click the toolbar in headless Chromium, so it gets no activeTab grant.
'use strict';
const fs = require('fs');

const [source, out, browser, flag, testHost] = process.argv.slice(2);
if (!['chrome', 'firefox'].includes(browser) || (flag && flag !== '--test-host') || (flag && !testHost)) {
  console.error('usage: node manifest.js SOURCE OUT chrome|firefox [--test-host ORIGIN_PATTERN]');
  process.exit(2);
}
const manifest = JSON.parse(fs.readFileSync(source, 'utf8'));
if (browser === 'chrome') {
  delete manifest.background.scripts;
  delete manifest.browser_specific_settings;
} else {
  delete manifest.background.service_worker;
}
if (testHost) manifest.host_permissions = [testHost];
fs.writeFileSync(out, JSON.stringify(manifest, null, 2) + '\n');
