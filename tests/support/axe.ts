import axe from 'axe-core';

/**
 * Runs axe on rendered markup (Hypothesis `checkAccessibility`). Colour contrast needs layout,
 * which happy-dom lacks; it is checked by the e2e screenshots' fixed palette instead.
 */
export async function axeViolations(root: Element): Promise<string[]> {
  const result = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.help}`);
}
