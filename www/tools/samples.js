// Copies the demo's sample articles from the corpus into the built page, with an index naming
// each by its own metadata (title, site, language, read by the command line's `meta`), so the
// samples live in the repository once, in tests/corpus.
//   node www/tools/samples.js CLI OUT_DIR PAGE_NAME...
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const PAGES = path.join(__dirname, '../../tests/corpus/pages');

function main([cli, outDir, ...names]) {
  if (!cli || !outDir || names.length === 0) throw new Error('usage: samples.js CLI OUT_DIR PAGE_NAME...');
  fs.mkdirSync(outDir, { recursive: true });
  const samples = names.map((name) => {
    const source = path.join(PAGES, name, 'source.html');
    const meta = JSON.parse(execFileSync(cli, ['meta', source], { encoding: 'utf8' }));
    const file = `${name}.html`;
    fs.copyFileSync(source, path.join(outDir, file));
    return { id: name, file, title: meta.title || name, site: meta.site_name || null, language: meta.language || 'en', bytes: fs.statSync(source).size };
  });
  fs.writeFileSync(path.join(outDir, 'index.json'), `${JSON.stringify({ samples }, null, 2)}\n`);
  console.log(`samples: ${samples.map((s) => s.id).join(', ')}`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(`samples: ${error.message}`);
  process.exit(1);
}
