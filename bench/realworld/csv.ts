/** CSV reading for bench/realworld/extract.ts and scripts/import-bnf-brands.ts. */
import { readFileSync } from 'node:fs';

/** RFC 4180 fields of one line (the sources quote fields that hold commas); `sep` for TSV. */
export function fields(line: string, sep = ','): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'latin1').replace(/\r/g, '').split('\n').filter(Boolean);
  // CPRD code lists are tab-separated with quoted names.
  const sep = (lines[0] ?? '').includes('\t') ? '\t' : ',';
  const head = fields(lines[0] ?? '', sep);
  return lines.slice(1).map((l) => {
    const f = fields(l, sep);
    return Object.fromEntries(head.map((h, i) => [h, (f[i] ?? '').trim()]));
  });
}
