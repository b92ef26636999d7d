/**
 * Where the content script's time goes on a bench page: a V8 CPU profile (CDP `Profiler`) of each
 * load, reduced to the functions of the extension's scripts, self and total time. Build an
 * unminified copy first so the profile names our functions:
 *
 *   PLENS_NO_MINIFY=1 PLENS_OUT_DIR=.tmp/prof npx wxt build --mode e2e
 *   BENCH_EXTENSION_DIR=.tmp/prof/chrome-mv3-e2e npx tsx bench/profile.ts 2000 [loads]
 *
 * The first argument is the page's rows (any count) or `frames` (20 iframes). Profiles are written
 * to `.tmp/bench-profiles/` (open them in DevTools' Performance panel); a table is printed per load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension } from '../tests/e2e/chromium';
import { startServer } from '../tests/server';
import { readPackNames, writeFramesPage, writeMedicationPage } from './pages';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const DIR = path.resolve('.tmp/bench-profiles');
const PAGES = path.resolve('.tmp/bench-pages');
const EXTENSION = path.resolve(process.env.BENCH_EXTENSION_DIR ?? '.tmp/prof/chrome-mv3-e2e');
const ROWS = 25;

function isOurs(node: ProfileNode): boolean {
  return node.callFrame.url.startsWith('chrome-extension://');
}

function label(node: ProfileNode): string {
  const file = node.callFrame.url.split('/').pop() ?? '';
  return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
}

/** Self and total ms per function, over samples whose stack holds one of our frames. */
function summarise(profile: Profile): {
  ours: number;
  self: Map<string, number>;
  total: Map<string, number>;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let ours = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) stack.push(node);
    }
    const leaf = stack[0];
    if (!leaf || !stack.some(isOurs)) return;
    ours += ms;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    for (const key of new Set(stack.filter(isOurs).map(label))) {
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  });
  return { ours, self, total };
}

function top(map: ReadonlyMap<string, number>): string {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, ROWS)
    .map(([k, v]) => `${v.toFixed(1).padStart(8)}  ${k}`)
    .join('\n');
}

async function main(): Promise<void> {
  const which = process.argv[2] ?? '2000';
  const loads = Number(process.argv[3] ?? 3);
  const names = readPackNames();
  const file = which === 'frames' ? 'frames.html' : `gp-${which}.html`;
  if (which === 'frames') writeFramesPage(PAGES, file, names);
  else writeMedicationPage(PAGES, file, { rows: Number(which), names });
  fs.mkdirSync(DIR, { recursive: true });
  const server = await startServer(0, [PAGES]);
  const ext = await launchWithExtension({ extensionDir: EXTENSION });
  try {
    for (let i = 0; i < loads; i++) {
      const page = await ext.context.newPage();
      const cdp = await ext.context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(server.url(file), { waitUntil: 'load', timeout: 120_000 });
      for (const frame of page.frames()) {
        await frame.waitForFunction(
          () => performance.getEntriesByName('plens:first-annotation').length > 0,
          null,
          { timeout: 120_000 },
        );
      }
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      await page.close();
      const out = path.join(DIR, `${which}-${i + 1}.cpuprofile`);
      fs.writeFileSync(out, JSON.stringify(profile));
      const { ours, self, total } = summarise(profile);
      console.log(
        `\n${file} load ${i + 1}: ${ours.toFixed(1)} ms in stacks through our scripts (${out})`,
      );
      console.log(`-- self\n${top(self)}\n-- total\n${top(total)}`);
    }
  } finally {
    await ext.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
