// QuoteLens's loader in the page: starts the Rust core once, then toggles it.
// background.js injects it after quotelens.js (the wasm-bindgen glue, global `wasm_bindgen`) and
// calls `quotelensLoader.toggle()` (the toolbar button) or `quotelensLoader.analyseSelection()`
// (the context menu's "Who said this?"). Everything else — finding the article, analysing, drawing,
// restoring the page — is Rust (src/web).
'use strict';

// A second injection into the same page keeps the running instance and its state.
if (typeof globalThis.quotelensLoader !== 'object') {
  const api = globalThis.browser ?? globalThis.chrome;

  // The smallest valid module: whether it compiles tells whether this page's CSP lets the
  // content script use WebAssembly (Chromium applies the page's script-src to content scripts).
  const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

  function webAssemblyAllowed() {
    try {
      new WebAssembly.Module(EMPTY_MODULE);
      return true;
    } catch {
      return false;
    }
  }

  // The same module compiled to JavaScript by wasm2js (quotelens_bg.wasm.js defines the factory).
  // The glue instantiates through `WebAssembly`; for the length of one synchronous call it sees
  // a stand-in whose Instance runs the factory on the glue's own imports.
  function startWasm2js(factory) {
    const real = globalThis.WebAssembly;
    class Module {}
    function Instance(module, imports) {
      this.exports = factory(imports);
    }
    globalThis.WebAssembly = { Module, Instance };
    try {
      wasm_bindgen.initSync({ module: new Module() });
    } finally {
      globalThis.WebAssembly = real;
    }
  }

  // The one message a page sends the background (background.js handles it).
  const CLOSED_MESSAGE = 'quotelens:closed';

  let engine = null; // 'wasm' or 'wasm2js' once started
  let startupMs = 0;

  // Starts the core if needed; resolves to the engine's name, or null when the page forbids
  // WebAssembly and the JavaScript build has not been injected yet.
  async function start() {
    if (engine) return engine;
    const began = performance.now();
    if (webAssemblyAllowed()) {
      await wasm_bindgen({ module_or_path: api.runtime.getURL('quotelens_bg.wasm') });
      engine = 'wasm';
    } else if (typeof globalThis.quotelensWasm2js === 'function') {
      startWasm2js(globalThis.quotelensWasm2js);
      engine = 'wasm2js';
    } else {
      return null;
    }
    startupMs = performance.now() - began;
    // The panel's × turns QuoteLens off without the button: the background sets the badge.
    wasm_bindgen.onClosed(() => api.runtime.sendMessage({ type: CLOSED_MESSAGE }).catch(() => {}));
    return engine;
  }

  // Calls run one after another, so a double click cannot interleave two of them.
  let queue = Promise.resolve();

  // Runs `call` on the started core, in turn; resolves to its answer with the engine's figures.
  function inTurn(call) {
    const next = queue.then(async () => {
      try {
        if (!(await start())) return { needs: 'wasm2js' };
        return { ...(await call()), engine, startupMs };
      } catch (error) {
        return { error: String(error?.message ?? error) };
      }
    });
    queue = next;
    return next;
  }

  // The panel speaks the browser's language.
  const interfaceLanguage = () => api.i18n.getUILanguage();
  // The reader's settings (options.js): the text's language ('' for the page's own) and the
  // highlight colours ('auto' to choose from the page's background).
  const settings = () => api.storage.sync.get({ textLanguage: '', palette: 'auto' });

  globalThis.quotelensLoader = {
    start,
    toggle: () => inTurn(async () => {
      const { textLanguage, palette } = await settings();
      return wasm_bindgen.toggle(interfaceLanguage(), textLanguage, palette);
    }),
    analyseSelection: () => inTurn(async () => {
      const { palette } = await settings();
      return wasm_bindgen.analyseSelection(interfaceLanguage(), palette);
    }),
  };
}
