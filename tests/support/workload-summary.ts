/** A small workload summary, as the counter returns it, for the workload components' tests. */
import type { WorkloadSummary } from '../../rules/views/workload';

export function sampleSummary(overrides: Partial<WorkloadSummary> = {}): WorkloadSummary {
  return {
    shape: 'emis-web',
    measures: { patients: true, issues: true },
    rowsRead: 16,
    rowsFlagged: 12,
    byCategory: [
      {
        category: 'shared-care',
        label: 'Shared care',
        rows: 7,
        patients: 125,
        issues: 752,
        drugs: 7,
      },
      {
        category: 'no-commissioned-service',
        label: 'No commissioned service',
        rows: 2,
        patients: 59,
        issues: 410,
        drugs: 2,
      },
    ],
    byRule: [
      {
        ruleId: 'warfarin',
        drug: 'Warfarin',
        category: 'no-commissioned-service',
        rows: 1,
        patients: 55,
        issues: 402,
      },
      {
        ruleId: 'methotrexate',
        drug: 'Methotrexate',
        category: 'shared-care',
        rows: 1,
        patients: 34,
        issues: 201,
      },
    ],
    byService: null,
    unfunded: [
      {
        label: 'Shared care with no signed agreement recorded here',
        rows: 7,
        patients: 125,
        issues: 752,
        drugs: 7,
        ruleIds: ['methotrexate'],
      },
      {
        label: 'Medicines with no commissioned service',
        rows: 2,
        patients: 59,
        issues: 410,
        drugs: 2,
        ruleIds: ['warfarin'],
      },
    ],
    unmatched: [{ name: 'Atorvastatin 20mg tablets', rows: 1, patients: 812, issues: 4870 }],
    possible: [
      {
        name: 'Azathioprin 25mg tablets',
        perhaps: ['Azathioprine'],
        rows: 1,
        patients: 2,
        issues: 12,
      },
    ],
    period: { from: '2025-12-02', to: '2026-11-30' },
    droppedColumns: 0,
    columnsRead: {
      drug: 'Medication Name',
      patients: 'Patient Count',
      issues: 'Issue Count',
      date: 'Last Issue Date',
    },
    ...overrides,
  };
}
