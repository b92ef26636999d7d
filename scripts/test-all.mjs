#!/usr/bin/env node
// `npm test`: every check CI runs, in the order of docs/architecture.md's CI, then one totals line `N passed, N failed`.
// Keeps going after a failing step so one run shows everything; exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBrowsers, ensureNodeModules } from './ensure-env.mjs';

ensureNodeModules();
ensureBrowsers(['chromium', 'firefox-esr']);

const results = [];
let passed = 0;
let failed = 0;

function run(name, command, args, { env = {}, counts } = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const child = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = child.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // A step with its own test counts adds them; any other step counts as one check.
  const c = counts ? counts() : null;
  const stepPassed = c ? c.passed : ok ? 1 : 0;
  // A runner that crashed before reporting still counts as a failure.
  const stepFailed = c ? Math.max(c.failed, ok ? 0 : 1) : ok ? 0 : 1;
  passed += stepPassed;
  failed += stepFailed;
  const detail = c ? ` (${stepPassed} passed, ${stepFailed} failed)` : '';
  results.push(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail} ${seconds}s`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

fs.mkdirSync('test-results', { recursive: true });
for (const f of [
  'test-results/vitest.json',
  'test-results/playwright.json',
  'test-results/firefox.json',
]) {
  fs.rmSync(f, { force: true });
}

run('format', 'npx', ['prettier', '--check', '.']);
run('lint', 'npx', ['eslint', '.']);
run('types', 'npx', ['tsc', '--noEmit']);
run(
  'unit',
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ],
  {
    counts: () => {
      const r = readJson('test-results/vitest.json');
      return r ? { passed: r.numPassedTests, failed: r.numFailedTests } : null;
    },
  },
);
run('fixture expectations', 'npx', ['tsx', 'scripts/check-fixture-expectations.ts']);
const built =
  run('build chrome', 'npx', ['wxt', 'build']) &
  run('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']) &
  run('build e2e chrome', 'npx', ['wxt', 'build', '--mode', 'e2e']) &
  run('build e2e firefox', 'npx', ['wxt', 'build', '-b', 'firefox', '--mode', 'e2e']);
run('web-ext lint', 'npx', [
  'web-ext',
  'lint',
  '--source-dir',
  '.output/firefox-mv2',
  '--warnings-as-errors=false',
  '--no-input',
]);
if (built) {
  run(
    'e2e chromium',
    'npx',
    ['playwright', 'test', '--config', 'tests/playwright.config.ts', '--reporter=list,json'],
    {
      // Absolute: Playwright resolves a relative path against the config's folder (tests/).
      env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.resolve('test-results/playwright.json') },
      counts: () => {
        const r = readJson('test-results/playwright.json');
        if (!r) return null;
        // A test that passed only on CI's one retry is reported, not hidden.
        if (r.stats.flaky > 0) console.log(`playwright: ${r.stats.flaky} flaky (passed on retry)`);
        return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
      },
    },
  );
  run('e2e firefox', 'npx', ['tsx', 'tests/firefox/smoke.ts'], {
    env: { PLENS_RESULTS: 'test-results/firefox.json' },
    counts: () => readJson('test-results/firefox.json'),
  });
}

console.log('\n=== summary');
for (const line of results) console.log(line);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.some((r) => r.startsWith('FAIL')) ? 1 : 0);
