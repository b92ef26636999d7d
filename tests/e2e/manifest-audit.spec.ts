/**
 * Security posture of what we ship (issue 7): the built manifests grant exactly what the product
 * needs and nothing broad, nothing is exposed to web pages, the extension CSP stays the strict
 * default, and no built script can evaluate strings as code. Reads the store builds that
 * `npm test` makes before the browser tests (`.output/chrome-mv3`, `.output/firefox-mv2`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CLINICAL_HOST_MATCHES } from '../../rules/config/hosts';

interface Manifest {
  readonly manifest_version: number;
  readonly permissions?: string[];
  readonly optional_permissions?: string[];
  readonly host_permissions?: string[];
  readonly optional_host_permissions?: string[];
  readonly content_scripts?: { matches: string[]; js?: string[]; css?: string[] }[];
  readonly web_accessible_resources?: unknown;
  readonly content_security_policy?: unknown;
  readonly externally_connectable?: unknown;
  readonly background?: { service_worker?: string; scripts?: string[] };
  readonly browser_specific_settings?: {
    gecko?: { id?: string; data_collection_permissions?: { required?: string[] } };
  };
}

function read(dir: string): { manifest: Manifest; text: string; files: string[] } {
  const root = path.resolve('.output', dir);
  const text = fs.readFileSync(path.join(root, 'manifest.json'), 'utf8');
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(root, f));
  return { manifest: JSON.parse(text) as Manifest, text, files };
}

const BUILDS = [
  { dir: 'chrome-mv3', label: 'Chrome/Edge (MV3)' },
  { dir: 'firefox-mv2', label: 'Firefox (MV2)' },
];

for (const { dir, label } of BUILDS) {
  test.describe(label, () => {
    test('asks for exactly the permissions it uses, and no broad host access', () => {
      const { manifest, text } = read(dir);
      expect(text).not.toContain('<all_urls>');
      expect(text).not.toMatch(/"\*:\/\/\*\/\*"|"http:\/\/\*\/\*"/);
      expect([...(manifest.permissions ?? [])].sort()).toEqual([
        'activeTab',
        'alarms',
        'scripting',
        'storage',
        'unlimitedStorage',
      ]);
      expect(manifest.host_permissions ?? []).toEqual([]);
      // Extra sites are optional and granted one origin at a time by the user or admin.
      const optional =
        manifest.manifest_version === 3
          ? manifest.optional_host_permissions
          : manifest.optional_permissions;
      expect(optional).toEqual(['https://*/*']);
      const matches = (manifest.content_scripts ?? []).flatMap((c) => c.matches).sort();
      expect(matches).toEqual([...CLINICAL_HOST_MATCHES].sort());
    });

    test('exposes nothing to web pages and keeps the strict default CSP', () => {
      const { manifest } = read(dir);
      expect(manifest.web_accessible_resources).toBeUndefined();
      expect(manifest.externally_connectable).toBeUndefined();
      expect(manifest.content_security_policy).toBeUndefined();
    });

    test('the popover lives in a closed shadow root: page scripts cannot read or rewrite it', () => {
      const content = fs.readFileSync(
        path.join('.output', dir, 'content-scripts', 'content.js'),
        'utf8',
      );
      const modes = [...content.matchAll(/attachShadow\(\{\s*mode:\s*["'`](\w+)["'`]/g)].map(
        (m) => m[1],
      );
      expect(modes).toEqual(['closed']);
    });

    test('ships no remote code and nothing that evaluates strings as code', () => {
      const { manifest, files } = read(dir);
      const background =
        manifest.background?.service_worker ?? manifest.background?.scripts?.[0] ?? '';
      expect(background).toMatch(/^[\w./-]+\.js$/);
      for (const file of files) {
        const js = fs.readFileSync(file, 'utf8');
        expect(js, file).not.toMatch(/\beval\(|new Function\(/);
        expect(js, file).not.toMatch(/import\(\s*["'`]https?:/);
        expect(js, file).not.toMatch(/importScripts\(\s*["'`]https?:/);
      }
    });
  });
}

test('Firefox declares that it collects no data', () => {
  const { manifest } = read('firefox-mv2');
  expect(manifest.browser_specific_settings?.gecko?.id).toBe('prescribing-lens@plens.invalid');
  expect(manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required).toEqual([
    'none',
  ]);
});
