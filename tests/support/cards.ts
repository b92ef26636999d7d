import type { PopoverCard } from '@/rules/views/card';

/** A realistic card, overridable per test. */
export function card(overrides: Partial<PopoverCard> = {}): PopoverCard {
  return {
    ruleId: 'zopiclone',
    drug: 'Zopiclone',
    matchedText: 'Zimovane',
    kind: 'exact',
    categories: ['dependence-forming'],
    summary:
      'Associated with dependence and withdrawal: core GP prescribing; review it with the patient and never stop it abruptly.',
    position: 'Prescribing is core GP work, but this medicine is associated with dependence.',
    advice: 'Review at a structured medication review; taper slowly.',
    alsoPositions: [],
    sources: [
      {
        title: 'Prescribed medicines review: report',
        publisher: 'Public Health England',
        date: '2019-09-10',
        url: 'https://www.gov.uk/government/publications/prescribed-medicines-review-report',
      },
    ],
    pack: {
      name: 'Prescribing Lens national pack',
      packVersion: '2026.11.0',
      publishedAt: '2026-11-24',
      reviewBy: '2027-05-24',
      layer: 'bundled',
    },
    reviewOverdue: false,
    ...overrides,
  };
}
