/**
 * Issue 7: hundreds of malformed and malicious packs (tests/fixtures/hostile-packs/generate.ts) go
 * through the loader exactly as an upload does (`parsePackText` then `validatePack`). None may be
 * accepted silently: each is refused with the JSON path and the sentence an admin would read, or
 * accepted because what looks hostile is harmless, with the accepted value asserted.
 *
 * HTML and <script> in text fields are accepted unchanged on purpose: every text field is rendered as
 * text (Preact text nodes; `innerHTML` is banned by lint outside tests), so markup shows literally and
 * never runs. Rejecting it would also reject real titles such as "Prescribing <18s".
 */
import { afterAll, describe, expect, test } from 'vitest';
import {
  basePack,
  formatPath,
  getAt,
  hostilePacks,
  type HostilePack,
  type Json,
} from '../../tests/fixtures/hostile-packs/generate';
import type { PackIssue, Result } from './issues';
import { parsePackText } from './parse';
import { validatePack } from './validate';

const TODAY = '2026-11-24';

function load(text: string): Result<unknown> {
  const parsed = parsePackText(text);
  return parsed.ok ? validatePack(parsed.value, { today: TODAY }) : parsed;
}

function describeIssues(issues: readonly PackIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.severity} at ${i.path}: ${i.message}`)
    .join('\n');
}

const corpus = hostilePacks();
const rejected = corpus.filter((p) => p.expect === 'reject');
const normalised = corpus.filter((p) => p.expect === 'normalise');

describe('the corpus', () => {
  test('starts from a valid pack', () => {
    const result = load(JSON.stringify(basePack()));
    expect(result.ok ? [] : describeIssues(result.issues)).toEqual([]);
  });

  test('has at least 200 packs, each with a unique name and an expectation', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((p) => p.name)).size).toBe(corpus.length);
    for (const pack of corpus) {
      expect(pack.expect === 'reject' ? pack.issue : pack.keeps, pack.name).toBeDefined();
    }
    console.info(
      `hostile packs: ${corpus.length} generated, ${rejected.length} rejected, ${normalised.length} normalised`,
    );
  });

  test('is the same every time it is generated', () => {
    const again = hostilePacks();
    expect(again.map((p) => p.name)).toEqual(corpus.map((p) => p.name));
    expect(again.every((p, i) => p.text === corpus[i]?.text)).toBe(true);
  });
});

describe('refused, with the path and sentence the admin reads', () => {
  test.each(rejected.map((p) => [p.name, p] as const))('%s', (_name, pack: HostilePack) => {
    const result = load(pack.text);
    expect(result.ok, 'accepted a hostile pack').toBe(false);
    if (result.ok) return;
    const wanted = pack.issue ?? { path: '?', message: '?' };
    const found = result.issues.find(
      (i) => i.severity === 'error' && i.path === wanted.path && i.message.includes(wanted.message),
    );
    expect(
      found,
      `wanted error at ${wanted.path}: …${wanted.message}…\ngot:\n${describeIssues(result.issues)}`,
    ).toBeDefined();
  });
});

describe('accepted because harmless, with the value kept', () => {
  test.each(normalised.map((p) => [p.name, p] as const))('%s', (_name, pack: HostilePack) => {
    const result = load(pack.text);
    expect(result.ok ? 'accepted' : describeIssues(result.issues)).toBe('accepted');
    if (!result.ok || !pack.keeps) return;
    expect(getAt(result.value as Json, pack.keeps.path), formatPath(pack.keeps.path)).toEqual(
      pack.keeps.value,
    );
  });
});

describe('the worst inputs are refused quickly', () => {
  // Timings are printed for the record; the bound is generous so a slow CI machine cannot flake it.
  const worst = [
    '(file): 50 MB',
    '(file): 10,000 nested lists',
    '(file): 10,000 nested objects',
    '(file): 10,000 unclosed lists',
    'description: 4.5 MB in one string',
    'rules: 5,001 rules',
  ];
  test.each(worst)('%s', (name) => {
    const pack = corpus.find((p) => p.name === name);
    expect(pack, name).toBeDefined();
    const start = performance.now();
    const result = load(pack?.text ?? '');
    const ms = performance.now() - start;
    console.info(`${name}: refused in ${ms.toFixed(1)} ms`);
    expect(result.ok).toBe(false);
    expect(ms).toBeLessThan(2000);
  });
});

afterAll(() => {
  // `__proto__`, `constructor` and `prototype` keys at every level must not have reached a prototype.
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
});
