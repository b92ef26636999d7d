/**
 * Prescriber preferences and the enterprise policy that can lock them. Pure: schemas and merging
 * only. Values come from storage or policy, so they are validated on every read, never trusted.
 */
import * as v from 'valibot';
import { ICB_IDS, placeCodesOf, PLACE_CODES, type IcbId } from './icb-ids';
import { CATEGORIES, isSafeHttpsUrl, MAX_PACK_BYTES, type Category } from './rule-pack';

export type HighlightStyle = 'tint' | 'underline';

/**
 * Which ICB the practice is in and which commissioned services it provides (#19): an organisational
 * setting, never patient data. Service ids are those the packs in force define (`services`); an id
 * no pack defines any more is kept but does nothing, so a pack update cannot silently rewrite it.
 */
export interface PracticeProfile {
  /** The practice's ICB, which picks the local directory entries; null: not chosen yet. */
  readonly icb: IcbId | null;
  /** Ids of the services the practice provides (signed up to). */
  readonly services: readonly string[];
  /**
   * The ODS code of the practice's sub-ICB location ("place", e.g. "01F"), where its ICB has more
   * than one; local services often differ by place. Absent: not chosen, or the ICB has one place.
   */
  readonly place?: string;
}

/**
 * What a flag does for a medicine the practice is commissioned to prescribe: `quiet` paints it as
 * a possible match (dotted, no trap colour); `hidden` does not paint it at all.
 */
export type CommissionedFlags = 'quiet' | 'hidden';

export interface Settings {
  /** Which categories are flagged at all. */
  readonly categories: Readonly<Record<Category, boolean>>;
  /** `tint`: light background + underline (default); `underline`: underline only, quieter. */
  readonly highlightStyle: HighlightStyle;
  /** Extra sites (origins as match patterns, e.g. `https://records.example.nhs.uk/*`) the user turned on. */
  readonly sites: readonly string[];
  /** The practice profile; absent: not set, so cards show the national position and say so. */
  readonly practice?: PracticeProfile;
  /** How medicines the practice is commissioned for are flagged; absent: `quiet`. */
  readonly commissionedFlags?: CommissionedFlags;
}

export const DEFAULT_SETTINGS: Settings = {
  categories: {
    'shared-care': true,
    'specialist-initiation': true,
    'no-commissioned-service': true,
    'dependence-forming': true,
  },
  highlightStyle: 'tint',
  sites: [],
};

/** A site pattern we will register a content script for: https (or local http) origin, any path. */
const SITE_PATTERN =
  /^(https:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+|http:\/\/(127\.0\.0\.1|localhost))(:\d{1,5})?\/\*$/;

/**
 * Suffixes under which each next label is a different organisation (public registries, and shared
 * hosting where anyone can publish): `https://*.co.uk/*` or `*.nhs.uk` would run us, and show our
 * flags, on every site below them (issue #16). Not the whole Public Suffix List, which is too large
 * to ship: the UK registries a GP practice meets, common others, and big shared hosts.
 */
const BROAD_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'nhs.uk',
  'gov.uk',
  'ac.uk',
  'net.uk',
  'ltd.uk',
  'plc.uk',
  'me.uk',
  'sch.uk',
  'police.uk',
  'mod.uk',
  'nic.uk',
  'nhs.net',
  'gov.scot',
  'gov.wales',
  'com.au',
  'net.au',
  'org.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'co.za',
  'co.in',
  'co.jp',
  'com.br',
  'github.io',
  'gitlab.io',
  'azurewebsites.net',
  'cloudfront.net',
  'herokuapp.com',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'web.app',
  'firebaseapp.com',
  'appspot.com',
  'blogspot.com',
  'amazonaws.com',
]);

/** True for a wildcard that covers a whole registry or shared host (`*.nhs.uk`, `*.github.io`). */
export function isTooBroadWildcard(pattern: string): boolean {
  if (!pattern.startsWith('https://*.')) return false;
  const rest = pattern.slice('https://*.'.length);
  const end = rest.search(/[:/]/);
  const host = end >= 0 ? rest.slice(0, end) : rest;
  const labels = host.split('.');
  return labels.length < 2 || BROAD_SUFFIXES.has(host);
}

export function isSitePattern(value: string): boolean {
  return SITE_PATTERN.test(value) && !isTooBroadWildcard(value);
}

/**
 * A schema built when first used rather than when this module loads: every frame of a clinical
 * page loads it, and most frames read settings with no practice profile and no policy, so the
 * profile's and the policy's schemas (the ICB and place lists among them) are never needed there
 * (issue 22, start-up per frame).
 */
function builtOnce<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => (schema ??= build());
}

const categoriesSchema = builtOnce(() =>
  v.partial(
    v.object(
      Object.fromEntries(CATEGORIES.map((c) => [c, v.boolean()])) as Record<
        Category,
        v.BooleanSchema<undefined>
      >,
    ),
  ),
);

const SERVICE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const practiceProfileSchema = builtOnce(() =>
  v.object({
    icb: v.nullable(v.picklist(ICB_IDS, 'practice.icb must be one of the 42 ICB ids')),
    services: v.pipe(
      v.array(v.pipe(v.string(), v.regex(SERVICE_ID, 'practice.services must be service ids'))),
      v.maxLength(100),
    ),
    place: v.optional(v.picklist(PLACE_CODES, 'practice.place must be a sub-ICB location code')),
  }),
);

const commissionedFlagsSchema = builtOnce(() => v.picklist(['quiet', 'hidden']));

// `v.lazy`: the profile's schema is built only when stored settings have a profile.
const settingsSchema = builtOnce(() =>
  v.object({
    categories: v.optional(categoriesSchema()),
    highlightStyle: v.optional(v.picklist(['tint', 'underline'])),
    sites: v.optional(v.array(v.pipe(v.string(), v.check(isSitePattern)))),
    practice: v.optional(v.lazy(practiceProfileSchema)),
    commissionedFlags: v.optional(commissionedFlagsSchema()),
  }),
);

/**
 * A profile from storage or policy, without duplicate service ids. A place that is not one of the
 * ICB's (the ICB was changed, or policy paired them wrongly) is dropped rather than kept: a place
 * in another ICB would pick the wrong local services.
 */
function profileOf(p: { icb: IcbId | null; services: string[]; place?: string }): PracticeProfile {
  const place =
    p.place !== undefined && placeCodesOf(p.icb).includes(p.place) ? p.place : undefined;
  return { icb: p.icb, services: [...new Set(p.services)], ...(place ? { place } : {}) };
}

/** Stored settings, repaired: invalid or missing parts take their defaults. */
export function readSettings(stored: unknown): Settings {
  const parsed = v.safeParse(settingsSchema(), stored ?? {});
  if (!parsed.success) return DEFAULT_SETTINGS;
  const s = parsed.output;
  return {
    categories: { ...DEFAULT_SETTINGS.categories, ...s.categories },
    highlightStyle: s.highlightStyle ?? DEFAULT_SETTINGS.highlightStyle,
    sites: s.sites ?? [],
    ...(s.practice ? { practice: profileOf(s.practice) } : {}),
    ...(s.commissionedFlags ? { commissionedFlags: s.commissionedFlags } : {}),
  };
}

/** What an admin can set through enterprise policy (`storage.managed`; see public/managed_schema.json). */
export interface ManagedConfig {
  /** A whole rule pack as JSON text, the top layer. */
  readonly inlinePack?: string;
  /** https URL of a signed pack, fetched by the background worker. */
  readonly packUrl?: string;
  /** ECDSA P-256 public key (JWK, as JSON text or object) that URL packs must be signed with. */
  readonly packPublicKey?: unknown;
  /** Preferences forced by policy; the options page shows them locked. */
  readonly lockedSettings?: {
    readonly categories?: Readonly<Partial<Record<Category, boolean | undefined>>>;
    readonly highlightStyle?: HighlightStyle;
    /** The practice profile, set for every user of this browser (#19); shown locked. */
    readonly practice?: PracticeProfile;
    readonly commissionedFlags?: CommissionedFlags;
  };
  /** Sites the admin wants the extension on (granted through the options page or the toolbar). */
  readonly allowedSites?: readonly string[];
  /**
   * Hosts that source links may point to (e.g. `www.england.nhs.uk`, `*.nhs.uk`); links elsewhere
   * are shown as plain text. Absent: any https link.
   */
  readonly allowedLinkHosts?: readonly string[];
}

const allowedSite = builtOnce(() =>
  v.pipe(v.string(), v.check(isSitePattern, 'not a site pattern')),
);
const allowedLinkHost = builtOnce(() =>
  v.pipe(
    v.string(),
    v.regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'allowedLinkHosts entries must be host names'),
  ),
);

const managedSchema = builtOnce(() =>
  v.object({
    inlinePack: v.optional(v.pipe(v.string(), v.maxLength(MAX_PACK_BYTES))),
    packUrl: v.optional(
      v.pipe(v.string(), v.check(isSafeHttpsUrl, 'packUrl must be an https:// link')),
    ),
    packPublicKey: v.optional(v.unknown()),
    lockedSettings: v.optional(
      v.object({
        categories: v.optional(categoriesSchema()),
        highlightStyle: v.optional(v.picklist(['tint', 'underline'])),
        practice: v.optional(practiceProfileSchema()),
        commissionedFlags: v.optional(commissionedFlagsSchema()),
      }),
    ),
    allowedSites: v.optional(v.array(allowedSite())),
    allowedLinkHosts: v.optional(v.array(allowedLinkHost())),
  }),
);

export interface ManagedRead {
  readonly config: ManagedConfig;
  /** Plain-English problems with the policy, shown on the options page. */
  readonly problems: readonly string[];
}

export function readManaged(raw: unknown): ManagedRead {
  if (
    raw === null ||
    raw === undefined ||
    (typeof raw === 'object' && Object.keys(raw).length === 0)
  ) {
    return { config: {}, problems: [] };
  }
  const parsed = v.safeParse(managedSchema(), raw);
  if (parsed.success) {
    const o = parsed.output;
    const config: ManagedConfig = {
      ...(o.inlinePack !== undefined ? { inlinePack: o.inlinePack } : {}),
      ...(o.packUrl !== undefined ? { packUrl: o.packUrl } : {}),
      ...(o.packPublicKey !== undefined ? { packPublicKey: o.packPublicKey } : {}),
      ...(o.lockedSettings !== undefined
        ? {
            lockedSettings: {
              ...o.lockedSettings,
              ...(o.lockedSettings.practice
                ? { practice: profileOf(o.lockedSettings.practice) }
                : {}),
            },
          }
        : {}),
      ...(o.allowedSites !== undefined ? { allowedSites: o.allowedSites } : {}),
      ...(o.allowedLinkHosts !== undefined ? { allowedLinkHosts: o.allowedLinkHosts } : {}),
    };
    return { config, problems: [] };
  }
  return readManagedFieldByField(raw);
}

/**
 * One bad field must not discard the whole policy (issue #16): a typo in `allowedSites` used to
 * drop the locked settings and the pack too. Each field is read alone and a bad one is reported.
 * In the two lists, the good entries are kept: for `allowedLinkHosts` that fails closed (fewer
 * hosts allowed, never "no list, so every link allowed").
 */
function readManagedFieldByField(raw: unknown): ManagedRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { config: {}, problems: ['Enterprise policy ignored: (policy): not an object'] };
  const problems: string[] = [];
  const report = (key: string, issues: readonly v.BaseIssue<unknown>[]) => {
    for (const i of issues) {
      const path = v.getDotPath(i);
      problems.push(`Enterprise policy ignored: ${path ? `${key}.${path}` : key}: ${i.message}`);
    }
  };
  const config: Record<string, unknown> = {};
  const entries = managedSchema().entries as Record<string, v.GenericSchema>;
  for (const [key, value] of Object.entries(raw)) {
    const schema = entries[key];
    if (!schema) continue; // v.object ignores unknown keys too.
    const field = v.safeParse(schema, value);
    if (field.success) {
      if (field.output !== undefined) config[key] = field.output;
      continue;
    }
    if ((key === 'allowedSites' || key === 'allowedLinkHosts') && Array.isArray(value)) {
      const item = key === 'allowedSites' ? allowedSite() : allowedLinkHost();
      const kept: string[] = [];
      for (const entry of value as unknown[]) {
        const one = v.safeParse(item, entry);
        if (one.success) kept.push(one.output);
        else report(key, one.issues);
      }
      config[key] = kept;
      continue;
    }
    report(key, field.issues);
  }
  // The same repair as a whole good policy gets: a place outside the ICB never reaches a card.
  const locked = config.lockedSettings as ManagedConfig['lockedSettings'];
  if (locked?.practice) {
    const { icb, services, place } = locked.practice;
    config.lockedSettings = {
      ...locked,
      practice: profileOf({ icb, services: [...services], ...(place ? { place } : {}) }),
    };
  }
  return { config: config, problems };
}

/** The settings in force: the user's, with anything the policy locks overriding them. */
export function effectiveSettings(user: Settings, managed: ManagedConfig): Settings {
  const locked = managed.lockedSettings;
  return {
    categories: Object.fromEntries(
      CATEGORIES.map((c) => [c, locked?.categories?.[c] ?? user.categories[c]]),
    ) as Record<Category, boolean>,
    highlightStyle: locked?.highlightStyle ?? user.highlightStyle,
    sites: [...new Set([...user.sites, ...(managed.allowedSites ?? [])])],
    ...((locked?.practice ?? user.practice) ? { practice: locked?.practice ?? user.practice } : {}),
    ...((locked?.commissionedFlags ?? user.commissionedFlags)
      ? { commissionedFlags: locked?.commissionedFlags ?? user.commissionedFlags }
      : {}),
  };
}

/** True if `url`'s host is allowed by the policy's link hosts (`*.nhs.uk` covers subdomains). */
export function isLinkAllowed(url: string, allowedHosts: readonly string[] | undefined): boolean {
  if (!allowedHosts) return true;
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return allowedHosts.some((h) =>
    h.startsWith('*.') ? host === h.slice(2) || host.endsWith(h.slice(1)) : host === h,
  );
}
