// Static server for the demo and test pages, bound to 127.0.0.1 only. No network beyond loopback.
// Usage: node tests/server.mjs [port]  (PORT env also works; 0 picks a free port and prints it).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ROOTS = [path.join(here, 'fixtures', 'pages')];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Extra roots (e.g. vendored third-party bundles built by the test harness) can be added. */
export function addRoot(dir) {
  ROOTS.push(dir);
}

function resolveFile(urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const rel = clean === '/' ? 'index.html' : clean.replace(/^\/+/, '');
  for (const root of ROOTS) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) continue;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

export function startServer(port = 0) {
  const server = http.createServer((req, res) => {
    const file = resolveFile(req.url ?? '/');
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    // Pages named *.csp.html get a strict CSP, as some clinical systems send.
    if (file.endsWith('.csp.html'))
      headers['content-security-policy'] =
        "default-src 'self'; style-src 'self'; script-src 'self'";
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({ server, port: typeof address === 'object' && address ? address.port : port });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
  const { port: bound } = await startServer(port);
  console.log(`serving tests/fixtures/pages on http://127.0.0.1:${bound}/`);
}
