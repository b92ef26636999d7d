/**
 * Start-up timing marks for the e2e benchmarks (`plens:start` → `plens:first-annotation`). The
 * page shares our performance timeline: in a store build a `plens:*` entry would tell any page
 * script that the extension runs (issue #16), so marks exist in test builds only.
 */
import { IS_TEST_BUILD } from '@/rules/config/build';

/** `detail` says how the step went (e.g. whether the rules came from an ancestor frame). */
export function markTiming(
  name: string,
  enabled: boolean = IS_TEST_BUILD,
  detail?: Readonly<Record<string, boolean>>,
): void {
  if (enabled) performance.mark(name, detail ? { detail } : undefined);
}

export function measureTiming(name: string, start: string, enabled: boolean = IS_TEST_BUILD): void {
  if (enabled) performance.measure(name, start);
}
