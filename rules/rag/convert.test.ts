/**
 * The converter as an admin meets it: a traffic-light list goes in; out come a pack that validates
 * and flags the right medicines alongside the bundled pack, and a report that accounts for every row.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { matchText } from '../engine';
import { activateRuleSet } from '../bundled';
import { parsePackText } from '../loader/parse';
import { validatePack } from '../loader/validate';
import { formatPack } from '../packs/format-pack';
import type { RulePack } from '../schema/rule-pack';
import { convertRagCsv, type ConvertOptions, type RagConversion } from './convert';
import { parseRagMappingText, type RagMapping } from './mapping';

function loadBundled(): RulePack {
  const parsed = parsePackText(readFileSync('rules/packs/core.json', 'utf8'));
  const result = parsed.ok ? validatePack(parsed.value) : null;
  if (!result?.ok) throw new Error('core.json does not validate');
  return result.value;
}

function loadMapping(path: string): RagMapping {
  const result = parseRagMappingText(readFileSync(path, 'utf8'));
  if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.issues)}`);
  return result.value;
}

const bundled = loadBundled();
const mapping = loadMapping('tests/fixtures/rag/example-icb.mapping.json');
const TODAY = '2026-11-24';

function convert(
  input: Uint8Array | string,
  options: ConvertOptions = {},
  map: RagMapping = mapping,
): RagConversion {
  return convertRagCsv(input, map, bundled, { today: TODAY, ...options });
}

const NO_RULES =
  'No row became a rule: every row was skipped (not flagged) or left out; see the report';
const HEADER = 'BNF Chapter,Drug,Brand names,Traffic light,Comments,Link';
/** A small list in the sample's layout: one line per row after the header. */
const list = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

function ruleOf(result: RagConversion, id: string) {
  const rule = result.pack?.rules.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id} in ${JSON.stringify(result.report, null, 1)}`);
  return rule;
}

const problemsOf = (result: RagConversion) =>
  result.report.problems.map((p) => [p.kind, p.rows] as const);

describe('the 102-row sample list (tests/fixtures/rag/example-icb-traffic-lights.csv)', () => {
  const bytes = new Uint8Array(readFileSync('tests/fixtures/rag/example-icb-traffic-lights.csv'));
  const result = convert(bytes);
  const { report } = result;
  const pack = result.pack;

  test('becomes a pack that validates, in canonical form, with no errors', () => {
    expect(report.errors).toEqual([]);
    expect(pack).not.toBeNull();
    const reparsed = parsePackText(formatPack(pack));
    const validated = reparsed.ok ? validatePack(reparsed.value, { today: TODAY }) : null;
    expect(validated?.ok).toBe(true);
    expect(validated?.ok && validated.warnings).toEqual([]);
  });

  test('was read as UTF-8 with a byte-order mark, comma-separated, one blank row', () => {
    expect([report.encoding, report.delimiter, report.dataRows, report.blankRows]).toEqual([
      'utf-8',
      ',',
      102,
      1,
    ]);
  });

  test('lists exactly the messy rows as problems', () => {
    expect(problemsOf(result)).toEqual([
      ['duplicate', [3, 89]], // Azathioprine listed twice
      ['link-not-https', [19]], // Clozapine's http:// link
      ['duplicate', [24, 25]], // Methylphenidate and Concerta XL
      ['unknown-status', [41]], // Nabiximols: an unquoted comma shifted the cells
      ['conflict', [52, 53]], // Buvidal red, Sixmo grey: one bundled rule
      ['conflict', [72, 73]], // Triptorelin by indication
      ['ambiguous', [84]], // Nordimet: oral or injection?
      ['possible-misspelling', [88]], // Penicilamine
      ['blank-status', [102]], // Colistimethate
      ['missing-drug', [104]],
    ]);
    expect(report.problems.find((p) => p.rows[0] === 41)?.message).toMatch(
      /status "oromucosal spray".*7 cells but the header has 6.*comma inside a cell/,
    );
  });

  test('accounts for every row: overridden, new, skipped, left out or blank', () => {
    const seen = [
      ...report.overridden.flatMap((o) => o.rows),
      ...report.created.flatMap((o) => o.rows),
      ...report.skipped.map((s) => s.row),
      ...report.problems.filter((p) => p.outcome === 'left-out').flatMap((p) => p.rows),
      31, // the blank row
    ].sort((a, b) => a - b);
    expect(seen).toEqual(Array.from({ length: 103 }, (_, i) => i + 2));
  });

  test.each<[number, string, string[]]>([
    [82, 'methotrexate', ['shared-care']],
    [83, 'methotrexate-injection', ['no-commissioned-service']],
    [18, 'lithium', ['shared-care']],
    [24, 'methylphenidate', ['shared-care']],
    [21, 'aripiprazole-long-acting-injection', ['specialist-initiation']],
    [38, 'fentanyl-immediate-release', ['no-commissioned-service', 'dependence-forming']],
    [23, 'dosulepin', ['no-commissioned-service', 'dependence-forming']],
    [51, 'methadone', ['no-commissioned-service', 'dependence-forming']],
    [99, 'esketamine', ['no-commissioned-service', 'dependence-forming']],
    [7, 'sacubitril-valsartan', ['specialist-initiation']],
  ])('row %i overrides bundled rule %s as %j', (row, id, categories) => {
    expect(report.overridden.find((o) => o.rows.includes(row))?.ruleId).toBe(id);
    expect(ruleOf(result, id).categories).toEqual(categories);
  });

  test.each<[number, string, string[]]>([
    [40, 'cenobamate', ['Cenobamate', 'Ontozry']],
    [62, 'baloxavir-marboxil', ['Baloxavir marboxil', 'Xofluza']],
    // The national pack no longer flags DOACs or take-home naloxone (issue 17): a local red or
    // amber row for them becomes a local rule of its own.
    [14, 'dabigatran-etexilate', ['Dabigatran etexilate', 'Pradaxa']],
    [55, 'naloxone', ['Naloxone', 'Nyxoid']],
    [100, 'chloral-hydrate', ['Chloral hydrate']],
  ])('row %i becomes new rule %s named %j', (row, id, names) => {
    expect(report.created.find((o) => o.rows.includes(row))?.ruleId).toBe(id);
    expect(ruleOf(result, id).names).toEqual(names);
  });

  test('green rows are skipped, saying which bundled rule still flags them', () => {
    expect(report.skipped.map((s) => s.row)).toEqual([
      2, 11, 12, 13, 17, 22, 33, 34, 35, 36, 37, 46, 54, 56, 57, 58, 63, 64,
    ]);
    expect(report.skipped.find((s) => s.row === 54)).toMatchObject({
      drug: 'Buprenorphine patches (Butrans)',
      bundledRuleId: 'buprenorphine-transdermal',
      bundledCategories: ['dependence-forming'],
    });
    expect(report.skipped.find((s) => s.row === 2)?.bundledRuleId).toBeUndefined();
  });

  test('an overriding rule keeps the bundled names, forms and sources, and cites the local list first', () => {
    const injection = ruleOf(result, 'methotrexate-injection');
    const national = bundled.rules.find((r) => r.id === 'methotrexate-injection');
    expect(injection.names).toEqual(national?.names);
    expect(injection.forms).toEqual(national?.forms);
    expect(injection.sources[0]).toEqual({
      title: 'Example ICB APC traffic-light list',
      publisher: 'Example ICB Area Prescribing Committee',
      date: '2026-10',
      url: 'https://apc.example.nhs.uk/traffic-lights',
    });
    expect(injection.sources.slice(1)).toEqual(national?.sources);
  });

  test('brands from a combined brand cell join the bundled names', () => {
    const rule = ruleOf(result, 'methylphenidate');
    expect(rule.names.slice(-1)).toEqual(['Ritalin XL']);
    expect(report.overridden.find((o) => o.ruleId === 'methylphenidate')?.addedNames).toEqual([
      'Ritalin XL',
    ]);
  });

  test('the local wording is the position; the local label, qualifiers and comments are the notes', () => {
    const lithium = ruleOf(result, 'lithium');
    expect(lithium.position).toMatch(/^Amber shared care: the GP may take over prescribing only/);
    expect(lithium.notes).toBe(
      'Example ICB APC traffic-light list status: Amber SCP. Levels every 3 months once stable, renal and thyroid function every 6 months. See the shared care protocol.',
    );
    expect(lithium.sources[0]?.url).toBe('https://apc.example.nhs.uk/traffic-lights/lithium');
    expect(ruleOf(result, 'melatonin').notes).toContain('Listed as "Melatonin (children)".');
    expect(ruleOf(result, 'degarelix').advice).toMatch(/^Hospital \(specialist\) prescribing only/);
  });

  test('a new rule whose id a bundled rule already uses gets its own', () => {
    const ids = pack?.rules.map((r) => r.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  test('with the bundled pack, a screen flags what the local list says', () => {
    if (!pack) throw new Error('no pack');
    const { effective, compiled } = activateRuleSet(
      [
        { layer: 'bundled', pack: bundled },
        { layer: 'local', pack },
      ],
      { fuzzy: false },
    );
    const flag = (text: string) =>
      matchText(compiled, text).map((m) => {
        const resolved = effective.rules.get(m.ruleIds[0] ?? '');
        return [m.ruleIds.join('+'), resolved?.pack.layer, resolved?.rule.categories[0]];
      });
    expect(flag('Methotrexate 2.5mg tablets, take FOUR on Mondays')).toEqual([
      ['methotrexate', 'local', 'shared-care'],
    ]);
    expect(flag('Methotrexate 15mg/0.3ml solution for injection pre-filled pen')).toEqual([
      ['methotrexate-injection', 'local', 'no-commissioned-service'],
    ]);
    expect(flag('Cenobamate 50mg tablets')).toEqual([
      ['cenobamate', 'local', 'no-commissioned-service'],
    ]);
    expect(flag('Sertraline 50mg tablets')).toEqual([
      ['sertraline', 'bundled', 'dependence-forming'],
    ]);
    expect(flag('Triptorelin 11.25mg injection')).toEqual([
      ['triptorelin', 'bundled', 'shared-care'],
    ]);
  });
});

describe('names in a list find the bundled rule a screen would find', () => {
  test.each<[string, string, string]>([
    ['Methotrexate (oral)', '', 'methotrexate'],
    ['Methotrexate 2.5mg tablets', '', 'methotrexate'],
    ['Methotrexate injection', '', 'methotrexate-injection'],
    ['Methotrexate 10mg/0.2ml pre-filled syringes', '', 'methotrexate-injection'],
    ['Concerta XL', '', 'methylphenidate'],
    ['methylphenidate hydrochloride', '', 'methylphenidate'],
    [
      'Methylphenidate modified-release tablets',
      'Concerta XL / Xaggitin XL; Delmosart',
      'methylphenidate',
    ],
    ['Buprenorphine 5micrograms/hour transdermal patches', '', 'buprenorphine-transdermal'],
    ['Buprenorphine', 'Butrans', 'buprenorphine-transdermal'],
    ['Buprenorphine sublingual tablets', 'Subutex', 'buprenorphine-ost'],
    ['Fentanyl (Abstral)', '', 'fentanyl-immediate-release'],
    ['Fentanyl patches', '', 'fentanyl'],
    ['Abilify Maintena', '', 'aripiprazole-long-acting-injection'],
    ['Sacubitril/valsartan', '', 'sacubitril-valsartan'],
    ['CO-CODAMOL 30/500', '', 'codeine'],
    ['Xgeva', '', 'denosumab-oncology'],
  ])('%s (brands %j) → %s', (drug, brands, id) => {
    const result = convert(list(`x,"${drug}","${brands}",Red,,`));
    expect(result.report.problems).toEqual([]);
    expect(result.report.overridden.map((o) => o.ruleId)).toEqual([id]);
  });

  test.each<[string, RegExp]>([
    [
      'Methotrexate',
      /it is a name of bundled rules methotrexate \(shared-care\) and methotrexate-injection.*say which form/,
    ],
    ['Buprenorphine', /buprenorphine-ost .* and buprenorphine-transdermal/],
    ['Fentanyl', /fentanyl \(dependence-forming\) and fentanyl-immediate-release/],
    [
      'Sertraline (Prozac)',
      /"Sertraline" \(sertraline\), "Prozac" \(fluoxetine\) belong to different bundled rules/,
    ],
    [
      'Methylphenidate or atomoxetine',
      /belong to different bundled rules; give each medicine its own row/,
    ],
  ])('%s is ambiguous and left out', (drug, message) => {
    const result = convert(list(`x,${drug},,Red,,`));
    expect(problemsOf(result)).toEqual([['ambiguous', [2]]]);
    expect(result.report.problems[0]?.message).toMatch(message);
    expect(result.pack).toBeNull();
    expect(result.report.errors).toEqual([NO_RULES]);
  });

  test('a form column picks the form-specific rule', () => {
    const map: RagMapping = { ...mapping, columns: { ...mapping.columns, form: 'Form' } };
    const text = [
      'Drug,Form,Brand names,Traffic light,Comments,Link',
      'Methotrexate,Injection,,Red,,',
      'Methotrexate,Tablets,,Amber SCP,,',
    ].join('\n');
    const result = convert(text, {}, map);
    expect(result.report.overridden.map((o) => [o.ruleId, o.status])).toEqual([
      ['methotrexate-injection', 'Red'],
      ['methotrexate', 'Amber SCP'],
    ]);
  });

  test('a brand some other bundled rule lists sends the row back', () => {
    const result = convert(list('x,Sertraline,Prozac,Red,,'));
    expect(problemsOf(result)).toEqual([['ambiguous', [2]]]);
  });

  test('a generic two rules share goes with the brand of one of them (Denosumab, Xgeva)', () => {
    // "denosumab" names the osteoporosis rule and, with its 120mg strength, the oncology rule.
    for (const row of ['x,Denosumab (Xgeva),,Red,,', 'x,Denosumab,Xgeva,Red,,']) {
      const result = convert(list(row));
      expect(problemsOf(result)).toEqual([]);
      expect(result.report.overridden.map((o) => o.ruleId)).toEqual(['denosumab-oncology']);
    }
  });
});

describe('messy exports', () => {
  test('trailing spaces, a byte-order mark and CRLF change nothing', () => {
    const result = convert('\ufeff' + list('4.2 , Lithium carbonate   ,  Priadel , Amber SCP  ,,'));
    expect(result.report.problems).toEqual([]);
    expect(result.report.overridden.map((o) => [o.ruleId, o.status])).toEqual([
      ['lithium', 'Amber SCP'],
    ]);
  });

  test('quoted cells keep their commas; line breaks in them become spaces', () => {
    const result = convert(
      list('4.2,Lithium,"Priadel, Camcolit",Amber SCP,"Levels 3-monthly,\r\nthen 6-monthly.",'),
    );
    expect(ruleOf(result, 'lithium').notes).toBe(
      'Example ICB APC traffic-light list status: Amber SCP. Levels 3-monthly, then 6-monthly.',
    );
  });

  test('a blank status is reported with its row and the row is left out', () => {
    const result = convert(list('x,Lithium,,,,', 'x,Cenobamate,,Red,,'));
    expect(problemsOf(result)).toEqual([['blank-status', [2]]]);
    expect(result.report.problems[0]?.message).toBe(
      '"Lithium" has no status; give it one (or delete the row).',
    );
    expect(result.pack?.rules.map((r) => r.id)).toEqual(['cenobamate']);
  });

  test('an unknown status is reported, naming the labels the mapping knows', () => {
    const result = convert(list('x,Lithium,,Amber*,,'));
    expect(problemsOf(result)).toEqual([['unknown-status', [2]]]);
    expect(result.report.problems[0]?.message).toMatch(
      /status "Amber\*", which the mapping does not list \(it knows "Red", "Grey"/,
    );
  });

  test('status labels match whatever their case and punctuation', () => {
    const result = convert(
      list('x,Lithium,,AMBER - SCP,,', 'x,Sertraline,,green (specialist advice),,'),
    );
    expect(result.report.overridden.map((o) => o.ruleId)).toEqual(['lithium']);
    expect(result.report.skipped.map((s) => s.row)).toEqual([3]);
  });

  test('duplicate rows are merged into one rule and reported', () => {
    const result = convert(
      list(
        'x,Lithium carbonate,Priadel,Amber SCP,Levels 3-monthly.,',
        'x,Lithium,Li-Liquid,Amber SCP,Levels 3-monthly.,',
        'x,Priadel,,Amber SCP,,',
      ),
    );
    expect(problemsOf(result)).toEqual([['duplicate', [2, 3, 4]]]);
    expect(result.report.problems[0]?.outcome).toBe('merged');
    expect(result.report.overridden).toEqual([
      expect.objectContaining({ ruleId: 'lithium', rows: [2, 3, 4] }),
    ]);
    expect(ruleOf(result, 'lithium').notes).toBe(
      'Example ICB APC traffic-light list status: Amber SCP. Levels 3-monthly.',
    );
  });

  test('conflicting rows are reported and make no rule, so the bundled rule stays', () => {
    const result = convert(
      list('x,Lithium (tablets),,Red,,', 'x,Lithium carbonate,Priadel,Green,,'),
    );
    expect(problemsOf(result)).toEqual([['conflict', [2, 3]]]);
    expect(result.report.problems[0]?.message).toMatch(
      /bundled rule lithium .*"Red", "Green".*the bundled rule still applies/,
    );
    expect(result.pack).toBeNull();
    expect(result.report.errors).toEqual([NO_RULES]);
    expect(result.report.skipped).toEqual([]);
  });

  test('a new medicine named twice with different statuses conflicts too', () => {
    const result = convert(
      list('x,Cenobamate (adults),,Red,,', 'x,Cenobamate (children),,Amber 1,,'),
    );
    expect(problemsOf(result)).toEqual([['conflict', [2, 3]]]);
    expect(result.report.problems[0]?.message).toMatch(/A screen cannot see indications or ages/);
  });

  test('Windows-1252 bytes are decoded with a warning', () => {
    // "Cladribine (Mavenclad®)" and a note with a curly apostrophe and an en dash, as Excel saves them.
    const text = list(
      '8.2,Cladribine (Mavenclad\u00ae),,Red,Neurologist\u2019s patients only \u2013 see MS pathway.,',
    );
    const cp1252 = new Uint8Array(
      [...text].map(
        (ch) => ({ '\u00ae': 0xae, '\u2019': 0x92, '\u2013': 0x96 })[ch] ?? ch.charCodeAt(0),
      ),
    );
    const result = convert(cp1252);
    expect(result.report.encoding).toBe('windows-1252');
    expect(result.report.warnings[0]).toMatch(/not UTF-8 \(first at line 2\)/);
    const rule = ruleOf(result, 'cladribine');
    expect(rule.names).toEqual(['Cladribine', 'Mavenclad']);
    expect(rule.notes).toContain('Neurologist’s patients only – see MS pathway.');
  });

  test('semicolon-delimited files are detected', () => {
    const result = convert(
      'Drug;Brand names;Traffic light;Comments;Link;BNF Chapter\nMethotrexate (oral);Maxtrex, Jylamvo;Amber SCP;Weekly, not daily;;10.1\n',
    );
    expect(result.report.delimiter).toBe(';');
    expect(ruleOf(result, 'methotrexate').notes).toContain('Weekly, not daily.');
  });

  test('non-empty cells beyond the header are reported but the row converts', () => {
    const result = convert(list('x,Cenobamate,,Red,,,stray text'));
    expect(problemsOf(result)).toEqual([['extra-cells', [2]]]);
    expect(result.report.problems[0]?.message).toMatch(/"stray text"/);
    expect(result.report.created.map((o) => o.ruleId)).toEqual(['cenobamate']);
  });

  test('an http link is reported and the formulary home page cited instead', () => {
    const result = convert(list('x,Cenobamate,,Red,,http://apc.example.nhs.uk/cenobamate'));
    expect(problemsOf(result)).toEqual([['link-not-https', [2]]]);
    expect(ruleOf(result, 'cenobamate').sources).toEqual([
      expect.objectContaining({ url: 'https://apc.example.nhs.uk/traffic-lights' }),
    ]);
  });

  test('a name one slip from a bundled name becomes a new rule, with a warning', () => {
    const result = convert(list('x,Hydroxychloroquin,,Amber SCP,,'));
    expect(problemsOf(result)).toEqual([['possible-misspelling', [2]]]);
    expect(result.report.problems[0]?.message).toMatch(
      /looks like "Hydroxychloroquine" \(rule hydroxychloroquine\)/,
    );
  });

  test('a new rule never takes a bundled rule id', () => {
    // The bundled grass-pollen-immunotherapy rule lists only "Grazax".
    const result = convert(list('x,Grass pollen immunotherapy,,Red,,'));
    expect(result.report.created.map((o) => o.ruleId)).toEqual([
      'grass-pollen-immunotherapy-local',
    ]);
  });

  test('a brand two new rules give different statuses stays with the first', () => {
    const result = convert(
      list('x,Insulin glargine,Examplin,Amber 1,,', 'x,Insulin degludec,Examplin,Red,,'),
    );
    expect(problemsOf(result)).toEqual([['name-conflict', [3]]]);
    expect(ruleOf(result, 'insulin-glargine').names).toEqual(['Insulin glargine', 'Examplin']);
    expect(ruleOf(result, 'insulin-degludec').names).toEqual(['Insulin degludec']);
  });

  test('notes longer than the pack allows are cut short and reported', () => {
    const result = convert(list(`x,Cenobamate,,Red,${'Long note. '.repeat(400)},`));
    expect(problemsOf(result)).toEqual([['too-long', [2]]]);
    expect(ruleOf(result, 'cenobamate').notes?.length).toBe(4000);
  });

  test('a status with no wording still validates; the bundled text is shown, as the validator says', () => {
    const map: RagMapping = {
      ...mapping,
      statuses: [{ labels: ['Red'], category: 'no-commissioned-service' }],
    };
    const result = convert(list('x,Cenobamate,,Red,,'), {}, map);
    expect(result.pack?.rules[0]?.position).toBeUndefined();
    expect(result.report.warnings).toEqual([
      'warning at rules[0].position: No position text for category "no-commissioned-service" in this rule or the pack; the bundled pack\'s text will be shown (rule cenobamate, from row 2)',
    ]);
  });
});

describe('malformed files stop with a clear error and no pack', () => {
  test.each<[string, Uint8Array | string, string]>([
    ['an empty file', new Uint8Array(0), 'The file is empty: it has no header row and no rows'],
    ['a header row only', HEADER + '\r\n', 'The file has a header row but no rows of medicines'],
    [
      'a header and blank rows only',
      HEADER + '\r\n,,,,,\r\n\r\n',
      'The file has a header row but no rows of medicines',
    ],
    [
      'a blank first row',
      '\r\n' + list('x,Lithium,,Red,,'),
      'Row 1 is blank: the first row must be the header row naming the columns',
    ],
    [
      'an unterminated quote',
      list(
        '4.2,Lithium,Priadel,Amber SCP,ok,',
        '10.1,Methotrexate (oral),,Amber SCP,"Weekly dose,',
        '10.1,Leflunomide,,Amber SCP,,',
      ),
      'Row 3 (line 3), column 5 ("Comments"): a quoted cell starts here and is never closed; add the missing closing quote (") or remove the opening one',
    ],
    [
      'text after a closing quote',
      list('4.4,Methylphenidate,"Concerta XL" or Delmosart,Amber SCP,,'),
      'Row 2 (line 2), column 3 ("Brand names"): text follows the closing quote of a quoted cell; a quote inside a quoted cell must be written twice ("")',
    ],
    [
      'a missing status column',
      'BNF Chapter,Drug,Brand names,RAG,Comments,Link\r\n4.2,Lithium,,Red,,\r\n',
      'The header row has no column "Traffic light" (mapping columns.status). The header has: "BNF Chapter", "Drug", "Brand names", "RAG", "Comments", "Link"',
    ],
    [
      'a column named twice',
      'Drug,Drug,Brand names,Traffic light,Comments,Link\r\nLithium,Lithium,,Red,,\r\n',
      'The header row has column "Drug" (mapping columns.drug) more than once (columns 1 and 2); rename one',
    ],
    [
      'an Excel workbook',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
      'This is a spreadsheet workbook (.xlsx/.xls), not a CSV file. Open it in Excel and use File → Save As → "CSV UTF-8 (Comma delimited)", then convert the CSV',
    ],
  ])('%s', (_name, input, error) => {
    const result = convert(input);
    expect(result.pack).toBeNull();
    expect(result.report.errors).toEqual([error]);
  });

  test('missing pack details are all listed, with the rows still reported', () => {
    const bare: RagMapping = { columns: mapping.columns, statuses: mapping.statuses };
    const result = convert(list('x,Lithium,,Amber SCP,,'), {}, bare);
    expect(result.pack).toBeNull();
    expect(result.report.errors).toEqual([
      'No pack publisher (pack.publisher): set it in the mapping file or pass --publisher',
      'No pack id (pack.packId): set it in the mapping file or pass --pack-id',
      'No pack name (pack.name): set it in the mapping file or pass --name',
      'No pack licence (pack.licence): set it in the mapping file or pass --licence',
      'No formulary name for the rules to cite (source.title): set it in the mapping file or pass --source-title',
      'No https link to the formulary for the rules to cite (source.url): set it in the mapping file or pass --source-url',
    ]);
    expect(result.report.overridden.map((o) => o.ruleId)).toEqual(['lithium']);
  });

  test('a validator error inside a rule names the rows it came from', () => {
    // "Cоncerta" with a Cyrillic "о": looks right, matches nothing on a screen.
    const result = convert(list('x,Methylphenidate,C\u043encerta Retard,Amber SCP,,'));
    expect(result.pack).toBeNull();
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0]).toMatch(
      /^error at rules\[0\]\.names\[\d+\]: .*Cyrillic.* \(rule methylphenidate, from row 2\)$/,
    );
  });

  test('an invalid pack id from the options is the validator’s error', () => {
    const result = convert(list('x,Lithium,,Amber SCP,,'), { pack: { packId: 'Example ICB' } });
    expect(result.pack).toBeNull();
    expect(result.report.errors).toEqual([
      'error at packId: packId must be lower-case letters and digits joined by hyphens',
    ]);
  });
});

describe('pack details', () => {
  test('options win over the mapping; dates and version default from today', () => {
    const result = convert(list('x,Lithium,,Amber SCP,,'), {
      pack: { packId: 'llr-local', name: 'LLR local' },
      source: { url: 'https://formulary.example.nhs.uk/' },
    });
    expect(result.pack).toMatchObject({
      packId: 'llr-local',
      name: 'LLR local',
      publisher: 'NHS Example ICB Medicines Optimisation Team',
      packVersion: '2026.11.24',
      publishedAt: '2026-11-24',
      reviewBy: '2027-11-24',
    });
    expect(result.pack?.description).toMatch(
      /^Local positions from Example ICB APC traffic-light list \(https:\/\/formulary\.example\.nhs\.uk\/\).*1 rules replace national rules and 0 are new/,
    );
    expect(ruleOf(result, 'lithium').lastReviewed).toBe('2026-11-24');
  });

  test('a pack published on 29 February is reviewed by 28 February next year', () => {
    const result = convert(list('x,Lithium,,Amber SCP,,'), {
      pack: { publishedAt: '2028-02-29' },
      today: '2028-03-01',
    });
    expect(result.pack?.reviewBy).toBe('2029-02-28');
  });
});

describe('green rows that switch the national flag off (issue #20)', () => {
  const greenOff: RagMapping = {
    ...mapping,
    statuses: [
      ...mapping.statuses.filter((s) => !s.labels.includes('Green')),
      { labels: ['Green'], disable: 'Green on the ICB formulary: GPs prescribe it' },
    ],
  };

  test('a green row naming a national rule switches it off, with the reason', () => {
    const result = convert(
      list(
        '6.2,Liothyronine,,Green,Prescribed in primary care.,',
        '2.8,Warfarin,,Green,,',
        '4.2,Lithium,Priadel,Amber SCP,,',
      ),
      {},
      greenOff,
    );
    expect(result.report.switchedOff.map((o) => [o.row, o.ruleId])).toEqual([
      [2, 'liothyronine'],
      [3, 'warfarin'],
    ]);
    expect(result.pack?.disable).toEqual([
      {
        ruleId: 'liothyronine',
        reason:
          'Example ICB APC traffic-light list status: Green. Green on the ICB formulary: GPs prescribe it',
      },
      {
        ruleId: 'warfarin',
        reason:
          'Example ICB APC traffic-light list status: Green. Green on the ICB formulary: GPs prescribe it',
      },
    ]);
    const { compiled } = activateRuleSet(
      [
        { layer: 'bundled', pack: bundled },
        { layer: 'local', pack: result.pack as RulePack },
      ],
      { fuzzy: false },
    );
    const ids = (text: string) => matchText(compiled, text).flatMap((m) => m.ruleIds);
    expect(ids('Liothyronine 20microgram tablets')).toEqual([]);
    expect(ids('Warfarin 1mg tablets')).toEqual([]);
    expect(ids('Lithium carbonate')).toEqual(['lithium']);
  });

  test('a list that only switches flags off still makes a pack', () => {
    const result = convert(list('6.2,Liothyronine,,Green,,'), {}, greenOff);
    expect(result.report.errors).toEqual([]);
    expect(result.pack?.rules).toEqual([]);
    expect(result.pack?.disable?.map((d) => d.ruleId)).toEqual(['liothyronine']);
  });

  test('a dependence-forming national flag is never switched off by a colour', () => {
    const result = convert(list('4.7,Codeine,,Green,,'), {}, greenOff);
    expect(result.report.switchedOff).toEqual([]);
    expect(result.report.skipped[0]?.reason).toContain(
      'a traffic light does not change whether a medicine is dependence-forming, so the national flag stays',
    );
  });
});

describe('a worksheet read from an .xlsx file', () => {
  test('converts like the same list as CSV, numbering rows as the sheet does', () => {
    const rows = [
      HEADER.split(','),
      ['4.2', 'Lithium', 'Priadel', 'Amber SCP', '', ''],
      ['', '', '', '', '', ''],
      ['10.1', 'Methotrexate', '', 'Purple', '', ''],
    ];
    const result = convertRagCsv({ sheet: 'Formulary', rows }, mapping, bundled, { today: TODAY });
    expect(result.report.encoding).toBe('xlsx');
    expect(result.report.overridden.map((o) => [o.ruleId, o.rows])).toEqual([['lithium', [2]]]);
    expect(problemsOf(result)).toEqual([['unknown-status', [4]]]);
  });

  test('an empty sheet is refused by name', () => {
    const result = convertRagCsv({ sheet: 'Sheet2', rows: [] }, mapping, bundled);
    expect(result.report.errors).toEqual([
      'The sheet “Sheet2” is empty: it has no header row and no rows',
    ]);
  });
});

describe('a services column (#19): the local service a row is prescribed under', () => {
  const SERVICE_HEADER = 'Drug,Traffic light,Local service';
  const withService: RagMapping = {
    ...mapping,
    columns: { drug: 'Drug', status: 'Traffic light', service: 'Local service' },
    services: [{ labels: ['Shared care LES', 'LES'], service: 'shared-care-les' }],
  };
  const rows = (...r: string[]) => [SERVICE_HEADER, ...r].join('\r\n') + '\r\n';

  test('mapped values give the pack that service, covering exactly the rows’ rules', () => {
    const result = convert(
      rows(
        'Azathioprine,Amber SCP,Shared care LES',
        'Mercaptopurine,Amber SCP,LES',
        'Methotrexate (oral),Amber SCP,DMARD monitoring',
        'Rifaximin,Amber SCP,',
        'Apixaban,Green,Shared care LES',
      ),
      {},
      withService,
    );
    expect(result.report.errors).toEqual([]);
    const national = bundled.services?.find((s) => s.id === 'shared-care-les');
    const les = result.pack?.services?.find((s) => s.id === 'shared-care-les');
    expect(les).toEqual({ ...national, covers: { rules: ['azathioprine', 'mercaptopurine'] } });
    // A value that spells a service's name is linked without a mapping entry.
    expect(result.pack?.services?.find((s) => s.id === 'dmard-monitoring')?.covers).toEqual({
      rules: ['methotrexate'],
    });
    expect(result.report.services.map((x) => [x.id, x.rows])).toEqual([
      ['dmard-monitoring', [4]],
      ['shared-care-les', [2, 3]],
    ]);
    // The green row is not flagged, so it joins no service.
    expect(result.report.services.flatMap((x) => x.rules)).not.toContain('apixaban');
  });

  test('an unknown value is reported with its rows; the rule is still converted', () => {
    const result = convert(rows('Azathioprine,Amber SCP,Hospital at home'), {}, withService);
    expect(ruleOf(result, 'azathioprine').categories).toEqual(['shared-care']);
    expect(result.pack?.services).toBeUndefined();
    expect(problemsOf(result)).toEqual([['unknown-service', [2]]]);
    expect(result.report.problems[0]?.message).toMatch(
      /^Service "Hospital at home" is not a service of the packs in force \("Shared care local enhanced service" \(shared-care-les\)/,
    );
  });

  test('a mapping with "services" but no service column is refused', () => {
    const result = parseRagMappingText(
      JSON.stringify({ ...mapping, services: withService.services }),
    );
    expect(result.ok ? [] : result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'services: services says what the values of a service column mean; name that column in columns.service',
    ]);
  });
});
