/** Shared by bench/realworld/extract.ts and scripts/import-bnf-brands.ts. */
/**
 * "Co-codamol 8mg/500mg tablets (Actavis UK Ltd) 100 tablet10 x 10 tablets" → the product, up to
 * its supplier's closing bracket: the pack sizes after it would give one product many strings.
 */
export function withoutPack(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0 && --depth === 0 && /^ \d/.test(text.slice(i + 1, i + 3)))
      return text.slice(0, i + 1);
  }
  return text;
}
