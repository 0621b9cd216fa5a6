// Generates the huge-page fixtures for the end-to-end tests, instead of committing megabytes:
//   hugePage(bytes)  a news page with `bytes` of article text (default 1 MiB): ~1,700 paragraphs of
//                    quotes in every mark style, many speakers, cues, pronouns and reported speech,
//                    inside the usual navigation, aside, comments and footer;
//   deepPage(depth)  a page whose script nests the article `depth` divs deep (default 1,500): HTML
//                    parsers cap nesting (Chromium at 512), scripts do not; Chromium's own renderer
//                    crashes on a page nested between 2,000 and 3,000 levels (seen here), so deeper
//                    nesting is for the native fuzz tests (tests/fuzz, 100,000 levels).
// Deterministic: the same bytes every run.
//
//   node tests/e2e/pages/huge-page.mjs [--deep] [SIZE] > page.html
import { fileURLToPath } from 'node:url';

/** Park–Miller: a tiny seeded generator, so the page is the same on every machine. */
function random(seed) {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vor', 'sel', 'dan', 'bri', 'mo', 'tu', 'zen', 'har', 'pel', 'quin', 'os'];
const ROLES = ['spokesman', 'spokeswoman', 'minister', 'senator', 'professor', 'chief executive', 'analyst', 'mayor', 'general'];
const ORGANISATIONS = ['Ministry of Transport', 'State Department', 'Harbour Authority', 'Central Bank', 'Port Workers Union', 'City Council'];
const TITLES = ['Mr', 'Ms', 'Dr', 'Senator', 'Professor', 'General'];
const QUOTES = [['“', '”'], ['"', '"'], ['‘', '’'], ['«\u00a0', '\u00a0»'], ['„', '“']];
const CUES = ['said', 'told reporters', 'added', 'wrote in a statement', 'said in an interview', 'warned', 'told the Daily Record'];
const CLAIMS = [
  'the harbour will reopen before the winter storms arrive',
  'nobody should expect the budget to cover every request this year',
  "we don't negotiate with people who have already made up their minds",
  'the students’ union was consulted at every stage of the ’90s reform',
  'this plan is the best chance we have had in a decade',
  'the numbers simply do not add up, and they know it',
  'we will publish every document once the review is complete',
];
const FILLER = [
  'The decision follows months of talks between the two sides.',
  'Officials did not give a timetable for the next round.',
  'Shipping traffic through the port fell by a third last year.',
  'Critics have called the proposal rushed and expensive.',
  'A final vote is expected next month.',
];

function names(rand, count) {
  const word = () => {
    const n = 2 + Math.floor(rand() * 2);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  return Array.from({ length: count }, () => ({
    first: word(),
    last: word(),
    title: TITLES[Math.floor(rand() * TITLES.length)],
    role: ROLES[Math.floor(rand() * ROLES.length)],
    org: ORGANISATIONS[Math.floor(rand() * ORGANISATIONS.length)],
  }));
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One paragraph of news: a quote with a cue, in one of several shapes, plus some filler. */
function paragraph(rand, people, index) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const person = people[Math.floor(rand() * people.length)];
  const [open, close] = pick(QUOTES);
  const claim = pick(CLAIMS);
  const quote = claim[0].toUpperCase() + claim.slice(1);
  const cue = pick(CUES);
  const full = `${person.org} ${person.role} ${person.first} ${person.last}`;
  const shapes = [
    () => `${open}${quote},${close} ${full} ${cue}.`,
    () => `${full} ${cue}: ${open}${quote}.${close}`,
    () => `${open}${quote},${close} ${cue} ${person.title} ${person.last}, adding that <em>${pick(CLAIMS)}</em>.`,
    () => `${person.title} ${person.last} said ${pick(CLAIMS)}. ${open}${quote},${close} she added.`,
    () => `According to ${person.first} ${person.last}, the ${person.org} ${pick(['rejected', 'welcomed', 'supports', 'denied'])} the idea that ${pick(CLAIMS)}.`,
    () => `The ${person.org} said on Monday it was ${pick(['open to', 'opposed to'])} talks, calling them ${open}a <strong>constructive</strong> step${close}.`,
  ];
  const body = shapes[Math.floor(rand() * shapes.length)]();
  return `<p data-index="${index}">${body} ${pick(FILLER)} ${pick(FILLER)}</p>\n`;
}

/** A news page holding about `bytes` of article text (1 MiB by default). */
export function hugePage(bytes = 1 << 20, seed = 20261125) {
  const rand = random(seed);
  const people = names(rand, 400);
  const parts = [];
  let text = 0;
  for (let i = 0; text < bytes; i++) {
    const p = paragraph(rand, people, i);
    parts.push(p);
    text += Buffer.byteLength(p.replace(/<[^>]+>/g, ''));
  }
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A very long article — Huge Test News</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<main><article>
<h1>${escape('“The harbour will reopen,” minister says, as talks run long')}</h1>
<p class="standfirst">${parts.length} paragraphs, about ${Math.round(text / 1024)} KiB of article text.</p>
${parts.join('')}</article>
<aside><h2>Most read</h2><ol><li>“Storm warning” issued for the coast</li><li>Council approves budget</li></ol></aside>
<section class="comments"><h2>Comments</h2><p>“Great article,” said a reader.</p></section>
</main>
<footer><p>© Huge Test News</p></footer>
</body></html>
`;
}

/** A page whose article its own script nests `depth` divs deep. */
export function deepPage(depth = 1_500) {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A deeply nested article — Deep Test News</title></head>
<body><main><article id="article"><h1>Deep nesting</h1></article></main>
<script>
  // Nest deeper than any HTML parser would: ${depth} levels, then a paragraph with quotes.
  let parent = document.getElementById('article');
  for (let i = 0; i < ${depth}; i++) {
    const child = document.createElement('div');
    parent.appendChild(child);
    parent = child;
  }
  const p = document.createElement('p');
  p.textContent = '“We are very deep now,” said Professor Quin Halvor. “Deeper still,” she added.';
  parent.appendChild(p);
  document.documentElement.dataset.depth = ${depth};
</script>
</body></html>
`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const deep = args.includes('--deep');
  const size = args.find((a) => /^\d+$/.test(a));
  process.stdout.write(deep ? deepPage(size ? Number(size) : undefined) : hugePage(size ? Number(size) : undefined));
}
