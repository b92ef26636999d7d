import { render, screen, within } from '@testing-library/preact';
import { describe, expect, test } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { invalidCheck } from '../../tests/support/options-snapshot';
import { ValidationIssues } from './ValidationIssues';

describe('ValidationIssues', () => {
  test('says the file was not imported and that nothing changed', () => {
    render(<ValidationIssues fileName="broken-pack.json" issues={invalidCheck.issues} />);
    screen.getByRole('heading', { name: '“broken-pack.json” was not imported' });
    expect(screen.getByTestId('plens-validation-issues').textContent).toContain(
      'Nothing has changed: the rules in force are the same as before.',
    );
  });

  test('lists every error by rule number, id and drug with a plain reason, warnings apart', () => {
    render(<ValidationIssues fileName="broken-pack.json" issues={invalidCheck.issues} />);
    const errors = within(screen.getByTestId('plens-errors')).getAllByRole('listitem');
    expect(errors.map((li) => li.textContent)).toEqual([
      "Rule 1 (id 'amlodipine-local', Amlodipine), source 1: Source url must be an https:// link with a host",
      'Pack details: "reviewBy" is missing: add the date by which the pack must be reviewed again, written YYYY-MM-DD',
    ]);
    // The JSON path stays available to whoever edits the file.
    expect(errors[0]?.querySelector('.plens-issue-path')?.getAttribute('title')).toBe(
      'rules[0].sources[0].url',
    );
    screen.getByRole('heading', { name: 'Problems (2)' });
    expect(within(screen.getByTestId('plens-warnings')).getAllByRole('listitem')).toHaveLength(1);
  });

  test('a whole-file problem reads as such, not as a cryptic path', () => {
    render(
      <ValidationIssues
        fileName="notes.txt"
        issues={[{ path: '(file)', message: 'The file is not valid JSON', severity: 'error' }]}
      />,
    );
    expect(screen.getByText('Whole file')).toBeTruthy();
    screen.getByRole('heading', { name: 'Problem' });
  });

  test('moves focus to its heading so keyboard users land on the result', () => {
    render(<ValidationIssues fileName="broken-pack.json" issues={invalidCheck.issues} />);
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: '“broken-pack.json” was not imported' }),
    );
  });

  test('pack text in a message is rendered as text, never as HTML', () => {
    const hostile = '<img src=x onerror="window.pwned=1">';
    const { container } = render(
      <ValidationIssues
        fileName={hostile}
        issues={[{ path: hostile, message: hostile, severity: 'error' }]}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
  });

  test('is accessible (errors shown)', async () => {
    const { container } = render(
      <main>
        <h2>Import</h2>
        <ValidationIssues fileName="broken-pack.json" issues={invalidCheck.issues} />
      </main>,
    );
    expect(await axeViolations(container)).toEqual([]);
  });
});
