// Drops features from a module's `target_features` custom section.
//   node wasm-features.js IN.wasm OUT.wasm FEATURE...
// Rust's prebuilt std always declares reference-types and multivalue, even when our own code is
// compiled without them; wasm-bindgen reads this section to choose its ABI. With the features
// dropped it keeps JS values in a JS-side heap (no second, externref table) and returns values
// through memory (no multi-value), which is what wasm2js can translate.
'use strict';
const fs = require('fs');

const [input, output, ...drop] = process.argv.slice(2);
if (!output || drop.length === 0) {
  console.error('usage: node wasm-features.js IN.wasm OUT.wasm FEATURE...');
  process.exit(2);
}

function readLeb(buf, pos) {
  let value = 0, shift = 0, byte;
  do { byte = buf[pos++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
  return [value, pos];
}
function leb(value) {
  const out = [];
  do { let byte = value & 0x7f; value = Math.floor(value / 128); if (value) byte |= 0x80; out.push(byte); } while (value);
  return Buffer.from(out);
}
const name = (s) => Buffer.concat([leb(Buffer.byteLength(s)), Buffer.from(s)]);

const bytes = fs.readFileSync(input);
if (bytes.readUInt32LE(0) !== 0x6d736100) throw new Error(`${input}: not a WebAssembly module`);
const sections = [bytes.subarray(0, 8)];
let pos = 8, found = false;
const removed = [];
while (pos < bytes.length) {
  const start = pos, id = bytes[pos];
  const [size, bodyStart] = readLeb(bytes, pos + 1);
  pos = bodyStart + size;
  if (id === 0) {
    const [nameLength, nameStart] = readLeb(bytes, bodyStart);
    if (bytes.toString('utf8', nameStart, nameStart + nameLength) === 'target_features') {
      found = true;
      let [count, p] = readLeb(bytes, nameStart + nameLength);
      const kept = [];
      while (count--) {
        const prefix = bytes[p];
        const [length, featureStart] = readLeb(bytes, p + 1);
        const feature = bytes.toString('utf8', featureStart, featureStart + length);
        p = featureStart + length;
        if (drop.includes(feature)) removed.push(feature);
        else kept.push(Buffer.concat([Buffer.from([prefix]), name(feature)]));
      }
      const body = Buffer.concat([name('target_features'), leb(kept.length), ...kept]);
      sections.push(Buffer.from([0]), leb(body.length), body);
      continue;
    }
  }
  sections.push(bytes.subarray(start, pos));
}
if (!found) throw new Error(`${input}: no target_features section (was the module stripped?)`);
fs.writeFileSync(output, Buffer.concat(sections));
console.log(`${output}: dropped ${removed.length ? removed.join(', ') : 'nothing'} from target_features`);
