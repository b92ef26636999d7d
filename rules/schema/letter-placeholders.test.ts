import { describe, expect, test } from 'vitest';
import * as v from 'valibot';
import { LetterTemplateSchema } from './rule-pack';
import { letterPlaceholders, replacePlaceholders } from './letter-placeholders';

const letter = (body: string) => ({
  id: 'x',
  title: 'A letter',
  audience: 'practice' as const,
  body,
});

describe('letterPlaceholders', () => {
  test.each([
    ['Dear {{drug}}', ['drug']],
    ['{{ drug }} and {{\tdate }}', ['drug', 'date']],
    ['{{drug}}{{date}}', ['drug', 'date']],
    ['{{}}', ['']],
    ['{{ }}', ['']],
    ['{{nope}', []],
    ['{drug}}', []],
    ['{{{drug}}}', ['drug']],
    ['{{{{ drug }}', ['drug']],
    ['no braces', []],
    ['{{drug', []],
  ])('%j → %j', (body, keys) => {
    expect(letterPlaceholders(body).map((p) => p.key)).toEqual(keys);
  });

  test('a placeholder ends at the first "}}" after its "{{" (as the old expression read it)', () => {
    expect(letterPlaceholders('{{a}b}}').map((p) => p.key)).toEqual([]);
    expect(letterPlaceholders('{{ a }} {{b}}').map((p) => [p.start, p.end])).toEqual([
      [0, 7],
      [8, 13],
    ]);
  });
});

describe('replacePlaceholders', () => {
  test('replaces each placeholder by its value, leaving the rest as written', () => {
    expect(replacePlaceholders('A {{ x }} B {{y}} C', (key) => key.toUpperCase())).toBe(
      'A X B Y C',
    );
  });
  test('a value is inserted as text, never re-read', () => {
    expect(replacePlaceholders('{{x}}', () => '{{y}} $&')).toBe('{{y}} $&');
  });
});

// Red-team finding (issue 16, high): `/\{\{\s*([^}]*?)\s*\}\}/g` backtracked polynomially on "{{"×N
// followed by 2N spaces: 86 s for an 8,000-character body, accepted, and re-validated in every frame.
describe('hostile letter bodies are read in linear time', () => {
  const hostile = [
    ['"{{"×N then 2N spaces', '{{'.repeat(2000) + ' '.repeat(3999)],
    ['"{{ " repeated', '{{ '.repeat(2666)],
    ['"{{" then spaces then "}"', '{{' + ' '.repeat(7990) + '}'],
    ['"{{x" repeated', '{{x'.repeat(2666)],
    ['long runs of spaces before each line end', (' '.repeat(3990) + 'x\n').repeat(2)],
  ] as const;

  test.each(hostile)('%s: validated quickly, and judged correctly', (_name, body) => {
    const started = performance.now();
    const result = v.safeParse(LetterTemplateSchema, letter(body));
    // The old expression took tens of seconds here; a linear scan takes well under a millisecond.
    // The bound is generous so a busy machine cannot fail it; it only catches super-linear work.
    expect(performance.now() - started).toBeLessThan(250);
    expect(result.success).toBe(true);
  });

  test('unknown placeholders are still refused', () => {
    expect(v.safeParse(LetterTemplateSchema, letter('Hello {{ patient }}')).success).toBe(false);
    expect(v.safeParse(LetterTemplateSchema, letter('Hello {{}}')).success).toBe(false);
    expect(v.safeParse(LetterTemplateSchema, letter('Hello {{ drug }}')).success).toBe(true);
  });
});
