// The demo page's static server: one directory, on 127.0.0.1 only, with the content types the
// page needs (application/wasm, so the module compiles while it downloads). The end-to-end
// server (tests/e2e/lib/server.js) serves fixed test routes instead, so this one stands alone.
//   node www/tools/serve.js [DIR] [PORT]      ./build.sh serve: dist/www on port 8000
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

// The file under `root` that `urlPath` names (index.html for a directory), or null: nothing
// outside `root` is ever served, whatever the path's dots or escapes say.
function fileFor(root, urlPath) {
  let relative;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return fileFor(root, `${urlPath.replace(/\/?$/, '/')}index.html`);
  return stat?.isFile() ? file : null;
}

// Resolves to {origin, close()} once listening on 127.0.0.1:`port` (0: any free port).
function start(dir, port = 0) {
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`${root}/index.html is missing: build it with ./build.sh`);
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('method not allowed');
      return;
    }
    const file = fileFor(root, new URL(request.url, 'http://127.0.0.1').pathname);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (request.method === 'HEAD') response.end();
    else fs.createReadStream(file).pipe(response);
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ready({
      origin: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

module.exports = { start };

if (require.main === module) {
  const [dir = path.join(__dirname, '../../dist/www'), port = '8000'] = process.argv.slice(2);
  start(dir, Number(port))
    .then(({ origin }) => console.log(`QuoteLens demo: ${origin}/   (serving ${path.resolve(dir)}; Ctrl+C stops)`))
    .catch((error) => {
      console.error(`serve: ${error.code === 'EADDRINUSE' ? `port ${port} is in use` : error.message}`);
      process.exit(1);
    });
}
