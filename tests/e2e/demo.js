// The main job, shown: the built extension in headless Chromium on the seed article served from
// 127.0.0.1, and who said what as the page now shows it (highlights and sidebar); then the same
// article through the command line, for comparison.   node tests/e2e/demo.js [CHROME_BUILD]
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { ROOT, CLI, SEED_PAGE, ARTIFACTS } = require('./lib/paths');
const server = require('./lib/server');
const { readMarks, readUi } = require('./scenario');
const { launch, driverFor } = require('./chromium');

const clip = (text, width = 90) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function printAnalysis(analysis) {
  const bySpeaker = new Map();
  for (const quote of analysis.quotes.filter((q) => q.kind === 'speech')) {
    const speaker = quote.speaker ?? '(speaker unknown)';
    bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), quote]);
  }
  for (const [speaker, quotes] of bySpeaker) {
    const actor = analysis.actors.find((a) => a.name === speaker);
    console.log(`  ${speaker}${actor?.role ? `, ${actor.role}` : ''}${actor?.affiliation ? ` (${actor.affiliation})` : ''}`);
    for (const quote of quotes) console.log(`      “${clip(quote.text)}”${quote.cue ? `  [${quote.cue}]` : ''}`);
  }
  for (const reported of analysis.reported ?? []) {
    console.log(`  ${reported.speaker ?? '(unknown)'} ${reported.cue ?? ''} (reported): ${clip(reported.text)}${reported.stance ? `  [${reported.stance.side}: ${reported.stance.object}]` : ''}`);
  }
}

async function main() {
  const extension = path.resolve(process.argv[2] ?? path.join(ROOT, 'target/e2e/chrome'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const site = await server.start();
  let failure = null;
  try {
    const browser = await launch(extension);
    try {
      await showInBrowser(driverFor(browser), `${site.origin}/pages/seed/`);
    } finally {
      await browser.context.close();
    }
  } catch (error) {
    failure = error;
  } finally {
    await site.close();
  }
  console.log(`\nThe same article through the command line (${path.relative(ROOT, CLI)} analyze ${path.relative(ROOT, SEED_PAGE)}):`);
  printAnalysis(JSON.parse(execFileSync(CLI, ['analyze', SEED_PAGE], { encoding: 'utf8' })));
  if (failure) {
    console.error(`\nthe extension failed on the seed article: ${failure.message}`);
    process.exit(1);
  }
}

async function showInBrowser(driver, url) {
  await driver.open(url);
  const answer = await driver.toggle();
  const marks = await driver.evaluate(readMarks);
  const ui = await driver.evaluate(readUi);
  await driver.screenshot('demo');
  console.log(`QuoteLens in headless Chromium on ${url}`);
  console.log(`  the page answered ${JSON.stringify(answer)}`);
  console.log(`  ${marks.count} highlight elements for ${marks.quotes.length} quotes:`);
  for (const quote of marks.quotes) console.log(`    [${quote.index}] ${(quote.speaker || '(unknown)').padEnd(16)} “${clip(quote.text.replace(/\s+/g, ' ').trim(), 76)}”`);
  console.log('  sidebar:');
  for (const actor of ui?.actors ?? []) console.log(`    ${actor.name}${actor.role ? ` — ${actor.role}` : ''}: ${actor.countLabel || actor.count}`);
  if (ui?.message) console.log(`    ${ui.message}`);
  console.log(`  screenshot: ${path.relative(ROOT, path.join(ARTIFACTS, 'chromium-demo.png'))}`);
  if (answer?.active !== true || marks.count === 0) throw new Error('no highlights drawn');
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
