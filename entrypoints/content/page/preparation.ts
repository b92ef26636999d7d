/**
 * Before a long page's first scan, the work its first text run would otherwise do in one go: take
 * the rules (page/shared-rules.ts), then build the engine's first-use tables
 * (rules/engine/warm-up.ts), one step per task. On the 340,000-node page V8 is often still marking
 * the page's DOM then, and whichever script allocates pays for part of it: all of this in the
 * first run made a 100–180 ms task, where each step alone stays well under 50 ms
 * (bench/README.md). Short pages (frames, small records) skip it: their first run pays the same
 * total in one short task, and some never need the fuzzy tables at all.
 */
import type { ActiveRules } from './active-rules';

/**
 * A `prepare` hook for the Annotator: each call runs one step and says true, then false once
 * done. `isLongPage` is asked once, at the first call. `dataSteps` parse what the rules are
 * restored from (rules/bundled/page.ts, bundledDataSteps); the next step takes `rules()` (the
 * frame's rules are taken at their first use); the tables are those of the engine that came with
 * them, which may be a frame's above (page/shared-rules.ts).
 */
export function preparation(
  isLongPage: () => boolean,
  rules: () => ActiveRules,
  dataSteps: readonly (() => void)[] = [],
): () => boolean {
  let steps: Iterator<void> | null = null;
  function* all(): Generator<void, void, void> {
    if (!isLongPage()) return;
    for (const step of dataSteps) {
      step();
      yield;
    }
    const active = rules();
    const set = active.compiled;
    yield;
    for (const step of active.warmUpSteps(set)) {
      step();
      yield;
    }
  }
  return () => !(steps ??= all()).next().done;
}
