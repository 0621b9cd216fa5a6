// The extension's loader (content.js) in Node, with the shipped files of dist/chrome: it must pick
// WebAssembly where allowed and the wasm2js build where a CSP forbids compiling, and both engines
// must give the same analysis. Prints how long each takes.
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { execFileSync } = require('child_process');
const { assert } = require('./lib/harness');
const { DIST, CLI, CORPUS, SEED_PAGE } = require('./lib/paths');

const EXTENSION = path.join(DIST, 'chrome');

// WebAssembly as Chromium presents it to a content script on a page with `script-src 'self'`.
function forbiddenWebAssembly() {
  const refuse = () => { throw new WebAssembly.CompileError('WebAssembly.Module(): Refused to compile or instantiate WebAssembly module because \'unsafe-eval\' is not an allowed source of script'); };
  return { ...WebAssembly, Module: refuse, compile: async () => refuse(), instantiate: async () => refuse(), instantiateStreaming: async () => refuse(), CompileError: WebAssembly.CompileError };
}

// A content script's world: the glue and the loader, and what the background would inject.
function contentWorld({ wasmAllowed }) {
  const world = vm.createContext({
    console, performance, TextEncoder, TextDecoder, Response, URL, structuredClone,
    WebAssembly: wasmAllowed ? WebAssembly : forbiddenWebAssembly(),
    chrome: { runtime: { getURL: (file) => `chrome-extension://quotelens/${file}` } },
    fetch: async (url) => new Response(fs.readFileSync(path.join(EXTENSION, new URL(url).pathname)), {
      headers: { 'Content-Type': 'application/wasm' },
    }),
  });
  const inject = (file) => vm.runInContext(fs.readFileSync(path.join(EXTENSION, file), 'utf8'), world, { filename: file });
  inject('quotelens.js');
  inject('content.js');
  return { world, inject, run: (code) => vm.runInContext(code, world) };
}

function articleText(page) {
  return execFileSync(CLI, ['text', page], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

function timeAnalysis(run, text, rounds) {
  run(`wasm_bindgen.analyzeText(${JSON.stringify(text)}, 'en')`); // warm up
  const began = performance.now();
  for (let i = 0; i < rounds; i++) run(`wasm_bindgen.analyzeText(globalThis.__text, 'en')`);
  return (performance.now() - began) / rounds;
}

async function run(results) {
  console.log('\n== the loader and both engines, in Node');
  const seedText = articleText(SEED_PAGE);
  const goldPages = fs.readdirSync(path.join(CORPUS, 'gold')).map((f) => path.join(CORPUS, 'pages', path.basename(f, '.json'), 'source.html'));
  const corpusText = goldPages.map(articleText).join('\n\n');

  const engines = {};
  for (const [name, wasmAllowed] of [['wasm', true], ['wasm2js', false]]) {
    await results.check(`loader starts the ${name} engine when WebAssembly is ${wasmAllowed ? 'allowed' : 'forbidden'}`, async () => {
      const content = contentWorld({ wasmAllowed });
      let began = performance.now();
      let engine = await content.run('quotelensLoader.start()');
      if (!wasmAllowed) {
        assert.strictEqual(engine, null, 'without the wasm2js script the loader must ask for it');
        content.inject('quotelens_bg.wasm.js');
        began = performance.now();
        engine = await content.run('quotelensLoader.start()');
      }
      const startupMs = performance.now() - began;
      assert.strictEqual(engine, name);
      assert.strictEqual(await content.run('quotelensLoader.start()'), name, 'a second start keeps the engine');
      content.inject('content.js'); // a second injection must keep the running loader
      assert.strictEqual(await content.run('quotelensLoader.start()'), name);
      engines[name] = { ...content, startupMs };
    });
  }
  if (!engines.wasm || !engines.wasm2js) return;

  await results.check('wasm and wasm2js give the same analysis of the seed article, the gold pages and a 3 MiB text', () => {
    // The last text is large enough to make memory grow several times on the way.
    for (const text of [seedText, corpusText, corpusText.repeat(40)]) {
      const [a, b] = ['wasm', 'wasm2js'].map((e) => JSON.stringify(engines[e].run(`wasm_bindgen.analyzeText(${JSON.stringify(text)}, 'en')`)));
      assert.ok(JSON.parse(a).quotes.length > 0, 'the analysis finds quotes');
      assert.strictEqual(a, b);
    }
  });

  await results.check('speed of both engines (figures)', () => {
    for (const name of ['wasm', 'wasm2js']) {
      const { run: evaluate, startupMs } = engines[name];
      vm.runInContext(`globalThis.__text = ${JSON.stringify(corpusText)}`, engines[name].world);
      const perCorpus = timeAnalysis(evaluate, corpusText, 20);
      vm.runInContext(`globalThis.__text = ${JSON.stringify(seedText)}`, engines[name].world);
      const perSeed = timeAnalysis(evaluate, seedText, 100);
      console.log(`        ${name.padEnd(8)} start ${startupMs.toFixed(1)} ms; analyzeText: seed ${perSeed.toFixed(2)} ms, ` +
        `${goldPages.length} gold pages (${(corpusText.length / 1024).toFixed(0)} KiB) ${perCorpus.toFixed(1)} ms`);
    }
  });
}

module.exports = { run };

if (require.main === module) {
  const { Results } = require('./lib/harness');
  const results = new Results();
  run(results).then(() => process.exit(results.summary() ? 0 : 1));
}
