/**
 * Static server for the demo and test pages, bound to 127.0.0.1 only (loopback; no other network).
 * `npx tsx tests/server.ts [port]` serves tests/fixtures/pages; tests start it on a free port.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const PAGES_DIR = path.join(here, 'fixtures', 'pages');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

export interface RunningServer {
  readonly port: number;
  readonly origin: string;
  url(file: string): string;
  close(): Promise<void>;
}

function resolveFile(roots: readonly string[], urlPath: string): string | null {
  let clean: string;
  try {
    clean = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  const rel = clean === '/' ? 'index.html' : clean.replace(/^\/+/, '');
  for (const root of roots) {
    const file = path.resolve(root, rel);
    if (!file.startsWith(root + path.sep)) continue;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** Serves `roots` (first match wins). Pages named `*.csp.html` get a strict CSP, as some EHRs send. */
export function startServer(
  port = 0,
  roots: readonly string[] = [PAGES_DIR],
): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const file = resolveFile(roots, req.url ?? '/');
    if (!file) {
      // An empty favicon keeps browsers' automatic favicon request from logging a 404 error.
      if ((req.url ?? '').startsWith('/favicon.ico')) {
        res.writeHead(204);
        res.end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers: Record<string, string> = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (file.endsWith('.csp.html')) {
      headers['content-security-policy'] =
        "default-src 'self'; style-src 'self'; script-src 'self'";
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const bound = typeof address === 'object' && address ? address.port : port;
      const origin = `http://127.0.0.1:${bound}`;
      resolve({
        port: bound,
        origin,
        url: (file) => `${origin}/${file.replace(/^\/+/, '')}`,
        close: () =>
          new Promise((done) => {
            // Browsers keep connections alive; without this, close() waits for them to time out.
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 4173);
  const running = await startServer(port);
  console.log(`serving tests/fixtures/pages on ${running.origin}/`);
}
