/**
 * Which validated packs are in force, from what storage and policy hold. Pure. Every stored pack is
 * re-validated on read (storage can be corrupted or written by an older version): a bad layer is
 * dropped with a plain-English problem, and the bundled national pack always remains.
 */
import { formatIssue } from './issues';
import type { LayeredPack, Layer } from './merge';
import { parsePackText } from './parse';
import { validatePack } from './validate';
import type { RulePack } from '../schema/rule-pack';
import type { ManagedConfig } from '../schema/settings';

/** A local pack as the options page stored it: the admin's file, verbatim, so it can be exported. */
export interface StoredPack {
  readonly text: string;
  readonly fileName: string;
  readonly importedAt: string;
}

/** The last good URL pack the background fetched and verified. */
export interface StoredUrlPack {
  readonly url: string;
  readonly text: string;
  readonly fetchedAt: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** The detached signature it was accepted with, re-verified before every use (issue #16). */
  readonly signature?: string;
  /** RFC 7638 thumbprint of the policy key that verified it: a rotated key drops the cache. */
  readonly keyThumbprint?: string;
  /** The last time the server confirmed this pack (download or 304); old = warn clinicians. */
  readonly verifiedAt?: string;
}

export interface LayerProblem {
  readonly layer: Layer;
  readonly message: string;
}

export interface RuleLayers {
  readonly layers: readonly LayeredPack[];
  readonly problems: readonly LayerProblem[];
}

/** Whether a stored value has the shape the options page writes (its text is still unchecked). */
export function isStoredPack(value: unknown): value is StoredPack {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return (
    typeof o.text === 'string' && typeof o.fileName === 'string' && typeof o.importedAt === 'string'
  );
}

/** Parses and validates pack text; the reason on failure names the first problems. */
export function packFromText(
  text: string,
  knownRuleIds?: ReadonlySet<string>,
): { pack: RulePack } | { error: string } {
  const parsed = parsePackText(text);
  if (!parsed.ok) return { error: parsed.issues.map(formatIssue).join('; ') };
  const validated = validatePack(parsed.value, knownRuleIds ? { knownRuleIds } : {});
  if (!validated.ok) {
    const errors = validated.issues.filter((i) => i.severity === 'error');
    const shown = errors.slice(0, 3).map(formatIssue).join('; ');
    return { error: errors.length > 3 ? `${shown}; and ${errors.length - 3} more` : shown };
  }
  return { pack: validated.value };
}

export interface LayerSources {
  /** The national pack shipped with the extension (rules/bundled), always the first layer. */
  readonly bundled: RulePack;
  /** Raw `local:localPack` value. */
  readonly local: unknown;
  /** Raw `local:urlPack` value (last good URL pack). */
  readonly urlPack: unknown;
  readonly managed: ManagedConfig;
}

export function buildLayers({ bundled, local, urlPack, managed }: LayerSources): RuleLayers {
  const layers: LayeredPack[] = [{ layer: 'bundled', pack: bundled }];
  const problems: LayerProblem[] = [];
  // Services and directory entries in upper layers may cover bundled (or local) rules by id.
  const known = new Set(bundled.rules.map((r) => r.id));

  if (local !== null && local !== undefined) {
    if (!isStoredPack(local)) {
      problems.push({
        layer: 'local',
        message:
          'The stored local pack is unreadable (storage corrupted); using the national pack. Import it again.',
      });
    } else {
      const result = packFromText(local.text, known);
      if ('pack' in result) {
        layers.push({ layer: 'local', pack: result.pack });
        for (const r of result.pack.rules) known.add(r.id);
      } else
        problems.push({
          layer: 'local',
          message: `The stored local pack "${local.fileName}" no longer validates (${result.error}); using the national pack. Import a corrected pack.`,
        });
    }
  }

  // Policy: an inline pack wins over a URL pack if both are set (it needs no network).
  if (managed.inlinePack !== undefined) {
    const result = packFromText(managed.inlinePack, known);
    if ('pack' in result) layers.push({ layer: 'managed', pack: result.pack });
    else
      problems.push({
        layer: 'managed',
        message: `The pack set by enterprise policy is invalid (${result.error}); it is not in use.`,
      });
  } else if (managed.packUrl !== undefined && urlPack !== null && urlPack !== undefined) {
    const stored = urlPack as Partial<StoredUrlPack>;
    if (typeof stored.text === 'string' && stored.url === managed.packUrl) {
      const result = packFromText(stored.text, known);
      if ('pack' in result) layers.push({ layer: 'managed', pack: result.pack });
      else
        problems.push({
          layer: 'managed',
          message: `The cached policy pack no longer validates (${result.error}).`,
        });
    }
  }
  return { layers, problems };
}
