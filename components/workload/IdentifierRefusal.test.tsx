import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, test, vi } from 'vitest';
import { axeViolations } from '../../tests/support/axe';
import { IdentifierRefusal } from './IdentifierRefusal';

describe('IdentifierRefusal', () => {
  test('names the columns by heading only and offers to drop them or choose again', async () => {
    const onDrop = vi.fn();
    const onCancel = vi.fn();
    const { container } = render(
      <IdentifierRefusal
        identifiers={[{ index: 0, header: 'NHS Number', looksLike: 'an NHS number' }]}
        onDrop={onDrop}
        onCancel={onCancel}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('Nothing was counted');
    expect(screen.getByRole('listitem').textContent).toBe(
      'Column 1 (“NHS Number”) looks like an NHS number',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Drop these columns and count the rest' }));
    fireEvent.click(screen.getByRole('button', { name: 'Choose another file' }));
    expect(onDrop).toHaveBeenCalledOnce();
    expect(onCancel).toHaveBeenCalledOnce();
    expect(await axeViolations(container)).toEqual([]);
  });
});
