// The demo page's controller, and nothing more: it loads the QuoteLens WebAssembly module, lists
// the bundled samples, and hands the article to the Rust view (`renderInto`), which finds the
// article, analyses it and draws the highlights, tooltips, sidebar and export buttons exactly as
// the extension does. Text from articles reaches this page's own DOM only through textContent
// and form values.
'use strict';

const byId = (id) => document.getElementById(id);
const ui = {
  form: byId('form'),
  input: byId('input'),
  inputInfo: byId('input-info'),
  lang: byId('lang'),
  analyse: byId('analyse'),
  file: byId('file'),
  clear: byId('clear'),
  samples: byId('samples'),
  results: byId('results'),
  status: byId('status'),
  error: byId('error'),
  view: byId('view'),
  stats: { quotes: byId('stat-quotes'), actors: byId('stat-actors'), positions: byId('stat-positions'), time: byId('stat-time') },
};

const LANGUAGES = new Set([...ui.lang.options].map((option) => option.value));
const ANALYSE_LABEL = 'Show who said what';
const number = new Intl.NumberFormat('en');

// The module's own glue (quotelens.js, global `wasm_bindgen`) fetches and compiles the module.
const loaded = wasm_bindgen({ module_or_path: 'quotelens_bg.wasm' });

// Each analysis gets a number; only the latest one's answer is shown.
let latestRun = 0;
let shown = false;

function looksLikeHtml(text) {
  return /^\s*</.test(text) && /<\/?[a-z][a-z0-9-]*(\s[^>]*)?>/i.test(text);
}

function readAsHtml(text) {
  const format = ui.form.elements.format.value;
  return format === 'auto' ? looksLikeHtml(text) : format === 'html';
}

function describeInput() {
  const text = ui.input.value;
  ui.inputInfo.textContent = text.trim()
    ? `${number.format(text.length)} characters · read as ${readAsHtml(text) ? 'HTML' : 'text'}`
    : '';
}

function milliseconds(ms) {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

const plural = (n, word) => `${number.format(n)} ${word}${n === 1 ? '' : 's'}`;

function showStats(summary) {
  const values = summary
    ? { quotes: summary.quotes, actors: summary.actors, positions: summary.quotes + summary.reported, time: milliseconds(summary.ms) }
    : { quotes: '–', actors: '–', positions: '–', time: '–' };
  for (const [key, value] of Object.entries(values)) {
    ui.stats[key].textContent = typeof value === 'number' ? number.format(value) : value;
  }
  ui.stats.positions.title = summary ? `${plural(summary.quotes, 'quote')} and ${plural(summary.reported, 'reported statement')}` : '';
  ui.stats.time.title = summary ? `Finding the article: ${milliseconds(summary.extractMs)}; analysis and drawing in ${summary.steps} steps, the longest ${milliseconds(summary.longestStepMs)}` : '';
}

// `wallMs`: from the click to the drawn view, reading the input (parsing pasted HTML) included;
// the view's own `ms` counts finding the article, analysing and highlighting.
function showSummary(summary, wallMs) {
  showStats(summary);
  shown = true;
  const timing = `Analysed and highlighted in ${milliseconds(summary.ms)} (${milliseconds(wallMs)} in all, reading the input included).`;
  const reported = summary.reported ? ` and ${plural(summary.reported, 'reported statement')}` : '';
  const found = `${plural(summary.quotes, 'quote')} from ${plural(summary.actors, 'actor')}${reported} in ${plural(summary.blocks, 'paragraph')}.`;
  ui.status.textContent = summary.message
    ? `${summary.message} ${timing}`
    : `${found} ${timing} Hover or focus a highlight to see who said it.`;
}

function showError(message) {
  ui.error.textContent = message;
  ui.error.hidden = !message;
}

function setBusy(busy) {
  ui.results.setAttribute('aria-busy', String(busy));
  ui.analyse.disabled = busy;
  ui.analyse.textContent = busy ? 'Reading…' : ANALYSE_LABEL;
}

async function analyse({ scroll = true } = {}) {
  const text = ui.input.value;
  showError('');
  if (!text.trim()) {
    showError('Paste an article first, or pick a sample.');
    ui.input.focus();
    return;
  }
  const run = ++latestRun;
  setBusy(true);
  ui.status.textContent = 'Reading the article…';
  try {
    await loaded;
    const started = performance.now();
    const summary = await wasm_bindgen.renderInto(ui.view, text, readAsHtml(text), ui.lang.value);
    if (run !== latestRun) return;
    showSummary(summary, performance.now() - started);
    if (scroll) ui.results.scrollIntoView({ block: 'start' });
  } catch (error) {
    if (run !== latestRun) return;
    showStats(null);
    ui.status.textContent = '';
    showError(`QuoteLens could not analyse this: ${error?.message ?? error}`);
  } finally {
    if (run === latestRun) setBusy(false);
  }
}

function markCurrentSample(id) {
  for (const button of ui.samples.querySelectorAll('button')) {
    if (button.dataset.sample === id) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}

async function pickSample(sample) {
  markCurrentSample(sample.id);
  history.replaceState(null, '', `#sample=${encodeURIComponent(sample.id)}`);
  showError('');
  try {
    const response = await fetch(`samples/${encodeURIComponent(sample.file)}`);
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    ui.input.value = await response.text();
  } catch (error) {
    showError(`The sample could not be loaded: ${error.message}`);
    return;
  }
  ui.form.elements.format.value = 'auto';
  ui.lang.value = LANGUAGES.has(sample.language) ? sample.language : 'en';
  describeInput();
  await analyse();
}

function sampleButton(sample) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'sample';
  button.dataset.sample = sample.id;
  const title = document.createElement('span');
  title.className = 'sample-title';
  title.textContent = sample.title;
  const meta = document.createElement('span');
  meta.className = 'sample-meta';
  meta.textContent = [sample.site ?? sample.id, sample.language.toUpperCase(), `${Math.max(1, Math.round(sample.bytes / 1024))} KB`].join(' · ');
  button.append(title, meta);
  button.addEventListener('click', () => pickSample(sample));
  const item = document.createElement('li');
  item.append(button);
  return item;
}

async function listSamples() {
  try {
    const response = await fetch('samples/index.json');
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
    const { samples } = await response.json();
    ui.samples.replaceChildren(...samples.map(sampleButton));
    return samples;
  } catch (error) {
    const item = document.createElement('li');
    item.className = 'sample-loading';
    item.textContent = `No samples available (${error.message}).`;
    ui.samples.replaceChildren(item);
    return [];
  }
}

async function openFile(file) {
  if (!file) return;
  markCurrentSample(null);
  ui.input.value = await file.text();
  ui.form.elements.format.value = 'auto';
  describeInput();
  await analyse();
}

function listen() {
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    analyse();
  });
  ui.input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (!ui.analyse.disabled) analyse();
    }
  });
  ui.input.addEventListener('input', () => {
    markCurrentSample(null);
    describeInput();
  });
  ui.form.addEventListener('change', describeInput);
  ui.file.addEventListener('change', () => openFile(ui.file.files[0]).finally(() => { ui.file.value = ''; }));
  ui.input.addEventListener('dragover', (event) => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault();
  });
  ui.input.addEventListener('drop', (event) => {
    if (!event.dataTransfer.files.length) return;
    event.preventDefault();
    openFile(event.dataTransfer.files[0]);
  });
  ui.clear.addEventListener('click', () => {
    ui.input.value = '';
    markCurrentSample(null);
    describeInput();
    ui.input.focus();
  });
  // The sidebar's own close button removes the view: the figures go with it.
  new MutationObserver(() => {
    if (shown && ui.analyse.disabled === false && !ui.view.querySelector('quotelens-root')) {
      shown = false;
      showStats(null);
      ui.status.textContent = 'QuoteLens closed. Show who said what again to redraw it.';
    }
  }).observe(ui.view, { childList: true });
}

async function main() {
  listen();
  describeInput();
  const samples = await listSamples();
  try {
    await loaded;
  } catch (error) {
    ui.analyse.textContent = 'QuoteLens unavailable';
    showError(`The WebAssembly module could not be loaded (${error?.message ?? error}). Open the page through its server, ./build.sh serve, rather than as a file.`);
    return;
  }
  setBusy(false);
  // A link may name a sample: #sample=<id>.
  const linked = () => samples.find((s) => s.id === new URLSearchParams(location.hash.slice(1)).get('sample'));
  window.addEventListener('hashchange', () => {
    const sample = linked();
    if (sample) pickSample(sample);
  });
  const sample = linked();
  if (sample) await pickSample(sample);
}

main();
