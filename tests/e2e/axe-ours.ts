/**
 * axe (WCAG 2.2 A/AA, real layout, colour contrast included) on our own UI only: the overlay's
 * shadow root on a clinical page (the fixture page's own markup is not ours to judge), or a whole
 * extension page (the popup).
 */
import type { Page } from '@playwright/test';
import axe from 'axe-core';

export async function axeOnOurs(page: Page, scope: 'overlay' | 'page'): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (scope) => {
    const engine = (
      globalThis as unknown as {
        axe: {
          run(
            context: unknown,
            options: object,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const context = scope === 'overlay' ? { include: [['plens-overlay']] } : document;
    const result = await engine.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
  }, scope);
}

/** axe (WCAG 2.2 A/AA) on a whole extension page (popup, options, workload, welcome): every violation, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const result = await (
      globalThis as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`,
    );
  });
}
