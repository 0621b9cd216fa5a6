// Draws the toolbar icon (a lens over a pair of quotation marks) as PNGs at the sizes the manifest
// lists, so no binary files live in the repository.   node icons.js OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZES = [16, 32, 48, 128];
const SAMPLES = 4; // supersampling per axis, for smooth edges at 16 px

// Colours: the first two of the Okabe-Ito palette the highlights use, on a dark ground.
const GROUND = [0x1d, 0x2b, 0x45];
const LENS = [0xff, 0xff, 0xff];
const MARKS = [0xe6, 0x9f, 0x00];

// Shapes in a unit square (0..1, y down); each returns whether a point is inside.
const within = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
function roundedSquare(x, y) {
  const r = 0.2, m = 0.02;
  const dx = Math.max(m + r - x, 0, x - (1 - m - r)), dy = Math.max(m + r - y, 0, y - (1 - m - r));
  return dx * dx + dy * dy <= r * r;
}
const ring = (x, y) => within(x, y, 0.42, 0.42, 0.30) && !within(x, y, 0.42, 0.42, 0.22);
function handle(x, y) {
  // A thick segment from the ring towards the lower right corner.
  const ax = 0.62, ay = 0.62, bx = 0.86, by = 0.86, width = 0.085;
  const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width;
}
function quoteMark(x, y, cx) {
  // A dot with a tail, like a bold “ at display size.
  const cy = 0.38, r = 0.07;
  if (within(x, y, cx, cy, r)) return true;
  return x >= cx - r && x <= cx + r * 0.2 && y >= cy && y <= cy + 0.14 && x - (cx - r) <= (cy + 0.14 - y) * 0.8;
}
const marks = (x, y) => quoteMark(x, y, 0.34) || quoteMark(x, y, 0.52);

function colourAt(x, y) {
  if (!roundedSquare(x, y)) return null;
  if (ring(x, y) || handle(x, y)) return LENS;
  if (marks(x, y)) return MARKS;
  return GROUND;
}

function render(size) {
  const pixels = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    pixels[py * (size * 4 + 1)] = 0; // PNG filter type: none
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const c = colourAt((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (a) { pixels[o] = r / a; pixels[o + 1] = g / a; pixels[o + 2] = b / a; }
      pixels[o + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  }
  return png(size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
function png(size, rows) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outDir = process.argv[2];
if (!outDir) { console.error('usage: node icons.js OUT_DIR'); process.exit(2); }
fs.mkdirSync(outDir, { recursive: true });
for (const size of SIZES) fs.writeFileSync(path.join(outDir, `${size}.png`), render(size));
