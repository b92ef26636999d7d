import { render, screen } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { DrugPopover } from './DrugPopover';
import { card } from '../../tests/support/cards';

describe('DrugPopover', () => {
  test('shows the drug, the name as shown, category, position, advice, source and pack', () => {
    render(<DrugPopover card={card()} headingId="h" />);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Zopiclone');
    expect(screen.getByText('Shown as “Zimovane”, a name for Zopiclone')).toBeTruthy();
    expect(screen.getByText('Dependence-forming')).toBeTruthy();
    expect(screen.getByTestId('plens-position').textContent).toContain('dependence');
    expect(screen.getByTestId('plens-advice').textContent).toContain('taper slowly');
    const link = screen.getByRole('link', { name: 'Prescribed medicines review: report' });
    expect(link.getAttribute('href')).toBe(
      'https://www.gov.uk/government/publications/prescribed-medicines-review-report',
    );
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(
      screen.getByText(/Prescribing Lens national pack, version 2026\.11\.0/).textContent,
    ).toContain('review by 24 May 2027');
  });

  test('opens with the one-line summary, before the detail, and never repeats the pack layer', () => {
    const { container } = render(<DrugPopover card={card()} headingId="h" />);
    const summary = screen.getByTestId('plens-summary');
    expect(summary.textContent).toBe(card().summary);
    // The summary comes straight after the heading, before position and advice.
    expect(container.querySelector('h2 + p')).toBe(summary);
    expect(container.textContent).not.toMatch(/national pack[^]*\(national pack\)/);
  });

  test('another category’s position is not prefixed by a label it already starts with', () => {
    render(
      <DrugPopover
        card={card({
          alsoPositions: [
            { category: 'shared-care', position: 'Shared care is voluntary, non-core work.' },
            { category: 'no-commissioned-service', position: 'Outside essential services.' },
          ],
        })}
        headingId="h"
      />,
    );
    const also = [...document.querySelectorAll('.plens-also')].map((p) => p.textContent);
    expect(also).toEqual([
      'Shared care is voluntary, non-core work.',
      'No commissioned service: Outside essential services.',
    ]);
  });

  test('a possible (fuzzy) match says so and never reads as certain', () => {
    render(<DrugPopover card={card({ kind: 'fuzzy', matchedText: 'zopiclon' })} headingId="h" />);
    expect(screen.getByTestId('plens-possible').textContent).toBe(
      'Possible match: “zopiclon” is not an exact name. Did you mean Zopiclone?',
    );
  });

  test('a family name is a possible match that says to check which product it is', () => {
    render(
      <DrugPopover
        card={card({ kind: 'fuzzy', isFamily: true, matchedText: 'Solpadeine', drug: 'Codeine' })}
        headingId="h"
      />,
    );
    expect(screen.getByTestId('plens-possible').textContent).toBe(
      'Possible match: “Solpadeine” names several products, and only some contain codeine. Check which product this is.',
    );
  });

  test('pack text is rendered as text, never as HTML', () => {
    const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
    const { container } = render(
      <DrugPopover
        card={card({ position: hostile, advice: hostile, drug: hostile })}
        headingId="h"
      />,
    );
    expect(container.querySelector('img,script')).toBeNull();
    expect(screen.getByTestId('plens-position').textContent).toBe(hostile);
  });

  test('a non-https source is shown as plain text, not a link', () => {
    render(
      <DrugPopover
        card={card({
          sources: [{ title: 'Old page', publisher: 'X', url: 'javascript:alert(1)' }],
        })}
        headingId="h"
      />,
    );
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('Old page')).toBeTruthy();
  });

  test('a rule its pack gave no source says so in the source place, naming the pack', () => {
    render(
      <DrugPopover
        card={card({
          sources: [],
          pack: { ...card().pack, name: 'Example ICB local positions', layer: 'local' },
        })}
        headingId="h"
      />,
    );
    expect(screen.getByTestId('plens-no-source').textContent).toBe(
      'No source given by Example ICB local positions',
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  test('a possible current medicine says the page does not say, and to check the record', () => {
    render(<DrugPopover card={card({ isUnstated: true })} headingId="h" />);
    expect(screen.getByTestId('plens-unstated-note').textContent).toContain(
      'Possible current medicine: the page does not say whether it is current or past.',
    );
  });

  test('says when the name is in a past or discontinued section', () => {
    render(<DrugPopover card={card({ isPast: true })} headingId="h" />);
    expect(screen.getByTestId('plens-past-note').textContent).toContain('past or discontinued');
  });

  test('says when the name is only mentioned, not listed as a current medicine (issue #18)', async () => {
    const { container } = render(<DrugPopover card={card({ isMention: true })} headingId="h" />);
    expect(screen.getByTestId('plens-mention-note').textContent).toContain(
      'not listed as a current medicine',
    );
    expect(screen.getByTestId('plens-mention-note').textContent).toContain(
      'an allergy or problem entry',
    );
    expect(await axeViolations(container)).toEqual([]);
  });

  test('warns when the pack is past its review date', () => {
    render(<DrugPopover card={card({ reviewOverdue: true })} headingId="h" />);
    expect(screen.getByRole('note').textContent).toContain('Review date passed');
  });

  test('lists every category and the other categories’ positions', () => {
    render(
      <DrugPopover
        card={card({
          categories: ['shared-care', 'no-commissioned-service'],
          alsoPositions: [
            { category: 'no-commissioned-service', position: 'No adult ADHD service here.' },
          ],
        })}
        headingId="h"
      />,
    );
    const badges = screen.getByRole('list', { name: 'Categories' });
    expect(badges.textContent).toBe('Shared careNo commissioned service');
    expect(screen.getByText('No adult ADHD service here.')).toBeTruthy();
  });

  test.each([
    ['exact', card()],
    ['fuzzy', card({ kind: 'fuzzy' })],
    ['overdue', card({ reviewOverdue: true, notes: 'Varies by ICB.' })],
  ])('is accessible (%s)', async (_state, c) => {
    const { container } = render(
      <div role="dialog" aria-labelledby="h">
        <DrugPopover card={c} headingId="h" />
      </div>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
