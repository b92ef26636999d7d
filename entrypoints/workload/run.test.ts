import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { activateRuleSet, bundledPack } from '@/rules/bundled';
import type { WorkloadReply, WorkloadRequest } from './protocol';
import { ROWS_PER_SLICE, runWorkload } from './run';

const active = activateRuleSet([{ layer: 'bundled', pack: bundledPack() }]);
const rules = () => active;
const encoder = new TextEncoder();

function request(bytes: Uint8Array, overrides: Partial<WorkloadRequest> = {}): WorkloadRequest {
  return {
    source: { kind: 'csv', bytes },
    layers: [],
    columns: null,
    dropIdentifiers: false,
    services: null,
    ...overrides,
  };
}

async function run(req: WorkloadRequest): Promise<WorkloadReply[]> {
  const replies: WorkloadReply[] = [];
  await runWorkload(req, rules, (m) => replies.push(m));
  return replies;
}

const fixture = (name: string) => readFileSync(`tests/fixtures/workload/${name}`);
const last = (replies: WorkloadReply[]) => replies[replies.length - 1];

describe('runWorkload', () => {
  test('an EMIS Web export is counted with progress, ending in the summary', async () => {
    const replies = await run(request(fixture('emis-web-medication-report.csv')));
    expect(replies[0]).toEqual({ kind: 'progress', done: 0, total: 16 });
    const done = last(replies);
    expect(done?.kind).toBe('done');
    if (done?.kind === 'done') {
      expect(done.summary.rowsFlagged).toBe(12);
      expect(done.summary.columnsRead).toEqual({
        drug: 'Medication Name',
        patients: 'Patient Count',
        issues: 'Issue Count',
        date: 'Last Issue Date',
      });
    }
  });

  test('an export with an NHS-number column is refused, and no cell of it is in the reply', async () => {
    const replies = await run(request(fixture('emis-web-with-nhs-number.csv')));
    expect(replies).toEqual([
      {
        kind: 'identifiers',
        header: ['NHS Number', 'Medication Name', 'Last Issue Date'],
        identifiers: [{ index: 0, header: 'NHS Number', looksLike: 'an NHS number' }],
      },
    ]);
  });

  test('with consent the identifier column is dropped unread: the summary holds no cell of it', async () => {
    const replies = await run(
      request(fixture('emis-web-with-nhs-number.csv'), { dropIdentifiers: true }),
    );
    const done = last(replies);
    expect(done?.kind).toBe('done');
    const text = JSON.stringify(replies);
    expect(text).not.toContain('943 476');
    expect(text).not.toContain('9434765');
    if (done?.kind === 'done') expect(done.summary.droppedColumns).toBe(1);
  });

  test('the user cannot choose a refused column', async () => {
    const replies = await run(
      request(fixture('emis-web-with-nhs-number.csv'), {
        dropIdentifiers: true,
        columns: { drug: 0, patients: null, issues: null, date: null },
      }),
    );
    expect(last(replies)).toMatchObject({ kind: 'choose-columns', refused: [0] });
  });

  test('a malformed count gives its row and column', async () => {
    const replies = await run(request(fixture('malformed-count.csv')));
    expect(last(replies)).toEqual({
      kind: 'error',
      message:
        'Row 3, column 2 ("Patient Count"): the cell is not a whole number of patients or issues. Correct it in the export (or choose the right column) and try again',
    });
  });

  test('a broken quote gives its row, line and column', async () => {
    const bytes = encoder.encode('Drug,Patients\n"Warfarin 1mg tablets,3\n');
    const reply = last(await run(request(bytes)));
    expect(reply?.kind).toBe('error');
    if (reply?.kind === 'error') expect(reply.message).toContain('Row 2 (line 2)');
  });

  test('an unknown header asks for the columns, then counts them', async () => {
    const bytes = encoder.encode(
      'Thing,Amount\nWarfarin 1mg tablets,3\nZopiclone 7.5mg tablets,2\n',
    );
    expect(last(await run(request(bytes)))).toEqual({
      kind: 'choose-columns',
      header: ['Thing', 'Amount'],
      suggestion: null,
      refused: [],
    });
    const reply = last(
      await run(request(bytes, { columns: { drug: 0, patients: 1, issues: null, date: null } })),
    );
    expect(reply?.kind === 'done' && reply.summary.byCategory.map((c) => c.patients)).toEqual([
      3, 2,
    ]);
  });

  test('50,000 rows: progress in slices, the right totals', async () => {
    const lines = ['"Medication Name","Patient Count","Issue Count"'];
    for (let i = 0; i < 50_000; i++)
      lines.push(i % 2 === 0 ? '"Warfarin 1mg tablets","1","6"' : `"Other medicine ${i}","1","1"`);
    const replies = await run(request(encoder.encode(lines.join('\r\n'))));
    const progress = replies.filter((r) => r.kind === 'progress');
    expect(progress).toHaveLength(50_000 / ROWS_PER_SLICE + 1);
    const done = last(replies);
    expect(done?.kind === 'done' && done.summary.byCategory[0]).toMatchObject({
      category: 'no-commissioned-service',
      patients: 25_000,
      issues: 150_000,
    });
  });
});
