/**
 * Sites the user or admin turns the extension on for at run time (least privilege: the manifest
 * lists only the known clinical hosts; README "Where it runs"). A site is live only when three
 * things agree: it is wanted (settings or policy), the browser granted its host permission, and a
 * content script is registered for it. `enableSite`/`disableSite` change all three from the options
 * page; `reconcileSites` makes the registrations match on start-up (granted ∩ wanted), because
 * permissions can be revoked from the browser's own UI while the extension is not running.
 *
 * Browser APIs are injectable (`apis`, default `browser`) so tests can supply what fakeBrowser lacks.
 */
import { CONTENT_SCRIPT_FILES } from '../config/content-script-files';
import { browser } from 'wxt/browser';
import { CLINICAL_HOST_MATCHES } from '../config/hosts';
import { settingsItem } from './items';
import { isSitePattern, readSettings, type Settings } from '../schema/settings';

/** One dynamically registered content script, as the browser describes it. */
export interface SiteScript {
  readonly id: string;
  readonly matches?: readonly string[];
  readonly js?: readonly string[];
  readonly css?: readonly string[];
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The registration we ask for: the manifest content script's files and timing, for one site. */
export interface SiteScriptRegistration {
  id: string;
  matches: string[];
  js: string[];
  css: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

/** The slice of `browser` this module needs (fakeBrowser implements none of it). */
export interface SiteApis {
  readonly permissions: {
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    contains(permissions: { origins: string[] }): Promise<boolean>;
  };
  readonly scripting: {
    registerContentScripts(scripts: SiteScriptRegistration[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<SiteScript[]>;
  };
}

const defaultApis = (): SiteApis => browser;

/** Registered scripts we own start with this; anything else registered is left alone. */
export const SITE_SCRIPT_PREFIX = 'plens-site:';

export function scriptIdFor(pattern: string): string {
  return `${SITE_SCRIPT_PREFIX}${pattern}`;
}

export function registrationFor(pattern: string): SiteScriptRegistration {
  return {
    id: scriptIdFor(pattern),
    matches: [pattern],
    // The same scripts and stylesheet the manifest content script uses (WXT output paths).
    js: [...CONTENT_SCRIPT_FILES],
    css: ['content-scripts/content.css'],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

export type NormalisedSite =
  | { readonly ok: true; readonly pattern: string }
  | { readonly ok: false; readonly message: string };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/**
 * What the user typed → a match pattern for the whole origin: `records.example.nhs.uk`,
 * `https://records.example.nhs.uk/patient/123` and `RECORDS.example.nhs.uk/` all become
 * `https://records.example.nhs.uk/*`. Clinical systems must be https; only the local demo server
 * may be http.
 */
export function normaliseSiteInput(input: string): NormalisedSite {
  const typed = input.trim().toLowerCase();
  if (typed === '') {
    return { ok: false, message: 'Type the address of the site, e.g. records.example.nhs.uk.' };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(typed) ? typed : `https://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      ok: false,
      message: `“${input.trim()}” is not a web address. Type a site address such as records.example.nhs.uk.`,
    };
  }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) {
    return {
      ok: false,
      message: 'Only https:// sites can be added: a clinical system must use a secure connection.',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'Only https:// web sites can be added.' };
  }
  if (url.username || url.password) {
    return { ok: false, message: 'Leave out any user name or password from the address.' };
  }
  const pattern = `${url.protocol}//${url.host}/*`;
  if (!isSitePattern(pattern)) {
    return {
      ok: false,
      message: `“${input.trim()}” is not a site address the extension can run on. Type one such as records.example.nhs.uk.`,
    };
  }
  return { ok: true, pattern };
}

function hostOf(pattern: string): string {
  const host = pattern.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');
  // Drop a ":port" by position: /(:\d+)?\/\*$/ backtracks over every run of digits.
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^\d+$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

/**
 * True when a built-in manifest pattern already covers every page `pattern` does. Registering such
 * a site again would run the content script twice in the same page. Ports are ignored: a match
 * pattern without a port matches every port.
 */
export function isBuiltInSite(
  pattern: string,
  builtIn: readonly string[] = CLINICAL_HOST_MATCHES,
): boolean {
  const scheme = pattern.slice(0, pattern.indexOf('://'));
  const host = hostOf(pattern);
  return builtIn.some((b) => {
    if (!b.startsWith(`${scheme}://`)) return false;
    const bHost = hostOf(b);
    if (!bHost.startsWith('*.')) return host === bHost;
    const domain = bHost.slice(2);
    const bare = host.startsWith('*.') ? host.slice(2) : host;
    return bare === domain || bare.endsWith(`.${domain}`);
  });
}

export type SiteOutcome =
  | { readonly ok: true; readonly pattern: string; readonly message: string }
  | { readonly ok: false; readonly pattern?: string; readonly message: string };

async function writeSites(update: (sites: readonly string[]) => readonly string[]): Promise<void> {
  const current = readSettings(await settingsItem.getValue());
  const next: Settings = { ...current, sites: [...update(current.sites)] };
  await settingsItem.setValue(next);
}

async function isRegistered(apis: SiteApis, id: string): Promise<boolean> {
  const scripts = await apis.scripting.getRegisteredContentScripts({ ids: [id] });
  return scripts.some((s) => s.id === id);
}

/**
 * Turns the extension on for a site. Must be called straight from a click or key handler: browsers
 * only show the permission prompt during a user gesture, so nothing is awaited before `request`.
 */
export function enableSite(input: string, apis: SiteApis = defaultApis()): Promise<SiteOutcome> {
  const site = normaliseSiteInput(input);
  if (!site.ok) return Promise.resolve({ ok: false, message: site.message });
  const { pattern } = site;
  if (isBuiltInSite(pattern)) {
    return Promise.resolve({
      ok: false,
      pattern,
      message: `${pattern} is one of the clinical systems the extension always runs on; there is nothing to add.`,
    });
  }
  const requested = apis.permissions.request({ origins: [pattern] });
  return requested.then(
    async (granted): Promise<SiteOutcome> => {
      if (!granted) {
        return {
          ok: false,
          pattern,
          message: `Access to ${pattern} was not allowed, so the site was not added.`,
        };
      }
      try {
        const id = scriptIdFor(pattern);
        if (!(await isRegistered(apis, id))) {
          await apis.scripting.registerContentScripts([registrationFor(pattern)]);
        }
      } catch (error) {
        // Least privilege: give back a permission we cannot use.
        await apis.permissions.remove({ origins: [pattern] }).catch(() => false);
        return {
          ok: false,
          pattern,
          message: `The browser would not run the extension on ${pattern} (${errorText(error)}). Nothing was changed.`,
        };
      }
      await writeSites((sites) => (sites.includes(pattern) ? sites : [...sites, pattern]));
      return {
        ok: true,
        pattern,
        message: `Prescribing Lens is now on for ${pattern}. Reload any open tabs of that site.`,
      };
    },
    (error: unknown): SiteOutcome => ({
      ok: false,
      pattern,
      message: `The browser could not ask for access to ${pattern} (${errorText(error)}).`,
    }),
  );
}

/** Turns a site off: unregisters its script, gives back its permission, forgets the setting. */
export async function disableSite(
  pattern: string,
  apis: SiteApis = defaultApis(),
): Promise<SiteOutcome> {
  const id = scriptIdFor(pattern);
  if (await isRegistered(apis, id)) await apis.scripting.unregisterContentScripts({ ids: [id] });
  await writeSites((sites) => sites.filter((s) => s !== pattern));
  // A failed removal (e.g. the permission was already revoked) leaves nothing to undo.
  await apis.permissions.remove({ origins: [pattern] }).catch(() => false);
  return {
    ok: true,
    pattern,
    message: `Prescribing Lens is now off for ${pattern}. Open tabs of that site keep their marks until reloaded.`,
  };
}

export interface ReconcileResult {
  readonly registered: readonly string[];
  readonly unregistered: readonly string[];
  /** Wanted sites whose permission is not granted (the options page offers to grant them). */
  readonly notGranted: readonly string[];
  readonly failed: readonly { readonly pattern: string; readonly message: string }[];
}

/**
 * Makes our registered scripts exactly `granted ∩ wanted` (wanted: `settings.sites`, i.e. the
 * effective settings, which include the policy's `allowedSites`). For the background on start-up
 * and whenever settings or policy change.
 */
export async function reconcileSites(
  settings: Pick<Settings, 'sites'>,
  apis: SiteApis = defaultApis(),
): Promise<ReconcileResult> {
  const wanted = [...new Set(settings.sites)].filter((p) => isSitePattern(p) && !isBuiltInSite(p));
  const granted: string[] = [];
  const notGranted: string[] = [];
  for (const pattern of wanted) {
    if (await apis.permissions.contains({ origins: [pattern] })) granted.push(pattern);
    else notGranted.push(pattern);
  }
  const target = new Map(granted.map((p) => [scriptIdFor(p), p]));
  const ours = (await apis.scripting.getRegisteredContentScripts()).filter((s) =>
    s.id.startsWith(SITE_SCRIPT_PREFIX),
  );

  // A registration for the right id but other matches or files (edited by hand, or made by an
  // older version, e.g. content.js without the rules data it now needs) is redone.
  const stale = ours.filter((s) => {
    const pattern = target.get(s.id);
    if (pattern === undefined) return true;
    const wanted = registrationFor(pattern);
    return (
      !sameList(s.matches, wanted.matches) ||
      !sameList(s.js, wanted.js) ||
      !sameList(s.css, wanted.css)
    );
  });
  if (stale.length > 0) {
    await apis.scripting.unregisterContentScripts({ ids: stale.map((s) => s.id) });
  }
  const kept = new Set(ours.filter((s) => !stale.includes(s)).map((s) => s.id));

  const registered: string[] = [];
  const failed: { pattern: string; message: string }[] = [];
  for (const [id, pattern] of target) {
    if (kept.has(id)) continue;
    try {
      await apis.scripting.registerContentScripts([registrationFor(pattern)]);
      registered.push(pattern);
    } catch (error) {
      failed.push({ pattern, message: errorText(error) });
    }
  }
  const unregistered = stale
    .filter((s) => !target.has(s.id))
    .map((s) => s.matches?.[0] ?? s.id.slice(SITE_SCRIPT_PREFIX.length));
  return { registered, unregistered, notGranted, failed };
}

/** One site as the options page lists it. */
export interface SiteStatus {
  readonly pattern: string;
  /** Turned on by this user (they can remove it). */
  readonly byUser: boolean;
  /** Listed by enterprise policy (`allowedSites`); only the policy can remove it. */
  readonly byPolicy: boolean;
  /** Whether the browser has granted the host permission. */
  readonly granted: boolean;
}

export async function describeSites(
  userSites: readonly string[],
  policySites: readonly string[],
  apis: SiteApis = defaultApis(),
): Promise<SiteStatus[]> {
  const all = [...new Set([...policySites, ...userSites])];
  return Promise.all(
    all.map(async (pattern) => ({
      pattern,
      byUser: userSites.includes(pattern),
      byPolicy: policySites.includes(pattern),
      granted: await apis.permissions.contains({ origins: [pattern] }).catch(() => false),
    })),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
