// QuoteLens's WASM core against compromise, the NLP library an extension author would pick, in one
// Node process over the same corpus article texts, alternating. Prints figures; never fails on time.
//
//   node tests/bench/compare.mjs QUOTELENS_NODE_DIR TEXTS_DIR TOOLS_DIR
//
// QUOTELENS_NODE_DIR: wasm-bindgen --target nodejs output (quotelens.js + quotelens_bg.wasm);
// TEXTS_DIR: <page>.txt article texts (`quotelens text`); TOOLS_DIR: holds node_modules/compromise.
// With a 4th argument `quotelens` or `compromise`, runs only that library and prints its peak
// memory, so each one's footprint is seen apart.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const [qlDir, textsDir, toolsDir, only] = process.argv.slice(2);
if (!qlDir || !textsDir || !toolsDir) {
  console.error('usage: node compare.mjs QUOTELENS_NODE_DIR TEXTS_DIR TOOLS_DIR [quotelens|compromise]');
  process.exit(2);
}
const maxRssMiB = () => process.resourceUsage().maxRSS / 1024;
const nodeAloneMiB = maxRssMiB();
// Each library is loaded only when used, so a single-library run measures that library alone.
let quotelens, nlp;
const loadQuoteLens = () => (quotelens ??= createRequire(import.meta.url)(path.resolve(qlDir, 'quotelens.js')));
const loadCompromise = () => (nlp ??= createRequire(path.resolve(toolsDir, 'package.json'))('compromise'));

const ROUNDS = 3; // compromise runs per article; the median is kept
const QUOTELENS_REPEATS = 20; // QuoteLens runs per article per round: one is too short to time alone

const articles = readdirSync(textsDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const text = readFileSync(path.join(textsDir, f), 'utf8');
    return { name: f.slice(0, -4), text, words: text.split(/\s+/).filter(Boolean).length };
  })
  .filter((a) => a.words > 0);

function runCompromise(text) {
  const doc = loadCompromise()(text);
  return { quotes: doc.quotations().out('array').length, people: doc.people().out('array').length };
}

function runQuoteLens(text) {
  const analysis = loadQuoteLens().analyzeText(text, 'en');
  return {
    quotes: analysis.quotes.length,
    attributed: analysis.quotes.filter((q) => q.speaker != null).length,
    actors: analysis.actors.length,
  };
}

function timeOnce(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fixed = (x, n = 3) => x.toFixed(n);

if (only) {
  // Footprint of one library alone: load it, run every article twice, report peak RSS.
  const run = only === 'quotelens' ? runQuoteLens : runCompromise;
  run('');
  const loadedMiB = maxRssMiB();
  for (let pass = 0; pass < 2; pass++) for (const a of articles) run(a.text);
  console.log(JSON.stringify({ library: only, nodeAloneMiB, loadedMiB, maxRssMiB: maxRssMiB() }));
  process.exit(0);
}

// Warm both up (JIT, WASM compilation) before anything is timed.
for (const a of articles.slice(0, 5)) {
  runCompromise(a.text);
  for (let i = 0; i < QUOTELENS_REPEATS; i++) runQuoteLens(a.text);
}

const results = articles.map((a) => ({ ...a, compromise: [], quotelens: [] }));
for (let round = 0; round < ROUNDS; round++) {
  results.forEach((r, i) => {
    const compromiseFirst = (round + i) % 2 === 0; // alternate who runs first
    const timeQuoteLens = () => {
      let found;
      const total = timeOnce(() => {
        for (let k = 0; k < QUOTELENS_REPEATS; k++) found = runQuoteLens(r.text);
      });
      r.quotelens.push(total / QUOTELENS_REPEATS);
      r.quotelensFound = found;
    };
    const timeCompromise = () => {
      let found;
      r.compromise.push(timeOnce(() => (found = runCompromise(r.text))));
      r.compromiseFound = found;
    };
    if (compromiseFirst) { timeCompromise(); timeQuoteLens(); } else { timeQuoteLens(); timeCompromise(); }
  });
}

console.log(`compromise ${loadCompromise().version} nlp(text).quotations() + .people()  vs  QuoteLens WASM analyzeText(text, 'en')`);
console.log(`${articles.length} corpus articles, alternating, median of ${ROUNDS} rounds (QuoteLens: mean of ${QUOTELENS_REPEATS} calls per round)\n`);
console.log(`${'article'.padEnd(44)} ${'words'.padStart(6)} ${'compromise ms'.padStart(14)} ${'QuoteLens ms'.padStart(13)} ${'ratio'.padStart(8)}   found: compromise quotes/people, QuoteLens quotes/attributed/actors`);
let totals = { words: 0, compromise: 0, quotelens: 0 };
const ratios = [];
const per1000 = { compromise: [], quotelens: [] };
const found = { cq: 0, cp: 0, qq: 0, qa: 0, qactors: 0 };
for (const r of results) {
  const c = median(r.compromise);
  const q = median(r.quotelens);
  totals.words += r.words;
  totals.compromise += c;
  totals.quotelens += q;
  ratios.push(c / q);
  per1000.compromise.push((c / r.words) * 1000);
  per1000.quotelens.push((q / r.words) * 1000);
  found.cq += r.compromiseFound.quotes;
  found.cp += r.compromiseFound.people;
  found.qq += r.quotelensFound.quotes;
  found.qa += r.quotelensFound.attributed;
  found.qactors += r.quotelensFound.actors;
  console.log(
    `${r.name.slice(0, 44).padEnd(44)} ${String(r.words).padStart(6)} ${fixed(c, 2).padStart(14)} ${fixed(q, 4).padStart(13)} ${(fixed(c / q, 0) + '×').padStart(8)}   ` +
      `${r.compromiseFound.quotes}/${r.compromiseFound.people}  ${r.quotelensFound.quotes}/${r.quotelensFound.attributed}/${r.quotelensFound.actors}`,
  );
}

const n = results.length;
const qlPer1000 = (totals.quotelens / totals.words) * 1000;
const cPer1000 = (totals.compromise / totals.words) * 1000;
const ratio = totals.compromise / totals.quotelens;
console.log(`\nsummary over ${n} articles, ${totals.words} words (median ${median(results.map((r) => r.words))} words per article):`);
console.log(`  compromise: ${fixed(totals.compromise / n, 2)} ms per article, ${fixed(cPer1000, 2)} ms per 1,000 words (median ${fixed(median(per1000.compromise), 2)}, p95 ${fixed(percentile(per1000.compromise, 0.95), 2)})`);
console.log(`  QuoteLens:  ${fixed(totals.quotelens / n, 4)} ms per article, ${fixed(qlPer1000, 4)} ms per 1,000 words (median ${fixed(median(per1000.quotelens), 4)}, p95 ${fixed(percentile(per1000.quotelens, 0.95), 4)})`);
console.log(`  ratio (total compromise time / total QuoteLens time): ${fixed(ratio, 0)}×; per article: median ${fixed(median(ratios), 0)}×, worst ${fixed(Math.min(...ratios), 0)}×`);
console.log(`  found in all articles: compromise ${found.cq} quotations, ${found.cp} people; QuoteLens ${found.qq} quotes (${found.qa} with a speaker), ${found.qactors} actors`);
const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
console.log(`  target QuoteLens ≥ 200× faster: ${verdict(ratio >= 200)} (${fixed(ratio, 0)}×)`);
console.log(`  target QuoteLens < 0.5 ms per 1,000-word article: ${verdict(qlPer1000 < 0.5)} (${fixed(qlPer1000, 4)} ms)`);

const self = fileURLToPath(import.meta.url);
const footprint = (library) =>
  JSON.parse(execFileSync(process.execPath, [self, qlDir, textsDir, toolsDir, library], { encoding: 'utf8' }));
console.log(`\npeak memory: max RSS of a Node process that loads one library and runs every article twice:`);
for (const library of ['quotelens', 'compromise']) {
  const f = footprint(library);
  console.log(
    `  ${library.padEnd(10)} ${fixed(f.maxRssMiB, 1)} MiB peak = Node ${fixed(f.nodeAloneMiB, 1)} + loading ${fixed(f.loadedMiB - f.nodeAloneMiB, 1)} + running ${fixed(f.maxRssMiB - f.loadedMiB, 1)} MiB`,
  );
}
console.log(`  both, this process: ${fixed(maxRssMiB(), 1)} MiB`);
