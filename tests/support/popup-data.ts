/** Realistic popup data for component tests: the GP demo screen's medicines, and a fake store. */
import { vi } from 'vitest';
import { card } from './cards';
import type { PopoverCard } from '@/rules/views/card';
import type {
  LetterView,
  LookupHit,
  PageView,
  PopupDrug,
  PopupStore,
  RulesView,
} from '../../components/popup/types';

export function drug(overrides: Partial<PopupDrug> = {}): PopupDrug {
  return {
    ruleId: 'zopiclone',
    drug: 'Zopiclone',
    categories: ['dependence-forming'],
    names: ['Zopiclone'],
    current: 1,
    past: 1,
    possible: 0,
    dismissed: false,
    ...overrides,
  };
}

/** Part of the GP demo screen: one medicine per category, one only in past medication. */
export const GP_DRUGS: readonly PopupDrug[] = [
  drug({
    ruleId: 'methotrexate',
    drug: 'Methotrexate',
    categories: ['shared-care'],
    names: ['Methotrexate', 'methotrexate'],
    current: 2,
    past: 0,
  }),
  drug({
    ruleId: 'liothyronine',
    drug: 'Liothyronine',
    categories: ['specialist-initiation'],
    names: ['Liothyronine'],
    past: 0,
  }),
  drug({
    ruleId: 'warfarin',
    drug: 'Warfarin',
    categories: ['no-commissioned-service', 'specialist-initiation'],
    names: ['Warfarin'],
    past: 0,
  }),
  drug({ ruleId: 'codeine', drug: 'Codeine', names: ['Co-codamol'], past: 0 }),
  drug(),
  drug({ ruleId: 'tramadol', drug: 'Tramadol', names: ['Tramadol'], current: 0, past: 1 }),
];

export const LETTERS: readonly LetterView[] = [
  {
    id: 'patient-withdrawal-support',
    title: 'Note for the patient about withdrawal support',
    audience: 'patient',
    text: 'About your medicine: Zopiclone\n\nWritten 24 November 2026 by your GP practice.',
  },
];

const ZOPICLONE_CARD: PopoverCard = card({ matchedText: 'Zopiclone' });

/** A rules view over Zopiclone ("zopiclon", "Zimovane") and Zolpidem. */
export function fakeRules(): RulesView {
  const hits: Record<string, LookupHit> = {
    zopiclone: { ruleId: 'zopiclone', drug: 'Zopiclone', matchedName: 'Zopiclone' },
    zimovane: { ruleId: 'zopiclone', drug: 'Zopiclone', matchedName: 'Zimovane' },
    zolpidem: { ruleId: 'zolpidem', drug: 'Zolpidem', matchedName: 'Zolpidem' },
  };
  return {
    search: (query) => {
      const q = query.trim().toLowerCase();
      if (q.startsWith('zimo')) return [hits.zimovane as LookupHit];
      if (q === 'zo') return [hits.zopiclone as LookupHit, hits.zolpidem as LookupHit];
      if (q.startsWith('zop')) return [hits.zopiclone as LookupHit];
      return [];
    },
    cardFor: (ruleId) =>
      ruleId === 'zopiclone'
        ? ZOPICLONE_CARD
        : ruleId === 'zolpidem'
          ? card({ ruleId: 'zolpidem', drug: 'Zolpidem', matchedText: 'Zolpidem' })
          : null,
    lettersFor: (ruleId) => (ruleId === 'zopiclone' ? LETTERS : []),
  };
}

/** A store that answers at once; every method is a spy. */
export function fakeStore(page: PageView, overrides: Partial<PopupStore> = {}): PopupStore {
  return {
    loadPage: vi.fn(() => Promise.resolve(page)),
    watchPage: vi.fn(() => () => undefined),
    loadRules: vi.fn(() => Promise.resolve(fakeRules())),
    reveal: vi.fn(() => Promise.resolve(true)),
    dismiss: vi.fn(() => Promise.resolve()),
    restore: vi.fn(() => Promise.resolve()),
    checkPage: vi.fn(() => Promise.resolve()),
    copy: vi.fn(() => Promise.resolve()),
    close: vi.fn(),
    ...overrides,
  };
}
