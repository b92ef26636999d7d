/**
 * The active rule set as frames receive it: packs validated and compiled once, by the background,
 * and restored per frame. Pure. Frames never validate or compile a stored pack themselves: a large
 * or hostile local pack used to be re-validated and re-compiled in every frame of every page load
 * (issue 16). What a frame gets here was checked by `buildLayers` outside the page.
 */
import type { CompiledSnapshot } from '../engine';
import type { LayeredPack } from './merge';
import type { LayerProblem, RuleLayers } from './layers';

/** Bumped whenever the shape below changes, so an older snapshot is rebuilt, not misread. */
export const RULES_SNAPSHOT_FORMAT = 1;

export interface RulesSnapshot {
  readonly format: number;
  /**
   * The extension version that built it. The bundled pack and name index change with the version,
   * so a snapshot from another version is never used.
   */
  readonly builtBy: string;
  /** The validated layers above the bundled pack (local, managed), in order. */
  readonly layers: readonly LayeredPack[];
  readonly problems: readonly LayerProblem[];
  /**
   * The whole set (bundled + layers) compiled, or null when only the bundled pack is in force:
   * frames then use the set compiled when the extension was built.
   */
  readonly compiled: CompiledSnapshot | null;
}

/**
 * As stored: the snapshot's body as one JSON string. Chrome moves a string between processes far
 * faster than the same data as nested objects (a 4.5 MB pack: ~1 s per frame as objects).
 */
export interface StoredRulesSnapshot {
  readonly format: number;
  readonly builtBy: string;
  readonly body: string;
}

/** What the background stores after validating and compiling `rules`. */
export function buildRulesSnapshot(
  rules: RuleLayers,
  compiled: CompiledSnapshot | null,
  version: string,
): StoredRulesSnapshot {
  const body: Omit<RulesSnapshot, 'format' | 'builtBy'> = {
    layers: rules.layers.filter((l) => l.layer !== 'bundled'),
    problems: rules.problems,
    compiled: rules.layers.length > 1 ? compiled : null,
  };
  return { format: RULES_SNAPSHOT_FORMAT, builtBy: version, body: JSON.stringify(body) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseBody(text: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(text);
  } catch {
    return null;
  }
}

/**
 * The stored snapshot if it is one this version built, else null (none yet, another version's,
 * or damaged). Only its outline is checked: its packs were validated when it was built, and
 * checking them again is the per-frame cost this module exists to remove. `parse` may hand out
 * the body another frame of the page parsed from the same text (rules/bundled/shared-parse.ts):
 * the outline is still checked here, and nothing a page does changes the snapshot's objects.
 */
export function readRulesSnapshot(
  raw: unknown,
  version: string,
  parse: (text: string) => unknown = JSON.parse,
): RulesSnapshot | null {
  if (!isObject(raw) || typeof raw.body !== 'string') return null;
  if (raw.format !== RULES_SNAPSHOT_FORMAT || raw.builtBy !== version) return null;
  const body = parseBody(raw.body, parse);
  if (!isObject(body)) return null;
  const { layers, problems, compiled } = body;
  if (!Array.isArray(layers) || !Array.isArray(problems)) return null;
  const layersOk = layers.every(
    (l) =>
      isObject(l) &&
      (l.layer === 'local' || l.layer === 'managed') &&
      isObject(l.pack) &&
      Array.isArray(l.pack.rules),
  );
  const problemsOk = problems.every((p) => isObject(p) && typeof p.message === 'string');
  const compiledOk =
    compiled === null ||
    (isObject(compiled) &&
      Array.isArray(compiled.phrasesByFirst) &&
      Array.isArray(compiled.nameTokens));
  if (!layersOk || !problemsOk || !compiledOk) return null;
  if (layers.length > 0 !== (compiled !== null)) return null;
  return {
    ...(body as Omit<RulesSnapshot, 'format' | 'builtBy'>),
    format: RULES_SNAPSHOT_FORMAT,
    builtBy: version,
  };
}

/** A stored snapshot's identity, cheap to compare: its text (shared, not copied, by V8). */
export function rulesSnapshotKey(raw: unknown): string {
  if (!isObject(raw)) return '';
  return `${String(raw.format)}/${String(raw.builtBy)}/${typeof raw.body === 'string' ? raw.body : ''}`;
}
