// A static server on 127.0.0.1 for the end-to-end pages:
//   /pages/<name>/        tests/corpus/pages/<name>/source.html (the seed article is /pages/seed/)
//   /fixtures/<file>      tests/e2e/fixtures/<file>
//   /strict/<any of the above>   the same, sent with `Content-Security-Policy: script-src 'self'`,
//                         which in Chromium also forbids WebAssembly in extensions' content scripts.
//   /locked/<any of the above>   the same under `default-src 'none'`: no inline styles either.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const { CORPUS } = require('./paths');

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const POLICIES = { strict: "script-src 'self'", locked: "default-src 'none'" };
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.png': 'image/png' };

function resolve(urlPath) {
  const page = urlPath.match(/^\/pages\/([\w.-]+)\/$/);
  if (page) return path.join(CORPUS, 'pages', page[1], 'source.html');
  const fixture = urlPath.match(/^\/fixtures\/([\w.-]+)$/);
  if (fixture) return path.join(FIXTURES, fixture[1]);
  return null;
}

// Resolves to {origin, close()} once listening on a free port.
function start() {
  const server = http.createServer((request, response) => {
    let urlPath = new URL(request.url, 'http://127.0.0.1').pathname;
    const headers = { 'Cache-Control': 'no-store' };
    const policy = urlPath.match(/^\/(strict|locked)\//)?.[1];
    if (policy) {
      headers['Content-Security-Policy'] = POLICIES[policy];
      urlPath = urlPath.slice(policy.length + 1);
    }
    const file = resolve(urlPath);
    if (!file || !fs.existsSync(file)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    headers['Content-Type'] = TYPES[path.extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, headers).end(fs.readFileSync(file));
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ready({
      origin: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

module.exports = { start, POLICIES };

if (require.main === module) {
  start().then(({ origin }) => console.log(`serving on ${origin}/pages/seed/ and ${origin}/strict/pages/seed/`));
}
