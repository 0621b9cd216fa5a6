// Turns wasm2js output (an ES module) into a classic script that content scripts can run:
// it defines `globalThis.quotelensWasm2js(imports) -> exports`, the module's instantiation as a
// function of its imports, and nothing else.   node wasm2js-script.js IN.js OUT.js
'use strict';
const fs = require('fs');

const [input, output] = process.argv.slice(2);
if (!output) { console.error('usage: node wasm2js-script.js IN.js OUT.js'); process.exit(2); }
let code = fs.readFileSync(input, 'utf8');

// Each rewrite must match exactly once, so a changed wasm2js fails the build instead of
// producing a script that misbehaves.
function rewrite(what, pattern, replacement) {
  const matches = code.match(new RegExp(pattern.source, pattern.flags.replace('g', '') + 'g')) || [];
  if (matches.length !== 1) throw new Error(`${input}: expected one ${what}, found ${matches.length}`);
  code = code.replace(pattern, replacement);
}
rewrite('import of the glue', /^import \* as \S+ from '[^']+';\n/m, '');
rewrite('instantiation and exports', /^var retasmFunc = asmFunc\([\s\S]*$/m, '');
// Growing memory must detach the old buffer, as WebAssembly.Memory does: wasm-bindgen's glue
// refreshes its cached views only when they report a byteLength of 0. Transferring the old buffer
// away (structuredClone with transfer) detaches it.
rewrite('memory growth',
  /(newHEAP8\.set\(HEAP8\);)/,
  '$1\n   structuredClone(buffer, { transfer: [buffer] });');
if (/^\s*(import|export)\s/m.test(code)) throw new Error(`${input}: module syntax left after rewriting`);

fs.writeFileSync(output,
  '// The QuoteLens core compiled to JavaScript by wasm2js, for pages whose CSP forbids WebAssembly.\n' +
  `(() => {\n${code}\nglobalThis.quotelensWasm2js = asmFunc;\n})();\n`);
