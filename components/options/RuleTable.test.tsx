import { fireEvent, render, screen, within } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { RuleTable } from './RuleTable';
import { core, localPack, snapshot } from '../../tests/support/options-snapshot';

const lithium = core.rules.find((r) => r.id === 'lithium');
if (!lithium) throw new Error('core.json has no lithium rule');

function search(text: string) {
  fireEvent.input(screen.getByLabelText('Search by medicine, brand or category'), {
    target: { value: text },
  });
}

const shownDrugs = () =>
  within(screen.getByTestId('plens-rule-table'))
    .getAllByRole('rowheader')
    .map((th) => th.textContent);

describe('RuleTable', () => {
  test('lists every rule in force, alphabetically, with its count', () => {
    const s = snapshot();
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    expect(shownDrugs()).toHaveLength(core.rules.length);
    expect(screen.getByTestId('plens-rule-count').textContent).toBe(
      `${core.rules.length} rules in force.`,
    );
    const drugs = shownDrugs();
    expect(drugs).toEqual(
      [...drugs].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en-GB', { sensitivity: 'base' })),
    );
  });

  test.each([
    ['zopiclon', 'Zopiclone'],
    ['Zimovane', 'Zopiclone'],
    ['methotrexat', 'Methotrexate'],
  ])('a typo or brand finds the medicine: %s → %s', (query, drug) => {
    const s = snapshot();
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    search(query);
    expect(shownDrugs()[0]).toBe(drug);
    expect(screen.getByTestId('plens-rule-count').textContent).toContain(`match “${query}”`);
  });

  test('searching by category finds its rules', () => {
    const s = snapshot();
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    search('Specialist initiation');
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('Liothyronine'));
    expect(row?.textContent).toContain('Specialist initiation');
  });

  test('shows which pack each rule came from and whether it replaces a national rule', () => {
    const s = snapshot({
      local: localPack({ rules: [{ ...lithium, notes: 'Example ICB note (fictitious).' }] }),
    });
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    search('lithium');
    const row = screen
      .getAllByRole('row')
      .find((r) => within(r).queryByRole('rowheader')?.textContent === 'Lithium');
    expect(row?.lastElementChild?.textContent).toBe('Local — replaces the national rule');
    search('zopiclone');
    const national = screen
      .getAllByRole('row')
      .find((r) => within(r).queryByRole('rowheader')?.textContent === 'Zopiclone');
    expect(national?.lastElementChild?.textContent).toBe('National');
  });

  test('rules switched off are listed with the drug, the pack and the reason', () => {
    const s = snapshot({ local: localPack() });
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    expect(screen.getByTestId('plens-disabled').textContent).toBe(
      'Melatonin — switched off by Example ICB local positions (local pack): Example ICB: prescribed on specialist advice.',
    );
  });

  test('says when nothing is switched off', () => {
    const s = snapshot();
    render(<RuleTable effective={s.effective} disabled={s.disabled} />);
    screen.getByText('No rules are switched off.');
  });

  test('is accessible (searched, with a local pack)', async () => {
    const s = snapshot({ local: localPack() });
    const { container } = render(
      <main>
        <RuleTable effective={s.effective} disabled={s.disabled} />
      </main>,
    );
    search('zopiclon');
    expect(await axeViolations(container)).toEqual([]);
  });
});
